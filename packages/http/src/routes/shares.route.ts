import type { Services } from '@crm/app';
import { idSchema, ShareGrantSchema, ShareSchema } from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { CustomerIdParam } from './customers.route.js';

const ShareParams = CustomerIdParam.extend({
  userId: idSchema('a user id'),
});

const common = { tags: ['partners'] as ['partners'], security: bearerSecurity };

const routes = {
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/shares',
    operationId: 'listShares',
    summary: 'The partners this customer is shared with (admins)',
    description: 'Each channel partner that sees this customer, with the fields and timeline access granted.',
    request: { params: CustomerIdParam },
    responses: {
      200: jsonResponse(z.object({ items: z.array(ShareSchema) }), 'Shares'),
      ...errorResponses(403),
    },
  }),
  put: defineRoute({
    ...common,
    method: 'put',
    path: '/v1/customers/{customerId}/shares/{userId}',
    operationId: 'shareCustomer',
    summary: 'Share a customer with a channel partner, field by field (按权限共享; admins)',
    description: 'Creates or replaces the share of this customer with this partner user.',
    request: { params: ShareParams, body: jsonBody(ShareGrantSchema) },
    responses: {
      200: jsonResponse(ShareSchema, 'The share'),
    },
  }),
  delete: defineRoute({
    ...common,
    method: 'delete',
    path: '/v1/customers/{customerId}/shares/{userId}',
    operationId: 'unshareCustomer',
    summary: 'Stop sharing a customer with a partner (admins)',
    description: 'The partner no longer sees this customer.',
    request: { params: ShareParams },
    responses: { 204: { description: 'No longer shared' } },
  }),
};

export function shareRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/customers/:customerId/shares', requireAdmin());
  app.use('/v1/customers/:customerId/shares/*', requireAdmin());
  return app
    .openapi(routes.list, async (c) => {
      const items = await services.shares.list({
        tenantId: c.var.principal.tenantId,
        customerId: c.req.valid('param').customerId,
      });
      return c.json({ items }, 200);
    })
    .openapi(routes.put, async (c) => {
      const { customerId, userId } = c.req.valid('param');
      const share = await services.shares.grant(actorOf(c.var.principal), {
        customerId,
        partnerId: userId,
        grant: c.req.valid('json'),
      });
      return c.json(share, 200);
    })
    .openapi(routes.delete, async (c) => {
      const { customerId, userId } = c.req.valid('param');
      await services.shares.revoke({ tenantId: c.var.principal.tenantId, customerId, partnerId: userId });
      return c.body(null, 204);
    });
}
