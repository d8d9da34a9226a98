import { DomainError, deletionConfirmed, type TenantDeletion, type TenantDeletionRequest } from '@crm/domain';
import {
  type TableClient,
  type TenantClientFactory,
  TenantDeletionRepository,
  TenantRepository,
  UserRepository,
} from '@crm/dynamodb';
import type { AuthService } from '../auth/auth.service.js';
import type { ImportUploads } from '../imports/import-queue.js';
import type { DeletedTenants } from './deleted-tenants.js';
import type { ExportArchives } from './export-archives.js';
import type { TenantDataDispatch } from './tenant-data-jobs.js';
import { type TenantDeletionHooks, TenantDeletionJob } from './tenant-deletion.job.js';

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
  private readonly dispatch: () => TenantDataDispatch;
  private readonly job: TenantDeletionJob;

  constructor(deps: {
    table: TableClient;
    tenantClient: TenantClientFactory;
    clock: () => Date;
    auth: AuthService;
    deletedTenants: DeletedTenants;
    archives: ExportArchives;
    importUploads?: ImportUploads;
    dispatch: () => TenantDataDispatch;
    hooks?: TenantDeletionHooks;
    laterPassesAfterMs?: readonly number[];
  }) {
    this.table = deps.table;
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.auth = deps.auth;
    this.deletedTenants = deps.deletedTenants;
    this.dispatch = deps.dispatch;
    this.job = new TenantDeletionJob(deps);
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
    await new TenantRepository(client).markRegistrationDeleted({ tenantId, at: marker.requestedAt });
    await this.dispatch()({ kind: 'deletion', tenantId });
    return { tenantId, status: 'deleting', requestedAt: marker.requestedAt };
  }

  /** The job (idempotent: run again after a crash, it finds what is left and removes it). */
  run({ tenantId }: { tenantId: string }): Promise<{ deleted: number }> {
    return this.job.run({ tenantId });
  }

  /** Deletions whose job did not finish (a shutdown, a crash), run again. */
  resumePending(options: { requestedBefore?: Date } = {}) {
    return this.job.resumePending(options);
  }
}
