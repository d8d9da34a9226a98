import type { Services } from '@crm/app';
import {
  DomainError,
  idSchema,
  isOwner,
  TenantDeletionRequestSchema,
  TenantDeletionSchema,
  TenantExportLinkSchema,
  TenantExportListSchema,
  TenantExportSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';
import {
  bearerSecurity,
  defineRoute,
  errorResponses,
  jsonBody,
  jsonResponse,
  publicAccess,
} from '../openapi.js';

const common = { tags: ['tenant'] as ['tenant'], security: bearerSecurity };

const ExportIdParam = z.object({ exportId: idSchema('an export id') });

/** `<tenantId>.<exportId>.<secret>`: the one-time link (the link is the credential). */
const DownloadLinkParam = z.object({
  link: z
    .string()
    .max(120)
    .regex(/^[0-9A-Z]{26}\.[0-9A-Z]{26}\.[A-Za-z0-9_-]{43}$/, 'must be a download link'),
});

const routes = {
  startExport: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/tenant/export',
    operationId: 'startTenantExport',
    summary: 'Export all the tenant’s data (数据导出; owner)',
    description:
      'Starts a job that writes every record of the tenant into one ZIP archive: JSON Lines per entity type, ' +
      'customers.csv, manifest.json and README.md (docs/tenant-data.md). Follow it at GET /v1/tenant/exports/{exportId}; ' +
      'when done, POST …/download gives the one download, valid 24 hours. Owner only; one export at a time.',
    responses: {
      202: jsonResponse(TenantExportSchema, 'The export job, running'),
      ...errorResponses({ 409: 'Another export of this tenant is running' }),
    },
  }),
  listExports: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/tenant/exports',
    operationId: 'listTenantExports',
    summary: 'The tenant’s exports of the last week, newest first (owner)',
    description: 'Each export with its status and progress. Owner only.',
    responses: { 200: jsonResponse(TenantExportListSchema, 'Exports'), ...errorResponses(403) },
  }),
  getExport: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/tenant/exports/{exportId}',
    operationId: 'getTenantExport',
    summary: 'One export: status and progress (owner)',
    description:
      'running (partition families and items done so far), done (counts per entity type, size, available until), ' +
      'downloaded, failed or expired. Owner only.',
    request: { params: ExportIdParam },
    responses: { 200: jsonResponse(TenantExportSchema, 'The export'), ...errorResponses(403) },
  }),
  downloadExport: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/tenant/exports/{exportId}/download',
    operationId: 'downloadTenantExport',
    summary: 'The one download link of a finished export (owner)',
    description:
      'Hands out the archive’s link once: in AWS a presigned S3 URL valid five minutes, locally a one-time link to ' +
      'this API. Asking again, or after 24 hours, is a 409. Owner only.',
    request: { params: ExportIdParam },
    responses: {
      200: jsonResponse(TenantExportLinkSchema, 'Where to fetch the archive, once'),
      ...errorResponses({ 409: 'Not finished, already downloaded, or expired' }),
    },
  }),
  fetchArchive: defineRoute({
    tags: ['tenant'],
    security: publicAccess,
    method: 'get',
    path: '/v1/public/tenant-exports/{link}',
    operationId: 'fetchTenantExportArchive',
    summary: 'The export archive, through its one-time link',
    description:
      'Serves the archive once (application/zip) and deletes it; the link is the credential. A used, expired or ' +
      'unknown link is a 404.',
    request: { params: DownloadLinkParam },
    responses: {
      200: {
        description: 'The archive',
        content: { 'application/zip': { schema: z.string().max(2_000_000_000) } },
      },
    },
  }),
  deleteTenant: defineRoute({
    ...common,
    method: 'delete',
    path: '/v1/tenant',
    operationId: 'deleteTenant',
    summary: 'Delete the tenant and all its data for good (注销; owner)',
    description:
      'The owner types the tenant’s name and their current password. The tenant is disabled at once (every token ' +
      'and API key of it answers 401 from then on) and a job removes every record of it, its users’ memberships, ' +
      'links, uploads and exports. Nothing is kept (docs/tenant-data.md).',
    request: { body: jsonBody(TenantDeletionRequestSchema) },
    responses: {
      202: jsonResponse(TenantDeletionSchema, 'Disabled; its data is being removed'),
      ...errorResponses(429),
    },
  }),
};

/** Only the tenant's owner, signed in as a person: never an admin, a partner or an API key. */
function requireOwner() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.var.principal;
    if (principal.kind !== 'user' || !isOwner(principal.role)) {
      throw new DomainError('forbidden', 'Requires the tenant owner');
    }
    await next();
  });
}

export function tenantDataRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.on('POST', '/v1/tenant/export', requireOwner());
  app.on(['GET', 'POST'], ['/v1/tenant/exports', '/v1/tenant/exports/*'], requireOwner());
  app.on('DELETE', '/v1/tenant', requireOwner());
  const userOf = (principal: AppEnv['Variables']['principal']) => {
    if (principal.kind !== 'user') throw new DomainError('forbidden', 'Requires the tenant owner');
    return { tenantId: principal.tenantId, userId: principal.userId };
  };
  return app
    .openapi(routes.startExport, async (c) => {
      const { tenantId, userId } = userOf(c.var.principal);
      return c.json(await services.tenantData.exports.start({ tenantId, actorId: userId }), 202);
    })
    .openapi(routes.listExports, async (c) =>
      c.json({ items: await services.tenantData.exports.list({ tenantId: c.var.principal.tenantId }) }, 200),
    )
    .openapi(routes.getExport, async (c) =>
      c.json(
        await services.tenantData.exports.get({
          tenantId: c.var.principal.tenantId,
          exportId: c.req.valid('param').exportId,
        }),
        200,
      ),
    )
    .openapi(routes.downloadExport, async (c) =>
      c.json(
        await services.tenantData.exports.link({
          tenantId: c.var.principal.tenantId,
          exportId: c.req.valid('param').exportId,
        }),
        200,
      ),
    )
    .openapi(routes.fetchArchive, async (c) => {
      const { bytes, fileName } = await services.tenantData.exports.download(c.req.valid('param').link);
      c.header('Content-Type', 'application/zip');
      c.header('Content-Disposition', `attachment; filename="${fileName}"`);
      c.header('Cache-Control', 'no-store');
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200) as never;
    })
    .openapi(routes.deleteTenant, async (c) => {
      const deletion = await services.tenantData.deletion.request(
        userOf(c.var.principal),
        c.req.valid('json'),
      );
      return c.json(deletion, 202);
    });
}
