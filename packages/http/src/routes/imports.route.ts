import { decodeUtf8, type Services } from '@crm/app';
import {
  DomainError,
  ImportJobSchema,
  ImportOptionsSchema,
  ImportRejectionSchema,
  idSchema,
  MAX_REPORTED_REJECTIONS,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';

export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

const ImportReportSchema = ImportJobSchema.extend({
  dryRun: z.boolean(),
  rejected: z.array(ImportRejectionSchema).max(MAX_REPORTED_REJECTIONS),
}).openapi('ImportReport');

const common = { tags: ['imports'] as ['imports'], security: bearerSecurity };

const routes = {
  create: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/imports',
    operationId: 'createImport',
    summary: 'Import customers or transactions from CSV (数据迁移); dryRun=true reports without writing',
    description:
      'Send the file as the request body (Content-Type: text/csv). Transactions: customer_id,date,amount[,quantity]; ' +
      'customers: customer_id,name,kind,email,phone,…; `mapping` renames columns (a mapping naming a column the file lacks is a 400 before any row is read) ' +
      'and may fill the tenant\'s custom fields from a customers file ("customFields.<key>" → column; each cell checked as the field\'s type, a bad one rejects its row); ' +
      'layout=cdnow reads the CDNOW master or sample file by position, with no mapping.',
    request: {
      query: ImportOptionsSchema,
      body: { required: true, content: { 'text/csv': { schema: z.string().max(MAX_IMPORT_BYTES) } } },
    },
    responses: {
      200: jsonResponse(ImportReportSchema, 'Dry run: what would be written and what would be rejected'),
      201: jsonResponse(ImportReportSchema, 'The finished import'),
      202: jsonResponse(
        ImportReportSchema,
        'Accepted (AWS): the import runs in the background; follow it at GET /v1/imports/{id}',
      ),
      ...errorResponses({ 409: 'Another import is running', 422: 'Not UTF-8, or not well-formed CSV' }),
    },
  }),
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/imports',
    operationId: 'listImports',
    summary: 'Recent imports, newest first',
    description: 'The 50 most recent imports of the tenant with their counts and status (admins).',
    responses: {
      200: jsonResponse(z.object({ items: z.array(ImportJobSchema).max(50) }), 'Imports'),
      ...errorResponses(403),
    },
  }),
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/imports/{importId}',
    operationId: 'getImport',
    description: 'Poll this after a 202 until the status is completed or failed.',
    summary: 'Progress of an import (rows read / written / rejected) and its rejected rows with reasons',
    request: {
      params: z.object({ importId: idSchema('an import id') }),
    },
    responses: {
      200: jsonResponse(
        ImportJobSchema.extend({ rejected: z.array(ImportRejectionSchema).max(MAX_REPORTED_REJECTIONS) }),
        'The import',
      ),
      ...errorResponses(403),
    },
  }),
};

export function importRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/imports', requireAdmin());
  app.use('/v1/imports/*', requireAdmin());
  return app
    .openapi(routes.create, async (c) => {
      const options = c.req.valid('query');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.byteLength === 0) {
        throw new DomainError('validation_failed', 'Send the CSV file as the request body', {
          fields: [{ path: 'file', message: 'is empty' }],
        });
      }
      const report = await services.imports.run({
        ...actorOf(c.var.principal),
        options,
        text: decodeUtf8(bytes),
      });
      if (report.dryRun) return c.json(report, 200);
      return report.status === 'queued' ? c.json(report, 202) : c.json(report, 201);
    })
    .openapi(routes.list, async (c) =>
      c.json({ items: await services.imports.list({ tenantId: c.var.principal.tenantId, limit: 50 }) }, 200),
    )
    .openapi(routes.get, async (c) =>
      c.json(
        await services.imports.get({ tenantId: c.var.principal.tenantId, ...c.req.valid('param') }),
        200,
      ),
    );
}
