import { DomainError, idSchema, ShareGrantSchema, ShareSchema } from '@crm/domain';
import { CustomerRepository, ShareRepository, UserRepository } from '@crm/dynamodb';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv, Services } from '../app-env.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { CustomerIdParam } from './customers.route.js';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from './schemas.js';

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
  const context = (tenantId: string) => {
    const client = services.tenantClient(tenantId);
    return {
      shares: new ShareRepository(client, tenantId),
      customers: new CustomerRepository(client, tenantId),
      users: new UserRepository(client),
    };
  };
  return app
    .openapi(routes.list, async (c) => {
      const { tenantId } = c.var.principal;
      const { shares, customers } = context(tenantId);
      const { customerId } = c.req.valid('param');
      if (!(await customers.get({ customerId }))) throw new DomainError('not_found', 'Customer not found');
      return c.json({ items: await shares.listForCustomer({ customerId }) }, 200);
    })
    .openapi(routes.put, async (c) => {
      const principal = c.var.principal;
      const { customerId, userId } = c.req.valid('param');
      const { shares, customers, users } = context(principal.tenantId);
      if (!(await customers.get({ customerId }))) throw new DomainError('not_found', 'Customer not found');
      const partner = await users.get({ tenantId: principal.tenantId, userId });
      if (!partner) throw new DomainError('not_found', 'User not found');
      if (partner.role !== 'partner') {
        throw new DomainError('validation_failed', 'Customers are shared with partner users only', {
          fields: [{ path: 'userId', message: 'is not a partner' }],
        });
      }
      const now = services.clock().toISOString();
      const existing = await shares.get({ partnerId: userId, customerId });
      const share = {
        customerId,
        partnerId: userId,
        ...c.req.valid('json'),
        grantedBy: principal.kind === 'user' ? principal.userId : `apikey:${principal.keyId}`,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      await shares.put({ share });
      return c.json(share, 200);
    })
    .openapi(routes.delete, async (c) => {
      const { customerId, userId } = c.req.valid('param');
      const removed = await context(c.var.principal.tenantId).shares.delete({
        partnerId: userId,
        customerId,
      });
      if (!removed) throw new DomainError('not_found', 'Share not found');
      return c.body(null, 204);
    });
}
