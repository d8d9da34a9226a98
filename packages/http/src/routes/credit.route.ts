import type { Services } from '@crm/app';
import {
  CreditAgeingSchema,
  CreditCheckRequestSchema,
  CreditCheckResultSchema,
  CreditDecisionSchema,
  CreditFileSchema,
  CreditLimitSetSchema,
  CreditOrderRejectSchema,
  CreditOverviewSchema,
  CreditPolicyInputSchema,
  CreditPolicyPreviewSchema,
  CreditPolicyViewSchema,
  idSchema,
  ReceivableSchema,
  SuggestedLimitViewSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { CustomerIdParam } from './customers.route.js';

const common = { tags: ['credit'] as ['credit'], security: bearerSecurity };

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

const CreditPolicyPreviewRequestSchema = z
  .strictObject({ policy: CreditPolicyInputSchema })
  .openapi('CreditPolicyPreviewRequest');

const ReleaseSchema = z
  .strictObject({ note: z.string().trim().max(500).optional() })
  .openapi('CreditRelease');

const routes = {
  file: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/credit',
    operationId: 'getCreditFile',
    summary: 'The customer’s credit file (客户信用档案): status, grade, limit, exposure, overdue, why',
    description:
      'Score, grade, limit, exposure, overdue and the reasons behind the status; evaluated on the spot for a customer credit control has not seen yet.',
    request: { params: CustomerIdParam },
    responses: { ...errorResponses(403), 200: jsonResponse(CreditFileSchema, 'The credit file') },
  }),
  decisions: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/credit/decisions',
    operationId: 'listCreditDecisions',
    summary: 'The credit file’s history: every decision with its inputs and reason, newest first',
    description:
      'Each hold, release, grade change and limit decision, with the figures it was made on and who or what caused it.',
    request: { params: CustomerIdParam, query: ListLimitQuery },
    responses: {
      ...errorResponses(403),
      200: jsonResponse(z.object({ items: z.array(CreditDecisionSchema) }), 'Decisions'),
    },
  }),
  receivables: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/credit/receivables',
    operationId: 'listReceivables',
    summary: 'What the customer owes, per invoice (应收账款), oldest due first',
    description:
      'Every invoice (or order, where the tenant invoices on order) with its due date and what is paid.',
    request: { params: CustomerIdParam },
    responses: {
      ...errorResponses(403),
      200: jsonResponse(z.object({ items: z.array(ReceivableSchema) }), 'Receivables'),
    },
  }),
  suggestedLimit: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/credit/suggested-limit',
    operationId: 'getSuggestedCreditLimit',
    summary: 'A suggested limit for the customer, with its reasoning',
    description:
      'From expected purchases within the term, the average order, payment behaviour and the 12-month ' +
      'CLV; each step with its figure. Nothing is applied: an admin accepts it with `PUT …/credit/limit`.',
    request: { params: CustomerIdParam },
    responses: { ...errorResponses(403), 200: jsonResponse(SuggestedLimitViewSchema, 'The suggestion') },
  }),
  setLimit: defineRoute({
    ...common,
    method: 'put',
    path: '/v1/customers/{customerId}/credit/limit',
    operationId: 'setCreditLimit',
    summary: 'Set the customer’s limit (赊销额度) by hand, with a reason (admin)',
    description:
      'Overrides the grade’s limit. Raising it above the grade waits for a second admin when the ' +
      'policy says so (`pendingLimit`).',
    request: { params: CustomerIdParam, body: jsonBody(CreditLimitSetSchema) },
    responses: {
      200: jsonResponse(CreditFileSchema, 'The credit file'),
      ...errorResponses(403),
    },
  }),
  approveLimit: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/customers/{customerId}/credit/limit/approve',
    operationId: 'approveCreditLimit',
    summary: 'Approve a pending limit (a second admin)',
    description:
      'The pending limit becomes the customer’s override. The admin who asked for it cannot approve it.',
    request: { params: CustomerIdParam },
    responses: {
      200: jsonResponse(CreditFileSchema, 'The credit file'),
      ...errorResponses(403, 409),
    },
  }),
  release: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/customers/{customerId}/credit/release',
    operationId: 'releaseCreditHold',
    summary: 'Release a hold whose figures have cleared (policy: release needs approval; admin)',
    description:
      'Only a hold whose figures have cleared (`releasePending`) can be released; otherwise 409 with the reasons.',
    request: { params: CustomerIdParam, body: jsonBody(ReleaseSchema) },
    responses: {
      200: jsonResponse(CreditFileSchema, 'The credit file'),
      ...errorResponses(403, 409),
    },
  }),
  rejectOrder: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/customers/{customerId}/credit/orders/{interactionId}/reject',
    operationId: 'rejectHeldOrder',
    summary: 'Reject an order credit control held, with a reason (admin)',
    description:
      'The order is marked rejected and owes nothing any more; the file is re-evaluated (which may ' +
      'release the hold) and the history records `order_rejected` with the reason. 409 when the order ' +
      'was not held or is rejected already.',
    request: {
      params: CustomerIdParam.extend({ interactionId: idSchema('an interaction id') }),
      body: jsonBody(CreditOrderRejectSchema),
    },
    responses: {
      200: jsonResponse(CreditFileSchema, 'The credit file'),
      ...errorResponses(403, 409),
    },
  }),
  holds: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/credit/holds',
    operationId: 'listCreditHolds',
    summary: 'Customers on credit hold, longest held first',
    description: 'The hold list: customers on credit hold, longest held first, with their reasons.',
    request: { query: ListLimitQuery },
    responses: {
      ...errorResponses(403),
      200: jsonResponse(z.object({ items: z.array(CreditFileSchema) }), 'Held customers'),
    },
  }),
  check: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/credit/check',
    operationId: 'checkCredit',
    summary: 'Would an order of this amount pass credit control now? Nothing is written',
    description:
      'Runs the credit decision table with the amount added to the customer’s exposure. Nothing is written.',
    request: { body: jsonBody(CreditCheckRequestSchema) },
    responses: {
      ...errorResponses(404),
      ...errorResponses(403),
      200: jsonResponse(CreditCheckResultSchema, 'The decision'),
    },
  }),
  policy: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/credit/policy',
    operationId: 'getCreditPolicy',
    summary: 'The tenant’s credit policy (信用政策)',
    description:
      'Factor weights, grade bands with limit and term, maturity margin, blocking rules and approvals; the default until an admin saves one.',
    responses: { ...errorResponses(403), 200: jsonResponse(CreditPolicyViewSchema, 'The policy') },
  }),
  putPolicy: defineRoute({
    ...common,
    method: 'put',
    path: '/v1/credit/policy',
    operationId: 'putCreditPolicy',
    summary: 'Change the credit policy (admin; `version` as read, 0 for the first)',
    description:
      'Replaces the policy if `version` is the one read (0 before the first save); re-evaluation follows with each customer’s next change and the nightly pass.',
    request: { body: jsonBody(CreditPolicyPutSchema) },
    responses: {
      200: jsonResponse(CreditPolicyViewSchema, 'The policy'),
      ...errorResponses(403, 409),
    },
  }),
  overview: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/credit/overview',
    operationId: 'getCreditOverview',
    summary: 'The dashboard tile: customers on hold, overdue receivables, value at risk of churn',
    description:
      'Holds from the hold list, overdue receivables (open, past due beyond the maturity margin, in the ' +
      'tenant’s currency) and the 12-month CLV of valuable customers with an unresolved churn alert. ' +
      'Read from indexes, each up to 10,000 (`capped`).',
    responses: { ...errorResponses(403), 200: jsonResponse(CreditOverviewSchema, 'The figures') },
  }),
  ageing: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/credit/ageing',
    operationId: 'getCreditAgeing',
    summary: 'The tenant’s receivables ageing (账龄分析): open amounts by days past due',
    description:
      'Every open receivable in the tenant’s currency in the buckets of a credit file (not due, 0–30, ' +
      '31–60, 61–90, 91–120, 121+ days past due), in total and for the `limit` customers whose money is ' +
      'oldest. Read from the open receivables index, up to 10,000 (`capped`).',
    request: { query: ListLimitQuery },
    responses: { ...errorResponses(403), 200: jsonResponse(CreditAgeingSchema, 'The ageing report') },
  }),
  previewPolicy: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/credit/policy/preview',
    operationId: 'previewCreditPolicy',
    summary: 'How many customers a proposed credit policy would move (admin; nothing is written)',
    description:
      'Evaluates the tenant’s credit files (the first 5,000 by customer id; `capped` says when there ' +
      'are more) under the current and the proposed policy, with the same decision functions the ' +
      'stream uses: grade changes (from → to), limits raised and lowered, holds placed and released, ' +
      'and a few examples.',
    request: { body: jsonBody(CreditPolicyPreviewRequestSchema) },
    responses: {
      200: jsonResponse(CreditPolicyPreviewSchema, 'What the proposed policy would change'),
      ...errorResponses(403),
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
  app.on('POST', '/v1/customers/:customerId/credit/orders/:interactionId/reject', requireAdmin());
  app.on('PUT', '/v1/credit/policy', requireAdmin());
  app.on('POST', '/v1/credit/policy/preview', requireAdmin());
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
    .openapi(routes.suggestedLimit, async (c) =>
      c.json(
        await services.credit.suggestedLimit({
          tenantId: c.var.principal.tenantId,
          ...c.req.valid('param'),
        }),
        200,
      ),
    )
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
    .openapi(routes.rejectOrder, async (c) => {
      const { customerId, interactionId } = c.req.valid('param');
      return c.json(
        await services.credit.rejectOrder(actorOf(c.var.principal), {
          customerId,
          interactionId,
          reason: c.req.valid('json').reason,
        }),
        200,
      );
    })
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
    })
    .openapi(routes.overview, async (c) =>
      c.json(await services.credit.overview({ tenantId: c.var.principal.tenantId }), 200),
    )
    .openapi(routes.ageing, async (c) =>
      c.json(
        await services.credit.ageing({
          tenantId: c.var.principal.tenantId,
          limit: c.req.valid('query').limit,
        }),
        200,
      ),
    )
    .openapi(routes.previewPolicy, async (c) =>
      c.json(
        await services.credit.previewPolicy(
          { tenantId: c.var.principal.tenantId },
          c.req.valid('json').policy,
        ),
        200,
      ),
    );
}
