import { customerSorts, isPartner, type Services } from '@crm/app';
import {
  CustomerCreateSchema,
  CustomerHistoryEntrySchema,
  CustomerPatchSchema,
  CustomerSchema,
  CustomerStatusSchema,
  customerCsvColumns,
  customerCsvRow,
  idSchema,
  LifecycleStageSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import type { AppEnv } from '../app-env.js';
import { csvExportStringifier } from '../csv-export.js';
import { forbidPartners } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { cursorPageSchema } from './page-query.js';
import { expectedVersion, IfMatchHeader, optionalExpectedVersion } from './version-precondition.js';

export const CustomerIdParam = z.object({
  customerId: idSchema('a customer id'),
});

const ListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(4000).optional(),
  sort: z.enum(customerSorts).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  status: CustomerStatusSchema.optional(),
  tag: z.string().max(40).optional(),
  ownerId: idSchema('a user id').optional(),
  lifecycleStage: LifecycleStageSchema.optional(),
  segment: z.string().max(40).optional(),
  /** A member tier's key (会员等级); the programme's lowest tier also matches customers without one. */
  tier: z
    .string()
    .max(30)
    .regex(/^[a-z][a-z0-9_]*$/, 'must be a tier key, e.g. member')
    .optional(),
  /** `key:value`, e.g. `tier:gold`: equality on one custom field. */
  customField: z
    .string()
    .max(300)
    .regex(/^[a-z][a-z0-9_]{0,39}:.+$/, 'must be key:value')
    .optional(),
  q: z.string().trim().min(1).max(100).optional(),
  archived: z.enum(['true', 'false']).default('false'),
});

/** What a channel partner sees: identity plus the fields its share grants. */
const SharedCustomerSchema = CustomerSchema.partial()
  .extend({ id: z.string(), name: z.string() })
  .openapi('SharedCustomer');

const CustomerPageSchema = cursorPageSchema(
  'CustomerPage',
  z.array(z.union([CustomerSchema, SharedCustomerSchema])).max(200),
  { filtered: true },
);

const common = { tags: ['customers'] as ['customers'], security: bearerSecurity };
const customerResponse = (description: string) => jsonResponse(CustomerSchema, description);

const routes = {
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers',
    operationId: 'listCustomers',
    summary: 'List, filter, sort and search customers (客户列表)',
    description:
      'A page of live (or, with archived=true, archived) customers, sorted and filtered; follow `nextCursor` for the next page. A channel partner sees only the customers shared with it, with the fields each share grants.',
    request: { query: ListQuerySchema },
    responses: { 200: jsonResponse(CustomerPageSchema, 'A page of customers'), ...errorResponses(403) },
  }),
  create: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/customers',
    operationId: 'createCustomer',
    summary: 'Create a customer (新建客户)',
    description:
      'Creates a customer from the writable fields; custom-field values are checked against the tenant’s definitions. Answers the customer with its ETag (version 1).',
    request: { body: jsonBody(CustomerCreateSchema) },
    responses: {
      201: customerResponse('The new customer'),
      ...errorResponses(409),
    },
  }),
  export: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/export',
    operationId: 'exportCustomers',
    summary: 'All live customers as CSV (导出)',
    description: 'Streams every live customer as CSV (UTF-8 with BOM, one header line). Not for partners.',
    responses: {
      200: { description: 'CSV', content: { 'text/csv': { schema: z.string().max(1_000_000_000) } } },
      ...errorResponses(403),
    },
  }),
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}',
    operationId: 'getCustomer',
    summary: 'One customer: the 360° profile',
    description:
      'The customer with its figures and scores, and its version as ETag. A partner sees the fields its share grants.',
    request: { params: CustomerIdParam },
    responses: {
      200: jsonResponse(
        z.union([CustomerSchema, SharedCustomerSchema]),
        'The customer (a partner sees its share)',
      ),
    },
  }),
  patch: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/customers/{customerId}',
    operationId: 'updateCustomer',
    summary: 'Change a customer; send the version you read (If-Match or body version)',
    description:
      'Changes the fields sent; `null` clears an optional field. The version you read goes in If-Match or the body; a stale one is a 409 with the current record in the error details. A partner changes only the fields of a read-write share (403 otherwise) and gets its projection back; the history names it and its organisation.',
    request: { params: CustomerIdParam, body: jsonBody(CustomerPatchSchema), headers: IfMatchHeader },
    responses: {
      200: jsonResponse(
        z.union([CustomerSchema, SharedCustomerSchema]),
        'The changed customer, with its new version (a partner sees its share)',
      ),
      ...errorResponses(409, 428),
    },
  }),
  archive: defineRoute({
    ...common,
    method: 'delete',
    path: '/v1/customers/{customerId}',
    operationId: 'archiveCustomer',
    summary: 'Archive a customer (restorable)',
    description:
      'Sets archivedAt; the customer leaves the live list and can be restored. With If-Match, a customer changed since you read it is not archived (409 with the current record); without it, archiving is unconditional and archiving twice changes nothing.',
    request: { params: CustomerIdParam, headers: IfMatchHeader },
    responses: { 200: customerResponse('The archived customer'), ...errorResponses(409) },
  }),
  restore: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/customers/{customerId}/restore',
    operationId: 'restoreCustomer',
    summary: 'Restore an archived customer',
    description:
      'Clears archivedAt; the customer is live again. With If-Match, a customer changed since you read it is not restored (409 with the current record).',
    request: { params: CustomerIdParam, headers: IfMatchHeader },
    responses: { 200: customerResponse('The restored customer'), ...errorResponses(409) },
  }),
  history: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/history',
    operationId: 'listCustomerHistory',
    summary: 'Who changed what and when (审计)',
    description:
      'The audit trail of a customer: each change with its author and the fields before and after.',
    request: {
      params: CustomerIdParam,
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    },
    responses: {
      200: jsonResponse(z.object({ items: z.array(CustomerHistoryEntrySchema).max(200) }), 'Newest first'),
      ...errorResponses(403),
    },
  }),
};

