import type { Services } from '@crm/app';
import {
  idSchema,
  QuoteCreateSchema,
  QuoteFiguresSchema,
  QuotePatchSchema,
  QuoteRejectSchema,
  QuoteTotalsSchema,
  QuoteTransitionSchema,
  QuoteViewSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { expectedVersion, IfMatchHeader } from './version-precondition.js';

const common = { tags: ['sales'] as ['sales'], security: bearerSecurity };

const OpportunityIdParam = z.object({ opportunityId: idSchema('an opportunity id') });
const QuoteIdParam = z.object({ quoteId: idSchema('a quote id') });

const QuoteListSchema = z.object({ items: z.array(QuoteViewSchema).max(1000) }).openapi('QuoteList');

const transition =
  '`version` (body) or `If-Match` makes it conditional on the version read (409 when stale); without one it applies to the current quote.';

const routes = {
  createQuote: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/opportunities/{opportunityId}/quotes',
    operationId: 'createQuote',
    summary: 'Draft a quote (报价) for an open deal',
    description:
      'Line items (quantity × unit price in minor units, each with an optional percent or amount discount), a quote-level discount, taxes on the net, currency (the deal’s by default) and the last valid day (30 days on by default). Totals are computed by the server, each step rounded half-up. Only open deals are quoted (409).',
    request: { params: OpportunityIdParam, body: jsonBody(QuoteCreateSchema) },
    responses: {
      201: jsonResponse(QuoteViewSchema, 'The draft quote'),
      ...errorResponses(403, 404, { 409: 'The deal is won or lost' }),
    },
  }),
  listQuotes: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/opportunities/{opportunityId}/quotes',
    operationId: 'listOpportunityQuotes',
    summary: 'A deal’s quotes, oldest first',
    description: 'Each as `GET /v1/quotes/{quoteId}` answers it: status as of today, order and credit hold.',
    request: { params: OpportunityIdParam },
    responses: { ...errorResponses(403, 404), 200: jsonResponse(QuoteListSchema, 'The quotes') },
  }),
  previewTotals: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/quotes/totals',
    operationId: 'previewQuoteTotals',
    summary: 'Compute a quote’s totals without saving anything',
    description:
      'The same computation a save runs (each step rounded half-up, in minor units), for an editor’s live totals; 400 with the fields when the figures are not valid.',
    request: { body: jsonBody(QuoteFiguresSchema) },
    responses: { 200: jsonResponse(QuoteTotalsSchema, 'The totals'), ...errorResponses(403) },
  }),
  getQuote: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/quotes/{quoteId}',
    operationId: 'getQuote',
    summary: 'One quote, its totals, and whether its order is on credit hold',
    description:
      'A sent quote past its `validUntil` reads as `expired`. After acceptance, `order` names the order on the customer’s timeline and `onCreditHold` says whether credit control held it.',
    request: { params: QuoteIdParam },
    responses: { ...errorResponses(403, 404), 200: jsonResponse(QuoteViewSchema, 'The quote') },
  }),
  patchQuote: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/quotes/{quoteId}',
    operationId: 'updateQuote',
    summary: 'Edit a draft quote',
    description:
      'Only a draft changes (409 once sent). `version` (body) or `If-Match` is the version read: 409 when someone changed it since, 428 without one.',
    request: { params: QuoteIdParam, body: jsonBody(QuotePatchSchema), headers: IfMatchHeader },
    responses: { 200: jsonResponse(QuoteViewSchema, 'The quote'), ...errorResponses(403, 404, 409, 428) },
  }),
  sendQuote: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/quotes/{quoteId}/send',
    operationId: 'sendQuote',
    summary: 'Mark a draft quote sent to the customer',
    description: `Draft → sent; it no longer changes. ${transition}`,
    request: { params: QuoteIdParam, body: jsonBody(QuoteTransitionSchema), headers: IfMatchHeader },
    responses: { 200: jsonResponse(QuoteViewSchema, 'The quote, sent'), ...errorResponses(403, 404, 409) },
  }),
  acceptQuote: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/quotes/{quoteId}/accept',
    operationId: 'acceptQuote',
    summary: 'Accept a sent quote: its order is recorded for the customer',
    description: `Sent (and still valid) → accepted, with an order for the quote’s total on the customer’s timeline in the same transaction; the order then meets credit control like any other. Once: a second acceptance is 409 and writes nothing. ${transition}`,
    request: { params: QuoteIdParam, body: jsonBody(QuoteTransitionSchema), headers: IfMatchHeader },
    responses: {
      200: jsonResponse(QuoteViewSchema, 'The quote, accepted, with its order'),
      ...errorResponses(403, 404, { 409: 'Not sent, expired, already decided, or changed meanwhile' }),
    },
  }),
  rejectQuote: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/quotes/{quoteId}/reject',
    operationId: 'rejectQuote',
    summary: 'Record that the customer rejected a sent quote',
    description: `Sent → rejected, with an optional reason. ${transition}`,
    request: { params: QuoteIdParam, body: jsonBody(QuoteRejectSchema), headers: IfMatchHeader },
    responses: {
      200: jsonResponse(QuoteViewSchema, 'The quote, rejected'),
      ...errorResponses(403, 404, 409),
    },
  }),
};

