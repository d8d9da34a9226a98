import { customerSorts, isPartner, type Services } from '@crm/app';
import {
  CustomerCreateSchema,
  CustomerHistoryEntrySchema,
  CustomerPatchSchema,
  CustomerSchema,
  CustomerStatusSchema,
  idSchema,
  LifecycleStageSchema,
} from '@crm/domain';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import type { AppEnv } from '../app-env.js';
import { csvExportStringifier } from '../csv-export.js';
import { forbidPartners } from '../middleware/authenticate.js';
import { bearerSecurity, conflictResponse, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { expectedVersion } from './version-precondition.js';

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

const CustomerPageSchema = z
  .object({
    items: z.array(z.union([CustomerSchema, SharedCustomerSchema])),
    nextCursor: z.string().nullable(),
  })
  .openapi('CustomerPage');

const common = { tags: ['customers'], security: bearerSecurity };
const customerResponse = (description: string) => jsonResponse(CustomerSchema, description);

const routes = {
  list: createRoute({
    ...common,
    method: 'get',
    path: '/v1/customers',
    summary: 'List, filter, sort and search customers (客户列表)',
    request: { query: ListQuerySchema },
    responses: { 200: jsonResponse(CustomerPageSchema, 'A page of customers'), 400: errorResponses[400] },
  }),
  create: createRoute({
    ...common,
    method: 'post',
    path: '/v1/customers',
    summary: 'Create a customer (新建客户)',
    request: { body: jsonBody(CustomerCreateSchema) },
    responses: {
      201: customerResponse('The new customer'),
      400: errorResponses[400],
      403: errorResponses[403],
    },
  }),
  export: createRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/export',
    summary: 'All live customers as CSV (导出)',
    responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
  }),
  get: createRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}',
    summary: 'One customer: the 360° profile',
    request: { params: CustomerIdParam },
    responses: {
      200: jsonResponse(
        z.union([CustomerSchema, SharedCustomerSchema]),
        'The customer (a partner sees its share)',
      ),
      404: errorResponses[404],
    },
  }),
  patch: createRoute({
    ...common,
    method: 'patch',
    path: '/v1/customers/{customerId}',
    summary: 'Change a customer; send the version you read (If-Match or body version)',
    request: { params: CustomerIdParam, body: jsonBody(CustomerPatchSchema) },
    responses: {
      200: customerResponse('The changed customer, with its new version'),
      400: errorResponses[400],
      404: errorResponses[404],
      ...conflictResponse,
      428: { description: 'No version sent', content: errorResponses[400].content },
    },
  }),
  archive: createRoute({
    ...common,
    method: 'delete',
    path: '/v1/customers/{customerId}',
    summary: 'Archive a customer (restorable)',
    request: { params: CustomerIdParam },
    responses: { 200: customerResponse('The archived customer'), 404: errorResponses[404] },
  }),
  restore: createRoute({
    ...common,
    method: 'post',
    path: '/v1/customers/{customerId}/restore',
    summary: 'Restore an archived customer',
    request: { params: CustomerIdParam },
    responses: { 200: customerResponse('The restored customer'), 404: errorResponses[404] },
  }),
  history: createRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/history',
    summary: 'Who changed what and when (审计)',
    request: {
      params: CustomerIdParam,
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    },
    responses: {
      200: jsonResponse(z.object({ items: z.array(CustomerHistoryEntrySchema) }), 'Newest first'),
      404: errorResponses[404],
    },
  }),
};

const EXPORT_COLUMNS = [
  'id',
  'name',
  'kind',
  'status',
  'email',
  'phone',
  'industry',
  'size',
  'ownerId',
  'lifecycleStage',
  'relationshipLevel',
  'parentId',
  'tags',
  'birthday',
  'orderCount',
  'orderValue',
  'lastOrderAt',
  'createdAt',
  'updatedAt',
] as const;

export function customerRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  // Partners read only what is shared with them (the list and get below answer from their
  // shares); every other customer route is closed to them.
  app.on('POST', '/v1/customers', forbidPartners());
  app.on(['PATCH', 'DELETE'], '/v1/customers/:customerId', forbidPartners());
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
        const csv = csvExportStringifier(EXPORT_COLUMNS);
        csv.on('data', (chunk: Buffer) => void out.write(chunk));
        const done = new Promise<void>((resolve, reject) => {
          csv.on('end', resolve);
          csv.on('error', reject);
        });
        for await (const page of services.customers.liveCustomerPages(tenantId)) {
          for (const customer of page) {
            csv.write({
              ...customer,
              tags: customer.tags.join(';'),
              orderCount: customer.stats.orderCount,
              orderValue: customer.stats.orderValue,
              lastOrderAt: customer.stats.lastOrderAt ?? '',
            });
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
      const updated = await services.customers.update(actorOf(c.var.principal), {
        customerId: c.req.valid('param').customerId,
        expectedVersion: expectedVersion(c.req.header('if-match'), version),
        patch,
      });
      c.header('ETag', `"${updated.version}"`);
      return c.json(updated, 200);
    })
    .openapi(routes.archive, async (c) =>
      c.json(await services.customers.archive(actorOf(c.var.principal), c.req.valid('param')), 200),
    )
    .openapi(routes.restore, async (c) =>
      c.json(await services.customers.restore(actorOf(c.var.principal), c.req.valid('param')), 200),
    )
    .openapi(routes.history, async (c) => {
      const items = await services.customers.history({
        tenantId: c.var.principal.tenantId,
        ...c.req.valid('param'),
        ...c.req.valid('query'),
      });
      return c.json({ items }, 200);
    });
}
