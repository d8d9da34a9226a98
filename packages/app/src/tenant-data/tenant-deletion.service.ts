import { DomainError, deletionConfirmed, type TenantDeletion, type TenantDeletionRequest } from '@crm/domain';
import {
  IdentityRepository,
  keys,
  PlatformTable,
  type TableClient,
  type TenantClientFactory,
  TenantDeletionRepository,
  TenantExportRepository,
  TenantItems,
  TenantRepository,
  UserRepository,
} from '@crm/dynamodb';
import type { AuthService } from '../auth/auth.service.js';
import { type ImportUploads, importUploadKey } from '../imports/import-queue.js';
import type { DeletedTenants } from './deleted-tenants.js';
import type { ExportArchives } from './export-archives.js';
import type { TenantDataDispatch } from './tenant-data-jobs.js';

/** The marker outlives the data by more than the stream's 24 h retention, then expires. */
const MARKER_KEPT_MS = 48 * 3_600_000;

/**
 * Other instances (API Lambdas, the stream consumer) may take up to DeletedTenants' cache time
 * (5 s) to see the marker, and a write they let through in that window may land a moment later:
 * the second pass starts only after twice that time since the marker was written.
 */
/**
 * Later passes, after the marker: what a request or a stream reaction already past its check wrote
 * meanwhile (a reaction reads the marker through a 5 s cache and may take a while under load).
 */
const LATER_PASSES_AFTER_MS = [10_000, 30_000] as const;

/**
 * Deleting a tenant for good (注销): the owner confirms with the tenant's name and their current
 * password; the tenant is refused from that instant (a platform marker that authentication and the
 * stream reactions read), and a job removes every item whose keys carry the tenant, the platform
 * items that name it, its import uploads and export archives.
 */
export class TenantDeletionService {
  private readonly table: TableClient;
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly auth: AuthService;
  private readonly deletedTenants: DeletedTenants;
  private readonly archives: ExportArchives;
  private readonly importUploads: ImportUploads | undefined;
  private readonly dispatch: () => TenantDataDispatch;

  constructor(deps: {
    table: TableClient;
    tenantClient: TenantClientFactory;
    clock: () => Date;
    auth: AuthService;
    deletedTenants: DeletedTenants;
    archives: ExportArchives;
    importUploads?: ImportUploads;
    dispatch: () => TenantDataDispatch;
  }) {
    this.table = deps.table;
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.auth = deps.auth;
    this.deletedTenants = deps.deletedTenants;
    this.archives = deps.archives;
    this.importUploads = deps.importUploads;
    this.dispatch = deps.dispatch;
  }

  /** Checks the confirmation and the password, disables the tenant at once and starts the job. */
  async request(
    { tenantId, userId }: { tenantId: string; userId: string },
    input: TenantDeletionRequest,
  ): Promise<TenantDeletion> {
    const client = this.tenantClient(tenantId);
    const tenant = await new TenantRepository(client).get({ tenantId });
    if (!tenant) throw new DomainError('not_found', 'Tenant not found');
    if (!deletionConfirmed(tenant.name, input.confirmation)) {
      throw new DomainError('validation_failed', 'The confirmation is not the tenant name', {
        fields: [{ path: 'confirmation', message: 'must be the tenant name' }],
      });
    }
    const owner = await new UserRepository(client).get({ tenantId, userId });
    if (!owner) throw new DomainError('forbidden', 'Only the owner deletes the tenant');
    await this.auth.confirmPassword({ email: owner.email, password: input.password });
    const marker = await new TenantDeletionRepository(this.table).mark({
      tenantId,
      requestedAt: this.clock().toISOString(),
      requestedBy: userId,
    });
    this.deletedTenants.remember(tenantId);
    await this.dispatch()({ kind: 'deletion', tenantId });
    return { tenantId, status: 'deleting', requestedAt: marker.requestedAt };
  }

  /**
   * The job. Idempotent: run again after a crash, it finds what is left and removes it. The
   * tenant's own record goes last, so until then a rerun still knows the tenant.
   */
  async run({ tenantId }: { tenantId: string }): Promise<{ deleted: number }> {
    const deletions = new TenantDeletionRepository(this.table);
    // Never without the marker: nothing but a confirmed request deletes a tenant.
    const marker = await deletions.get(tenantId);
    if (!marker) throw new Error(`tenant ${tenantId} was not marked deleted`);
    const client = this.tenantClient(tenantId);
    const platform = new PlatformTable(this.table);
    const identities = new IdentityRepository(this.table);
    // People first: no login lists the tenant any more, and someone in no other tenant is gone.
    for (const user of await new UserRepository(client).list({ tenantId })) {
      await identities.leaveDeletedTenant({ email: user.email, tenantId });
    }
    const items = new TenantItems(client, tenantId);
    for (const found of await new TenantExportRepository(client, tenantId).list()) {
      if (found.archiveKey) await this.archives.delete(found.archiveKey);
    }
    if (this.importUploads) {
      const importPrefix = keys.importPartition(tenantId, '');
      for await (const pk of items.partitionsOf('IMPORT')) {
        await this.importUploads.delete(importUploadKey(tenantId, pk.slice(importPrefix.length)));
      }
    }
    const keep = [keys.tenant(tenantId)];
    const sweep = async () => {
      for (const key of await items.platformItemKeys()) await platform.delete(key);
      return items.deleteAll({ keep });
    };
    let deleted = await sweep();
    for (const after of LATER_PASSES_AFTER_MS) {
      const wait = Date.parse(marker.requestedAt) + after - this.clock().getTime();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // Both are refused from the marker on, but one already past that check may still land.
      deleted += await sweep();
    }
    await new TenantRepository(client).deleteRecord({ tenantId });
    await deletions.finish({ tenantId, now: this.clock(), keepFor: MARKER_KEPT_MS });
    return { deleted: deleted + 1 };
  }
}
