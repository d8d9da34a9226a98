import type { Services } from '@crm/app';
import { ChurnFileSchema, ChurnPolicySchema } from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { CustomerIdParam } from './customers.route.js';

const common = { tags: ['churn'] as ['churn'], security: bearerSecurity };

const ChurnPolicyViewSchema = z
  .object({ policy: ChurnPolicySchema, version: z.number().int(), updatedAt: z.string().nullable() })
  .openapi('ChurnPolicyView');

const ChurnPolicyPutSchema = z
  .strictObject({ policy: ChurnPolicySchema, version: z.number().int().min(0).max(1e9) })
  .openapi('ChurnPolicyPut');

const routes = {
  file: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/churn',
    operationId: 'getChurnFile',
    summary: 'The customer’s churn state (活跃 / 风险 / 休眠 / 流失) and what it was read from',
    description:
      'The state with the days since the last order, the customer’s usual gap, P(alive), which measure decided it and the suggested win-back step; assessed on the spot for a customer not evaluated yet.',
    request: { params: CustomerIdParam },
    responses: { ...errorResponses(403), 200: jsonResponse(ChurnFileSchema, 'The churn state') },
  }),
  policy: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/churn/policy',
    operationId: 'getChurnPolicy',
    summary: 'The tenant’s churn thresholds',
    description: 'Gap ratios and P(alive) thresholds of each state; the default until an admin saves one.',
    responses: { ...errorResponses(403), 200: jsonResponse(ChurnPolicyViewSchema, 'The policy') },
  }),
  putPolicy: defineRoute({
    ...common,
    method: 'put',
    path: '/v1/churn/policy',
    operationId: 'putChurnPolicy',
    summary: 'Change the churn thresholds (admin; `version` as read, 0 for the first)',
    description:
      'Replaces the policy if `version` is the one read (0 before the first save); states follow with each customer’s next order and the nightly pass.',
    request: { body: jsonBody(ChurnPolicyPutSchema) },
    responses: { 200: jsonResponse(ChurnPolicyViewSchema, 'The policy'), ...errorResponses(403, 409) },
  }),
};

export function churnRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/churn/*', forbidPartners());
  app.use('/v1/customers/:customerId/churn', forbidPartners());
  app.on('PUT', '/v1/churn/policy', requireAdmin());
  return app
    .openapi(routes.file, async (c) =>
      c.json(await services.churn.file({ tenantId: c.var.principal.tenantId, ...c.req.valid('param') }), 200),
    )
    .openapi(routes.policy, async (c) =>
      c.json(await services.churn.policy({ tenantId: c.var.principal.tenantId }), 200),
    )
    .openapi(routes.putPolicy, async (c) => {
      const { policy, version } = c.req.valid('json');
      return c.json(
        await services.churn.putPolicy(actorOf(c.var.principal), { policy, expectedVersion: version }),
        200,
      );
    });
}
