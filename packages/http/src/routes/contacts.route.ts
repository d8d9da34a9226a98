import type { Services } from '@crm/app';
import { ContactCreateSchema, ContactSchema, idSchema } from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { CustomerIdParam } from './customers.route.js';
import { expectedVersion, IfMatchHeader } from './version-precondition.js';

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
    birthday: ContactCreateSchema.shape.birthday.unwrap().nullable().optional(),
    /** null: no own answer, the customer's consent stands for the person again. */
    emailConsent: z.boolean().nullable().optional(),
    smsConsent: z.boolean().nullable().optional(),
    version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .openapi('ContactPatch');

const common = { tags: ['contacts'] as ['contacts'], security: bearerSecurity };

const routes = {
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/contacts',
    operationId: 'listContacts',
    summary: 'Contacts of a customer (联系人)',
    description: 'The people at a customer, primary contact first, with their roles and relationships.',
    request: { params: CustomerIdParam },
    responses: {
      200: jsonResponse(z.object({ items: z.array(ContactSchema) }), 'Contacts'),
      ...errorResponses(403),
    },
  }),
  create: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/customers/{customerId}/contacts',
    operationId: 'createContact',
    summary: 'Add a contact with roles and relationships',
    description: 'Adds a person at the customer; marking it primary unmarks the previous primary contact.',
    request: { params: CustomerIdParam, body: jsonBody(ContactCreateSchema) },
    responses: {
      201: jsonResponse(ContactSchema, 'The contact'),
      ...errorResponses(409),
    },
  }),
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/contacts/{contactId}',
    operationId: 'getContact',
    summary: 'One contact',
    description: 'One person at the customer, with its version as the precondition for changes.',
    request: { params: ContactParams },
    responses: { 200: jsonResponse(ContactSchema, 'The contact'), ...errorResponses(403) },
  }),
  patch: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/customers/{customerId}/contacts/{contactId}',
    operationId: 'updateContact',
    summary: 'Change a contact (If-Match or body version)',
    description: 'Changes the fields sent; `null` clears an optional one. Stale versions answer 409.',
    request: { params: ContactParams, body: jsonBody(ContactPatchSchema), headers: IfMatchHeader },
    responses: {
      200: jsonResponse(ContactSchema, 'The contact'),
      ...errorResponses(409, 428),
    },
  }),
  delete: defineRoute({
    ...common,
    method: 'delete',
    path: '/v1/customers/{customerId}/contacts/{contactId}',
    operationId: 'deleteContact',
    summary: 'Remove a contact',
    description: 'Deletes the contact; the customer and its timeline stay.',
    request: { params: ContactParams },
    responses: { 204: { description: 'Removed' } },
  }),
};

export function contactRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/customers/:customerId/contacts', forbidPartners());
  app.use('/v1/customers/:customerId/contacts/*', forbidPartners());
  return app
    .openapi(routes.list, async (c) => {
      const items = await services.contacts.list({
        tenantId: c.var.principal.tenantId,
        customerId: c.req.valid('param').customerId,
      });
      return c.json({ items }, 200);
    })
    .openapi(routes.create, async (c) => {
      const contact = await services.contacts.create({
        tenantId: c.var.principal.tenantId,
        customerId: c.req.valid('param').customerId,
        input: c.req.valid('json'),
      });
      return c.json(contact, 201);
    })
    .openapi(routes.get, async (c) =>
      c.json(
        await services.contacts.get({ tenantId: c.var.principal.tenantId, ...c.req.valid('param') }),
        200,
      ),
    )
    .openapi(routes.patch, async (c) => {
      const { version, ...changes } = c.req.valid('json');
      const updated = await services.contacts.update({
        tenantId: c.var.principal.tenantId,
        ...c.req.valid('param'),
        expectedVersion: expectedVersion(c.req.header('if-match'), version),
        changes,
      });
      return c.json(updated, 200);
    })
    .openapi(routes.delete, async (c) => {
      await services.contacts.remove({ tenantId: c.var.principal.tenantId, ...c.req.valid('param') });
      return c.body(null, 204);
    });
}