/** The version a transition is conditional on, when the caller gave one. */
function optionalVersion(ifMatch: string | undefined, version: number | undefined) {
  return ifMatch !== undefined || version !== undefined
    ? { expectedVersion: expectedVersion(ifMatch, version) }
    : {};
}

export function quoteRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  // Partners reach only the customers shared with them; shares do not cover sales.
  for (const path of ['/v1/quotes/*', '/v1/opportunities/*']) app.use(path, forbidPartners());
  const tenantOf = (principal: AppEnv['Variables']['principal']) => ({ tenantId: principal.tenantId });
  return app
    .openapi(routes.createQuote, async (c) =>
      c.json(
        await services.quotes.create(
          actorOf(c.var.principal),
          c.req.valid('param').opportunityId,
          c.req.valid('json'),
        ),
        201,
      ),
    )
    .openapi(routes.listQuotes, async (c) =>
      c.json(
        {
          items: await services.quotes.ofOpportunity(
            tenantOf(c.var.principal),
            c.req.valid('param').opportunityId,
          ),
        },
        200,
      ),
    )
    .openapi(routes.previewTotals, async (c) => c.json(services.quotes.totals(c.req.valid('json')), 200))
    .openapi(routes.getQuote, async (c) =>
      c.json(await services.quotes.get(tenantOf(c.var.principal), c.req.valid('param').quoteId), 200),
    )
    .openapi(routes.patchQuote, async (c) => {
      const { version, ...patch } = c.req.valid('json');
      return c.json(
        await services.quotes.update(actorOf(c.var.principal), c.req.valid('param').quoteId, {
          patch,
          expectedVersion: expectedVersion(c.req.header('if-match'), version),
        }),
        200,
      );
    })
    .openapi(routes.sendQuote, async (c) =>
      c.json(
        await services.quotes.send(
          actorOf(c.var.principal),
          c.req.valid('param').quoteId,
          optionalVersion(c.req.header('if-match'), c.req.valid('json').version),
        ),
        200,
      ),
    )
    .openapi(routes.acceptQuote, async (c) =>
      c.json(
        await services.quotes.accept(
          actorOf(c.var.principal),
          c.req.valid('param').quoteId,
          optionalVersion(c.req.header('if-match'), c.req.valid('json').version),
        ),
        200,
      ),
    )
    .openapi(routes.rejectQuote, async (c) => {
      const { version, reason } = c.req.valid('json');
      return c.json(
        await services.quotes.reject(actorOf(c.var.principal), c.req.valid('param').quoteId, {
          ...(reason !== undefined ? { reason } : {}),
          ...optionalVersion(c.req.header('if-match'), version),
        }),
        200,
      );
    });
}
