import { ContactCreateSchema, ContactSchema, DomainError, idSchema, newId } from '@crm/domain';
import { ContactRepository, CustomerRepository } from '@crm/dynamodb';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv, Services } from '../app-env.js';
import { forbidPartners } from '../middleware/authenticate.js';
import { CustomerIdParam } from './customers.route.js';
import { bearerSecurity, conflictResponse, errorResponses, jsonBody, jsonResponse } from './schemas.js';
import { expectedVersion } from './version-precondition.js';

const ContactParams = CustomerIdParam.extend({
  contactId: idSchema('a contact id'),
});

const ContactPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    title: z.string().trim().max(100).nullable().optional(),
    roles: ContactCreateSchema.shape.roles.unwrap().optional(),
    phone: ContactCreateSchema.shape.phone.unwrap().nullable().optional(),
    email: ContactCreateSchema.shape.email.unwrap().nullable().optional(),
    primary: z.boolean().optional(),
    relations: ContactCreateSchema.shape.relations.unwrap().optional(),
    notes: z.string().max(2000).nullable().optional(),
    version: z.number().int().positive().optional(),
  })
  .openapi('ContactPatch');

const common = { tags: ['contacts'], security: bearerSecurity };

const routes = {
  list: createRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/contacts',
    summary: 'Contacts of a customer (联系人)',
    request: { params: CustomerIdParam },
    responses: {
      200: jsonResponse(z.object({ items: z.array(ContactSchema) }), 'Contacts'),
      404: errorResponses[404],
    },
  }),
  create: createRoute({
    ...common,
    method: 'post',
    path: '/v1/customers/{customerId}/contacts',
    summary: 'Add a contact with roles and relationships',
    request: { params: CustomerIdParam, body: jsonBody(ContactCreateSchema) },
    responses: {
      201: jsonResponse(ContactSchema, 'The contact'),
      400: errorResponses[400],
      404: errorResponses[404],
    },
  }),
  get: createRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/contacts/{contactId}',
    summary: 'One contact',
    request: { params: ContactParams },
    responses: { 200: jsonResponse(ContactSchema, 'The contact'), 404: errorResponses[404] },
  }),
  patch: createRoute({
    ...common,
    method: 'patch',
    path: '/v1/customers/{customerId}/contacts/{contactId}',
    summary: 'Change a contact (If-Match or body version)',
    request: { params: ContactParams, body: jsonBody(ContactPatchSchema) },
    responses: {
      200: jsonResponse(ContactSchema, 'The contact'),
      400: errorResponses[400],
      404: errorResponses[404],
      ...conflictResponse,
    },
  }),
  delete: createRoute({
    ...common,
    method: 'delete',
    path: '/v1/customers/{customerId}/contacts/{contactId}',
    summary: 'Remove a contact',
    request: { params: ContactParams },
    responses: { 204: { description: 'Removed' }, 404: errorResponses[404] },
  }),
};

export function contactRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/customers/:customerId/contacts', forbidPartners());
  app.use('/v1/customers/:customerId/contacts/*', forbidPartners());
  const repositories = (tenantId: string) => {
    const client = services.tenantClient(tenantId);
    return {
      contacts: new ContactRepository(client, tenantId),
      customers: new CustomerRepository(client, tenantId),
    };
  };
  const requireCustomer = async (tenantId: string, customerId: string) => {
    const customer = await repositories(tenantId).customers.get({ customerId });
    if (!customer) throw new DomainError('not_found', 'Customer not found');
    return customer;
  };
  const validateRelations = async (
    contacts: ContactRepository,
    customerId: string,
    relations: { contactId: string }[] | undefined,
  ) => {
    for (const [index, relation] of (relations ?? []).entries()) {
      if (!(await contacts.get({ customerId, contactId: relation.contactId }))) {
        throw new DomainError('validation_failed', 'A related contact does not exist at this customer', {
          fields: [{ path: `relations.${index}.contactId`, message: 'no such contact at this customer' }],
        });
      }
    }
  };
  return app
    .openapi(routes.list, async (c) => {
      const { tenantId } = c.var.principal;
      const { customerId } = c.req.valid('param');
      await requireCustomer(tenantId, customerId);
      return c.json({ items: await repositories(tenantId).contacts.list({ customerId }) }, 200);
    })
    .openapi(routes.create, async (c) => {
      const { tenantId } = c.var.principal;
      const { customerId } = c.req.valid('param');
      const customer = await requireCustomer(tenantId, customerId);
      if (customer.archivedAt)
        throw new DomainError('invalid_state', 'Customer is archived: restore it first');
      const input = c.req.valid('json');
      const { contacts } = repositories(tenantId);
      await validateRelations(contacts, customerId, input.relations);
      const now = services.clock().toISOString();
      const contact = { ...input, id: newId(), customerId, createdAt: now, updatedAt: now, version: 1 };
      await contacts.create({ contact });
      return c.json(contact, 201);
    })
    .openapi(routes.get, async (c) => {
      const contact = await repositories(c.var.principal.tenantId).contacts.get(c.req.valid('param'));
      if (!contact) throw new DomainError('not_found', 'Contact not found');
      return c.json(contact, 200);
    })
    .openapi(routes.patch, async (c) => {
      const params = c.req.valid('param');
      const { version, ...changes } = c.req.valid('json');
      const { contacts } = repositories(c.var.principal.tenantId);
      await validateRelations(contacts, params.customerId, changes.relations);
      const updated = await contacts.update({
        ...params,
        expectedVersion: expectedVersion(c.req.header('if-match'), version),
        changes: Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, value ?? undefined])),
        now: services.clock().toISOString(),
      });
      return c.json(updated, 200);
    })
    .openapi(routes.delete, async (c) => {
      const removed = await repositories(c.var.principal.tenantId).contacts.delete(c.req.valid('param'));
      if (!removed) throw new DomainError('not_found', 'Contact not found');
      return c.body(null, 204);
    });
}
