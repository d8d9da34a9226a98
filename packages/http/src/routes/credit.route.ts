import type { Services } from '@crm/app';
import {
  CreditCheckRequestSchema,
  CreditCheckResultSchema,
  CreditDecisionSchema,
  CreditFileSchema,
  CreditLimitSetSchema,
  CreditPolicyInputSchema,
  CreditPolicyViewSchema,
  ReceivableSchema,
} from '@crm/domain';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, conflictResponse, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { CustomerIdParam } from './customers.route.js';

const common = { tags: ['credit'], security: bearerSecurity };

const ListLimitQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ param: { name: 'limit', in: 'query' } }),
});

const CreditPolicyPutSchema = z
  .strictObject({ policy: CreditPolicyInputSchema, version: z.number().int().min(0).max(1e9) })
  .openapi('CreditPolicyPut');

const ReleaseSchema = z
  .strictObject({ note: z.string().trim().max(500).optional() })
  .openapi('CreditRelease');

const routes = {
  file: createRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/credit',
    summary: 'The customer’s credit file (客户信用档案): status, grade, limit, exposure, overdue, why',
    request: { params: CustomerIdParam },
    responses: { 200: jsonResponse(CreditFileSchema, 'The credit file'), 404: errorResponses[404] },
  }),
  decisions: createRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/credit/decisions',
    summary: 'The credit file’s history: every decision with its inputs and reason, newest first',
    request: { params: CustomerIdParam, query: ListLimitQuery },
    responses: {
      200: jsonResponse(z.object({ items: z.array(CreditDecisionSchema) }), 'Decisions'),
      400: errorResponses[400],
      404: errorResponses[404],
    },
  }),
  receivables: createRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/credit/receivables',
    summary: 'What the customer owes, per invoice (应收账款), oldest due first',
    request: { params: CustomerIdParam },
    responses: {
      200: jsonResponse(z.object({ items: z.array(ReceivableSchema) }), 'Receivables'),
      404: errorResponses[404],
    },
  }),
  setLimit: createRoute({
    ...common,
    method: 'put',
    path: '/v1/customers/{customerId}/credit/limit',
    summary: 'Set the customer’s limit (赊销额度) by hand, with a reason (admin)',
    description:
      'Overrides the grade’s limit. Raising it above the grade waits for a second admin when the ' +
      'policy says so (`pendingLimit`).',
    request: { params: CustomerIdParam, body: jsonBody(CreditLimitSetSchema) },
    responses: {
      200: jsonResponse(CreditFileSchema, 'The credit file'),
      400: errorResponses[400],
      403: errorResponses[403],
      404: errorResponses[404],
    },
  }),
  approveLimit: createRoute({
    ...common,
    method: 'post',
    path: '/v1/customers/{customerId}/credit/limit/approve',
    summary: 'Approve a pending limit (a second admin)',
    request: { params: CustomerIdParam },
    responses: {
      200: jsonResponse(CreditFileSchema, 'The credit file'),
      403: errorResponses[403],
      404: errorResponses[404],
      ...conflictResponse,
    },
  }),
  release: createRoute({
    ...common,
    method: 'post',
    path: '/v1/customers/{customerId}/credit/release',
    summary: 'Release a hold whose figures have cleared (policy: release needs approval; admin)',
    request: { params: CustomerIdParam, body: jsonBody(ReleaseSchema) },
    responses: {
      200: jsonResponse(CreditFileSchema, 'The credit file'),
      400: errorResponses[400],
      403: errorResponses[403],
      404: errorResponses[404],
      ...conflictResponse,
    },
  }),
  holds: createRoute({
    ...common,
    method: 'get',
    path: '/v1/credit/holds',
    summary: 'Customers on credit hold, longest held first',
    request: { query: ListLimitQuery },
    responses: {
      200: jsonResponse(z.object({ items: z.array(CreditFileSchema) }), 'Held customers'),
      400: errorResponses[400],
    },
  }),
  check: createRoute({
    ...common,
    method: 'post',
    path: '/v1/credit/check',
    summary: 'Would an order of this amount pass credit control now? Nothing is written',
    request: { body: jsonBody(CreditCheckRequestSchema) },
    responses: {
      200: jsonResponse(CreditCheckResultSchema, 'The decision'),
      400: errorResponses[400],
      404: errorResponses[404],
    },
  }),
  policy: createRoute({
    ...common,
    method: 'get',
    path: '/v1/credit/policy',
    summary: 'The tenant’s credit policy (信用政策)',
    responses: { 200: jsonResponse(CreditPolicyViewSchema, 'The policy') },
  }),
  putPolicy: createRoute({
    ...common,
    method: 'put',
    path: '/v1/credit/policy',
    summary: 'Change the credit policy (admin; `version` as read, 0 for the first)',
    request: { body: jsonBody(CreditPolicyPutSchema) },
    responses: {
      200: jsonResponse(CreditPolicyViewSchema, 'The policy'),
      400: errorResponses[400],
      403: errorResponses[403],
      ...conflictResponse,
    },
  }),
};

