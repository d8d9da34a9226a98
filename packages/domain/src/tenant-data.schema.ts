import { z } from 'zod';

/**
 * Tenant data rights: a tenant takes all its data away (export) or deletes it for good. The
 * archive's layout is versioned: a reader (the restore script, a customer's own tooling) checks
 * `schemaVersion` in its manifest before it reads. Version 2 added `keys/<entityType>.jsonl`, the
 * storage keys of each record line for line, so a restore puts every item back exactly.
 */
export const TENANT_EXPORT_SCHEMA_VERSION = 2;

/** How long a finished export can be downloaded (the S3 lifecycle rule expires it too). */
export const TENANT_EXPORT_TTL_HOURS = 24;

export const tenantExportStatuses = ['running', 'done', 'downloaded', 'failed', 'expired'] as const;
export const TenantExportStatusSchema = z.enum(tenantExportStatuses);
export type TenantExportStatus = z.infer<typeof TenantExportStatusSchema>;

export const TenantExportSchema = z
  .object({
    id: z.string(),
    status: TenantExportStatusSchema,
    /** Families of partitions read so far (customers, users, complaints, …) out of `familiesTotal`. */
    familiesDone: z.number().int().min(0),
    familiesTotal: z.number().int().min(0),
    /** Items written to the archive so far. */
    itemsDone: z.number().int().min(0),
    /** Items per entity type (one JSON Lines file each), once done. */
    counts: z.record(z.string(), z.number().int().min(0)),
    /** Size of the archive in bytes, once done. */
    bytes: z.number().int().min(0).optional(),
    startedBy: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    /** After this instant the archive is gone, downloaded or not. */
    availableUntil: z.string().optional(),
    downloadedAt: z.string().optional(),
    error: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'TenantExport', description: 'An export of all the tenant’s data (数据导出)' });
export type TenantExport = z.infer<typeof TenantExportSchema>;

export const TenantExportListSchema = z
  .object({ items: z.array(TenantExportSchema) })
  .meta({ id: 'TenantExportList' });

export const TenantExportLinkSchema = z
  .object({
    /** Where the archive is fetched from: once, before `expiresAt`. */
    url: z.string(),
    expiresAt: z.string(),
    fileName: z.string(),
  })
  .meta({ id: 'TenantExportLink', description: 'The one download of a finished export' });
export type TenantExportLink = z.infer<typeof TenantExportLinkSchema>;

export const TenantDeletionRequestSchema = z
  .strictObject({
    /** The tenant's name, typed by hand: the owner knows which business they are deleting. */
    confirmation: z.string().trim().min(1, 'is required').max(120),
    /** The owner's current password: a stolen access token alone cannot delete a tenant. */
    password: z.string().min(1, 'is required').max(1024),
  })
  .meta({ id: 'TenantDeletionRequest' });
export type TenantDeletionRequest = z.infer<typeof TenantDeletionRequestSchema>;

export const TenantDeletionSchema = z
  .object({
    tenantId: z.string(),
    status: z.literal('deleting'),
    requestedAt: z.string(),
  })
  .meta({ id: 'TenantDeletion', description: 'The tenant is disabled and its data is being removed' });
export type TenantDeletion = z.infer<typeof TenantDeletionSchema>;

/** The tenant's name as the owner must type it: surrounding spaces and letter case do not matter. */
export function deletionConfirmed(tenantName: string, typed: string): boolean {
  const normal = (text: string) => text.normalize('NFKC').trim().toLowerCase();
  return normal(typed) === normal(tenantName);
}
