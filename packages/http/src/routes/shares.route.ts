import type { Services } from '@crm/app';
import { idSchema, ShareGrantSchema, ShareSchema } from '@crm/domain';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { CustomerIdParam } from './customers.route.js';

const ShareParams = CustomerIdParam.extend({
  userId: idSchema('a user id'),
});

const common = { tags: ['partners'], security: bearerSecurity };

const routes = {
  list: createRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/shares',
    summary: 'The partners this customer is shared with (admins)',
    request: { params: CustomerIdParam },
    responses: {
      200: jsonResponse(z.object({ items: z.array(ShareSchema) }), 'Shares'),
      404: errorResponses[404],
    },
  }),
  put: createRoute({
    ...common,
    method: 'put',
    path: '/v1/customers/{customerId}/shares/{userId}',
    summary: 'Share a customer with a channel partner, field by field (按权限共享; admins)',
    request: { params: ShareParams, body: jsonBody(ShareGrantSchema) },
    responses: {
      200: jsonResponse(ShareSchema, 'The share'),
      400: errorResponses[400],
      403: errorResponses[403],
      404: errorResponses[404],
    },
  }),
  delete: createRoute({
    ...common,
    method: 'delete',
    path: '/v1/customers/{customerId}/shares/{userId}',
    summary: 'Stop sharing a customer with a partner (admins)',
    request: { params: ShareParams },
    responses: { 204: { description: 'No longer shared' }, 404: errorResponses[404] },
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
