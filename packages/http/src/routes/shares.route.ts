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

const OrganisationShareParams = CustomerIdParam.extend({
  organisationId: idSchema('a partner organisation id'),
});

const common = { tags: ['partners'] as ['partners'], security: bearerSecurity };

const routes = {
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/shares',
    operationId: 'listShares',
    summary: 'The partners this customer is shared with (admins)',
    description:
      'Each channel partner that sees this customer (partner users, `grantee: user`, and partner organisations, `grantee: organisation`), with the fields, access (read or read-write), timeline access and expiry granted. Expired shares stay listed until revoked.',
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
    description:
      'Creates or replaces the share of this customer with this partner user: fields, `access` (read, or read-write to change those fields), `canAddInteractions`, and an optional `validUntil` instant after which the share stops working by itself. Answered `share.granted` on the event stream.',
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
    description: 'The partner no longer sees this customer, from its next request on (`share.revoked`).',
    request: { params: ShareParams },
    responses: { 204: { description: 'No longer shared' } },
  }),
  putForOrganisation: defineRoute({
    ...common,
    method: 'put',
    path: '/v1/customers/{customerId}/organisation-shares/{organisationId}',
    operationId: 'shareCustomerWithOrganisation',
    summary: 'Share a customer with a partner organisation (经销商; admins)',
    description:
      'Creates or replaces the share of this customer with every active user of this partner organisation, with the same fields, access and expiry as a share with one user. A disabled organisation’s shares do not work until it is enabled again.',
    request: { params: OrganisationShareParams, body: jsonBody(ShareGrantSchema) },
    responses: {
      200: jsonResponse(ShareSchema, 'The share'),
      ...errorResponses(403),
    },
  }),
  deleteForOrganisation: defineRoute({
    ...common,
    method: 'delete',
    path: '/v1/customers/{customerId}/organisation-shares/{organisationId}',
    operationId: 'unshareCustomerWithOrganisation',
    summary: 'Stop sharing a customer with a partner organisation (admins)',
    description: 'The organisation’s users no longer see this customer, from their next request on.',
    request: { params: OrganisationShareParams },
    responses: { 204: { description: 'No longer shared' }, ...errorResponses(403) },
  }),
};

export function shareRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/customers/:customerId/shares', requireAdmin());
  app.use('/v1/customers/:customerId/shares/*', requireAdmin());
  app.use('/v1/customers/:customerId/organisation-shares/*', requireAdmin());
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
    })
    .openapi(routes.putForOrganisation, async (c) => {
      const { customerId, organisationId } = c.req.valid('param');
      const share = await services.shares.grantToOrganisation(actorOf(c.var.principal), {
        customerId,
        organisationId,
        grant: c.req.valid('json'),
      });
      return c.json(share, 200);
    })
    .openapi(routes.deleteForOrganisation, async (c) => {
      const { customerId, organisationId } = c.req.valid('param');
      await services.shares.revoke({
        tenantId: c.var.principal.tenantId,
        customerId,
        partnerId: organisationId,
        grantee: 'organisation',
      });
      return c.body(null, 204);
    });
}
