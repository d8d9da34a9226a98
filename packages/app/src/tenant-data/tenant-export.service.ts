import { createHash, randomBytes } from 'node:crypto';
import {
  DomainError,
  newId,
  TENANT_EXPORT_TTL_HOURS,
  type TenantExport,
  type TenantExportLink,
} from '@crm/domain';
import {
  reachedPartitionFamilies,
  type StoredTenantExport,
  type TenantClientFactory,
  TenantExportRepository,
  TenantItems,
  TenantRepository,
} from '@crm/dynamodb';
import { type ExportArchives, exportArchiveKey } from './export-archives.js';
import { TenantArchiveWriter } from './tenant-archive.js';
import type { TenantDataDispatch } from './tenant-data-jobs.js';

const HOUR_MS = 3_600_000;
/** A presigned URL is handed out once and works for this long (the browser starts at once). */
const PRESIGNED_LINK_SECONDS = 300;
/** Progress is saved at most this often, so a big export costs a few writes a minute. */
const PROGRESS_INTERVAL_MS = 2_000;

/** What the public one-time link carries: the tenant and export it opens, and its secret. */
function parseDownloadToken(token: string) {
  const match = /^([0-9A-HJKMNP-TV-Z]{26})\.([0-9A-HJKMNP-TV-Z]{26})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  return { tenantId: match[1] as string, exportId: match[2] as string, secret: match[3] as string };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The record the API shows: where the archive lives and the link's hash stay inside. */
function publicExport(stored: StoredTenantExport, now: Date): TenantExport {
  const { archiveKey: _archive, downloadTokenHash: _token, ...record } = stored;
  const expired =
    record.status === 'done' &&
    record.availableUntil !== undefined &&
    Date.parse(record.availableUntil) <= now.getTime();
  return expired ? { ...record, status: 'expired' } : record;
}

/**
 * Tenant export (数据导出): every item of the tenant, read by Query partition by partition
 * (`TenantItems`), written into one archive (JSON Lines per entity type, customers.csv, manifest),
 * downloadable once for 24 hours.
 */
export class TenantExportService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly archives: ExportArchives;
  private readonly dispatch: () => TenantDataDispatch;

  constructor(deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    archives: ExportArchives;
    /** Late-bound: the default runs the job in this process, through this very service. */
    dispatch: () => TenantDataDispatch;
  }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.archives = deps.archives;
    this.dispatch = deps.dispatch;
  }

  private repository(tenantId: string) {
    return new TenantExportRepository(this.tenantClient(tenantId), tenantId);
  }

  /** Starts an export; one at a time per tenant (409 while another is running). */
  async start({ tenantId, actorId }: { tenantId: string; actorId: string }): Promise<TenantExport> {
    const repository = this.repository(tenantId);
    const now = this.clock();
    const running = (await repository.list()).find(
      (existing) => existing.status === 'running' && now.getTime() - Date.parse(existing.startedAt) < HOUR_MS,
    );
    if (running) {
      throw new DomainError('invalid_state', 'An export of this tenant is already running', {
        details: { exportId: running.id },
      });
    }
    const record: StoredTenantExport = {
      id: newId(),
      status: 'running',
      familiesDone: 0,
      familiesTotal: reachedPartitionFamilies().length,
      itemsDone: 0,
      counts: {},
      startedBy: actorId,
      startedAt: now.toISOString(),
      version: 1,
    };
    await repository.create(record, new Date(now.getTime() + TENANT_EXPORT_TTL_HOURS * HOUR_MS));
    await this.dispatch()({ kind: 'export', tenantId, exportId: record.id });
    return publicExport(record, now);
  }

  async get({ tenantId, exportId }: { tenantId: string; exportId: string }): Promise<TenantExport> {
    const stored = await this.repository(tenantId).get(exportId);
    if (!stored) throw new DomainError('not_found', 'Export not found');
    return publicExport(stored, this.clock());
  }

  async list({ tenantId }: { tenantId: string }): Promise<TenantExport[]> {
    const now = this.clock();
    return (await this.repository(tenantId).list()).map((stored) => publicExport(stored, now));
  }

  /** The job: reads every item, writes the archive, stores it and records the outcome. */
  async run({ tenantId, exportId }: { tenantId: string; exportId: string }): Promise<void> {
    const repository = this.repository(tenantId);
    const stored = await repository.get(exportId);
    if (stored?.status !== 'running') return;
    const client = this.tenantClient(tenantId);
    const expiresAt = new Date(Date.parse(stored.startedAt) + TENANT_EXPORT_TTL_HOURS * HOUR_MS);
    let record: StoredTenantExport = { ...stored };
    try {
      const tenant = await new TenantRepository(client).get({ tenantId });
      if (!tenant) throw new Error('tenant not found');
      const writer = new TenantArchiveWriter();
      const families = new Set<string>();
      let lastSaved = Date.now();
      for await (const { family, items } of new TenantItems(client, tenantId).pages({ pageSize: 500 })) {
        families.add(family);
        let added = 0;
        for (const item of items) if (writer.add(item)) added += 1;
        record = {
          ...record,
          itemsDone: record.itemsDone + added,
          familiesDone: Math.max(0, families.size - 1),
          version: record.version + 1,
        };
        if (Date.now() - lastSaved > PROGRESS_INTERVAL_MS) {
          if (!(await repository.save(record, expiresAt))) return;
          lastSaved = Date.now();
        }
      }
      const finishedAt = this.clock();
      const bytes = await writer.finish({
        tenantId,
        tenantName: tenant.name,
        createdAt: finishedAt.toISOString(),
      });
      const archiveKey = exportArchiveKey(tenantId, exportId);
      await this.archives.put(archiveKey, bytes);
      record = {
        ...record,
        status: 'done',
        familiesDone: record.familiesTotal,
        counts: writer.countsByEntityType(),
        bytes: bytes.length,
        finishedAt: finishedAt.toISOString(),
        availableUntil: expiresAt.toISOString(),
        archiveKey,
        version: record.version + 1,
      };
      if (!(await repository.save(record, expiresAt))) await this.archives.delete(archiveKey);
    } catch (error) {
      console.error('tenant export failed', { tenantId, exportId, error });
      await repository.save(
        {
          ...record,
          status: 'failed',
          error: 'The export failed; start another',
          finishedAt: this.clock().toISOString(),
          version: record.version + 1,
        },
        expiresAt,
      );
    }
  }

  /**
   * The one download of a finished export. With presigned URLs (S3) the URL itself is handed out
   * once and lives five minutes; otherwise a one-time link to this API (`/v1/public/tenant-exports/…`),
   * which serves the archive once and deletes it.
   */
  async link({ tenantId, exportId }: { tenantId: string; exportId: string }): Promise<TenantExportLink> {
    const repository = this.repository(tenantId);
    const stored = await repository.get(exportId);
    if (!stored) throw new DomainError('not_found', 'Export not found');
    const now = this.clock();
    const unavailable = () =>
      new DomainError('invalid_state', 'This export is not available: not finished, downloaded or expired', {
        details: { status: publicExport(stored, now).status },
      });
    if (!stored.archiveKey || publicExport(stored, now).status !== 'done') throw unavailable();
    const fileName = `crm-export-${stored.finishedAt?.slice(0, 10) ?? 'archive'}-${exportId}.zip`;
    if (this.archives.presign) {
      if (!(await repository.claimDownload({ exportId, now: now.toISOString() }))) throw unavailable();
      return {
        url: await this.archives.presign(stored.archiveKey, PRESIGNED_LINK_SECONDS),
        expiresAt: new Date(now.getTime() + PRESIGNED_LINK_SECONDS * 1000).toISOString(),
        fileName,
      };
    }
    const secret = randomBytes(32).toString('base64url');
    const set = await repository.setDownloadToken({
      exportId,
      tokenHash: sha256(secret),
      now: now.toISOString(),
    });
    if (!set) throw unavailable();
    return {
      url: `/v1/public/tenant-exports/${tenantId}.${exportId}.${secret}`,
      expiresAt: stored.availableUntil ?? now.toISOString(),
      fileName,
    };
  }

  /** Serves the archive for a one-time link, once: the claim and the archive's removal go together. */
  async download(token: string): Promise<{ bytes: Uint8Array; fileName: string }> {
    const parts = parseDownloadToken(token);
    const gone = () => new DomainError('not_found', 'This download link is used, expired or unknown');
    if (!parts) throw gone();
    const repository = this.repository(parts.tenantId);
    const stored = await repository.get(parts.exportId);
    if (!stored?.archiveKey) throw gone();
    const claimed = await repository.claimDownload({
      exportId: parts.exportId,
      now: this.clock().toISOString(),
      tokenHash: sha256(parts.secret),
    });
    if (!claimed) throw gone();
    const bytes = await this.archives.get(stored.archiveKey);
    await this.archives.delete(stored.archiveKey);
    if (!bytes) throw gone();
    return {
      bytes,
      fileName: `crm-export-${stored.finishedAt?.slice(0, 10) ?? 'archive'}-${parts.exportId}.zip`,
    };
  }
}