export function customerRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  // Partners read only what is shared with them (the list and get below answer from their
  // shares) and change only the fields of a read-write share; every other customer route is
  // closed to them.
  app.on('POST', '/v1/customers', forbidPartners());
  app.on('DELETE', '/v1/customers/:customerId', forbidPartners());
  app.on(
    ['GET', 'POST'],
    ['/v1/customers/export', '/v1/customers/:customerId/restore', '/v1/customers/:customerId/history'],
    forbidPartners(),
  );
  return app
    .openapi(routes.list, async (c) => {
      const principal = c.var.principal;
      const { tenantId } = principal;
      const query = c.req.valid('query');
      if (isPartner(principal)) {
        return c.json(
          await services.partners.list(principal, {
            limit: query.limit,
            ...(query.cursor ? { cursor: query.cursor } : {}),
          }),
          200,
        );
      }
      let customField: { key: string; value: string | number | boolean } | undefined;
      if (query.customField) {
        const separator = query.customField.indexOf(':');
        customField = await services.customers.customFieldFilter({
          tenantId,
          key: query.customField.slice(0, separator),
          raw: query.customField.slice(separator + 1),
        });
      }
      const memberTier = query.tier
        ? await services.members.tierFilter({ tenantId, key: query.tier })
        : undefined;
      const page = await services.customers.list({
        tenantId,
        sort: query.sort,
        order: query.order,
        limit: query.limit,
        archived: query.archived === 'true',
        filters: {
          ...(query.status ? { status: query.status } : {}),
          ...(query.tag ? { tag: query.tag } : {}),
          ...(query.ownerId ? { ownerId: query.ownerId } : {}),
          ...(query.lifecycleStage ? { lifecycleStage: query.lifecycleStage } : {}),
          ...(query.segment ? { segment: query.segment } : {}),
          ...(memberTier ? { memberTier } : {}),
          ...(customField ? { customField } : {}),
        },
        ...(query.cursor ? { cursor: query.cursor } : {}),
        ...(query.q ? { q: query.q } : {}),
      });
      return c.json(page, 200);
    })
    .openapi(routes.create, async (c) => {
      const customer = await services.customers.create(actorOf(c.var.principal), c.req.valid('json'));
      c.header('ETag', `"${customer.version}"`);
      return c.json(customer, 201);
    })
    .openapi(routes.export, async (c) => {
      const { tenantId } = c.var.principal;
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', 'attachment; filename="customers.csv"');
      return stream(c, async (out) => {
        const csv = csvExportStringifier(customerCsvColumns);
        csv.on('data', (chunk: Buffer) => void out.write(chunk));
        const done = new Promise<void>((resolve, reject) => {
          csv.on('end', resolve);
          csv.on('error', reject);
        });
        for await (const page of services.customers.liveCustomerPages(tenantId)) {
          for (const customer of page) {
            csv.write(customerCsvRow(customer));
          }
        }
        csv.end();
        await done;
      }) as never;
    })
    .openapi(routes.get, async (c) => {
      const principal = c.var.principal;
      if (isPartner(principal))
        return c.json(await services.partners.get(principal, c.req.valid('param').customerId), 200);
      const customer = await services.customers.get({
        tenantId: c.var.principal.tenantId,
        ...c.req.valid('param'),
      });
      c.header('ETag', `"${customer.version}"`);
      return c.json(customer, 200);
    })
    .openapi(routes.patch, async (c) => {
      const { version, ...patch } = c.req.valid('json');
      const principal = c.var.principal;
      if (isPartner(principal)) {
        const seen = await services.partners.update(principal, {
          customerId: c.req.valid('param').customerId,
          expectedVersion: expectedVersion(c.req.header('if-match'), version),
          patch,
        });
        c.header('ETag', `"${seen.version}"`);
        return c.json(seen, 200);
      }
      const updated = await services.customers.update(actorOf(c.var.principal), {
        customerId: c.req.valid('param').customerId,
        expectedVersion: expectedVersion(c.req.header('if-match'), version),
        patch,
      });
      c.header('ETag', `"${updated.version}"`);
      return c.json(updated, 200);
    })
    .openapi(routes.archive, async (c) => {
      const archived = await services.customers.archive(actorOf(c.var.principal), {
        ...c.req.valid('param'),
        expectedVersion: optionalExpectedVersion(c.req.header('if-match')),
      });
      c.header('ETag', `"${archived.version}"`);
      return c.json(archived, 200);
    })
    .openapi(routes.restore, async (c) => {
      const restored = await services.customers.restore(actorOf(c.var.principal), {
        ...c.req.valid('param'),
        expectedVersion: optionalExpectedVersion(c.req.header('if-match')),
      });
      c.header('ETag', `"${restored.version}"`);
      return c.json(restored, 200);
    })
    .openapi(routes.history, async (c) => {
      const items = await services.customers.history({
        tenantId: c.var.principal.tenantId,
        ...c.req.valid('param'),
        ...c.req.valid('query'),
      });
      return c.json({ items }, 200);
    });
}