export function creditRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/credit/*', forbidPartners());
  app.use('/v1/customers/:customerId/credit', forbidPartners());
  app.use('/v1/customers/:customerId/credit/*', forbidPartners());
  app.on('PUT', '/v1/customers/:customerId/credit/limit', requireAdmin());
  app.on('POST', '/v1/customers/:customerId/credit/limit/approve', requireAdmin());
  app.on('POST', '/v1/customers/:customerId/credit/release', requireAdmin());
  app.on('PUT', '/v1/credit/policy', requireAdmin());
  return app
    .openapi(routes.file, async (c) =>
      c.json(
        await services.credit.file({ tenantId: c.var.principal.tenantId, ...c.req.valid('param') }),
        200,
      ),
    )
    .openapi(routes.decisions, async (c) => {
      const items = await services.credit.decisions({
        tenantId: c.var.principal.tenantId,
        ...c.req.valid('param'),
        limit: c.req.valid('query').limit,
      });
      return c.json({ items }, 200);
    })
    .openapi(routes.receivables, async (c) => {
      const items = await services.credit.receivables({
        tenantId: c.var.principal.tenantId,
        ...c.req.valid('param'),
      });
      return c.json({ items }, 200);
    })
    .openapi(routes.setLimit, async (c) =>
      c.json(
        await services.credit.setLimit(
          actorOf(c.var.principal),
          c.req.valid('param').customerId,
          c.req.valid('json'),
        ),
        200,
      ),
    )
    .openapi(routes.approveLimit, async (c) =>
      c.json(
        await services.credit.approveLimit(actorOf(c.var.principal), c.req.valid('param').customerId),
        200,
      ),
    )
    .openapi(routes.release, async (c) =>
      c.json(
        await services.credit.releaseHold(
          actorOf(c.var.principal),
          c.req.valid('param').customerId,
          c.req.valid('json').note ?? null,
        ),
        200,
      ),
    )
    .openapi(routes.holds, async (c) => {
      const items = await services.credit.holds({
        tenantId: c.var.principal.tenantId,
        limit: c.req.valid('query').limit,
      });
      return c.json({ items }, 200);
    })
    .openapi(routes.check, async (c) =>
      c.json(await services.credit.check({ tenantId: c.var.principal.tenantId }, c.req.valid('json')), 200),
    )
    .openapi(routes.policy, async (c) =>
      c.json(await services.credit.policy({ tenantId: c.var.principal.tenantId }), 200),
    )
    .openapi(routes.putPolicy, async (c) => {
      const { policy, version } = c.req.valid('json');
      return c.json(
        await services.credit.putPolicy(actorOf(c.var.principal), { policy, expectedVersion: version }),
        200,
      );
    });
}
