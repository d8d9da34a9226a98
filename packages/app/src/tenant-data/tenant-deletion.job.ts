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
import { type ImportUploads, importUploadKey } from '../imports/import-queue.js';
import type { ExportArchives } from './export-archives.js';

/** The marker outlives the data by more than the stream's 24 h retention, then expires. */
const MARKER_KEPT_MS = 48 * 3_600_000;

/**
 * Later passes, after the marker: what a request or a stream reaction already past its check wrote
 * meanwhile (a reaction reads the marker through a 5 s cache and may take a while under load).
 */
export const LATER_PASSES_AFTER_MS: readonly number[] = [10_000, 30_000];

/**
 * The final pass, this long after the job finished: a stream reaction that read the marker as
 * absent did so before it was written, and cannot write later than its invocation lasts (the
 * stream consumer's timeout is 5 min at most, infra/lib/stacks/streams-stack.ts); a retried
 * record reads the marker again and skips. Twice that, to be safe.
 */
export const FINAL_PASS_AFTER_MS = 10 * 60_000;

/** The steps of a deletion, in order; a hook after each lets a test cut the job off there. */
export type TenantDeletionPhase = 'people' | 'files' | 'firstPass' | 'laterPasses' | 'record';

export type TenantDeletionHooks = {
  /** Called after each phase; a throw stops the job there, as a shutdown would. */
  afterPhase?: (phase: TenantDeletionPhase, tenantId: string) => Promise<void> | void;
};

export type ResumedDeletions = {
  /** Tenants whose cut-off job was run again. */
  resumed: string[];
  /** Tenants given their final pass. */
  finalPasses: string[];
  failed: { tenantId: string; message: string }[];
};

/**
 * The job that removes a deleted tenant's data, and what finds it again after a shutdown: every
 * step is idempotent (deletes of what is left), and the tenant's record and registry line go last,
 * so a run cut off anywhere is simply run again.
 */
export class TenantDeletionJob {
  private readonly table: TableClient;
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly archives: ExportArchives;
  private readonly importUploads: ImportUploads | undefined;
  private readonly hooks: TenantDeletionHooks;
  private readonly laterPassesAfterMs: readonly number[];

  constructor(deps: {
    table: TableClient;
    tenantClient: TenantClientFactory;
    clock: () => Date;
    archives: ExportArchives;
    importUploads?: ImportUploads;
    hooks?: TenantDeletionHooks;
    /** @default LATER_PASSES_AFTER_MS */
    laterPassesAfterMs?: readonly number[];
  }) {
    this.table = deps.table;
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.archives = deps.archives;
    this.importUploads = deps.importUploads;
    this.hooks = deps.hooks ?? {};
    this.laterPassesAfterMs = deps.laterPassesAfterMs ?? LATER_PASSES_AFTER_MS;
  }

  /** One sweep: the platform items that name the tenant, then every item of its partitions. */
  private async sweep(tenantId: string, keep: { pk: string; sk: string }[]): Promise<number> {
    const items = new TenantItems(this.tenantClient(tenantId), tenantId);
    const platform = new PlatformTable(this.table);
    for (const key of await items.platformItemKeys()) await platform.delete(key);
    return items.deleteAll({ keep });
  }

  async run({ tenantId }: { tenantId: string }): Promise<{ deleted: number }> {
    const deletions = new TenantDeletionRepository(this.table);
    // Never without the marker: nothing but a confirmed request deletes a tenant.
    const marker = await deletions.get(tenantId);
    if (!marker) throw new Error(`tenant ${tenantId} was not marked deleted`);
    const client = this.tenantClient(tenantId);
    // Again on a resumed run: a request cut off between its marker and this left the line listed.
    await new TenantRepository(client).markRegistrationDeleted({ tenantId, at: marker.requestedAt });
    const identities = new IdentityRepository(this.table);
    const phase = (name: TenantDeletionPhase) => this.hooks.afterPhase?.(name, tenantId);
    // People first: no login lists the tenant any more, and someone in no other tenant is gone.
    for (const user of await new UserRepository(client).list({ tenantId })) {
      await identities.leaveDeletedTenant({ email: user.email, tenantId });
    }
    await phase('people');
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
    await phase('files');
    const keep = [keys.tenant(tenantId)];
    let deleted = await this.sweep(tenantId, keep);
    await phase('firstPass');
    for (const after of this.laterPassesAfterMs) {
      const wait = Date.parse(marker.requestedAt) + after - this.clock().getTime();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // Both are refused from the marker on, but one already past that check may still land.
      deleted += await this.sweep(tenantId, keep);
    }
    await phase('laterPasses');
    await new TenantRepository(client).deleteRecord({ tenantId });
    await phase('record');
    await deletions.finish({ tenantId, now: this.clock(), keepFor: MARKER_KEPT_MS });
    return { deleted: deleted + 1 };
  }

  /**
   * The last sweep, once the stream has caught up: what a reaction that checked the marker just
   * before it was written wrote after the job's later passes. Then nothing more is due.
   */
  async finalPass({ tenantId }: { tenantId: string }): Promise<{ deleted: number }> {
    const deleted = await this.sweep(tenantId, []);
    await new TenantRepository(this.tenantClient(tenantId)).deleteRecord({ tenantId });
    await new TenantDeletionRepository(this.table).finishFinalPass({ tenantId, now: this.clock() });
    return { deleted };
  }

  /**
   * Once per table: puts on the pending list the deletions cut off before that list existed
   * (markers of 2026-12-01/02 builds, docs/tenant-data.md), found without a Scan: such a tenant is
   * still in the registry, so the registry is walked and its tenants' markers read 100 a BatchGet.
   * Each step is conditional, so a walk cut off is simply made again; when one has finished it is
   * recorded and never made again. Answers the tenants it listed.
   */
  async catchUpUnlisted(): Promise<string[]> {
    const deletions = new TenantDeletionRepository(this.table);
    if (await deletions.catchUpDone()) return [];
    const tenants = new TenantRepository(this.table);
    const listed: string[] = [];
    for (const marker of await deletions.unlistedUnfinished(await tenants.listTenantIds())) {
      await deletions.listAsPending(marker);
      // The nightly jobs leave a deleted tenant alone only once its registry line says so.
      await tenants.markRegistrationDeleted({ tenantId: marker.tenantId, at: marker.requestedAt });
      listed.push(marker.tenantId);
    }
    await deletions.markCatchUpDone(this.clock());
    return listed;
  }

  /**
   * Finds the deletions still due (a platform-level list: a tenant cut off late in its job is no
   * longer in the tenant registry) and runs them: the job again where it did not finish and was
   * requested before `requestedBefore` (the local runtime at start: any; the nightly pass: older
   * than the worker's longest run, so a job still running is left alone), the final pass where
   * the job finished long enough ago.
   */
  async resumePending(options: { requestedBefore?: Date } = {}): Promise<ResumedDeletions> {
    await this.catchUpUnlisted();
    const now = this.clock();
    const requestedBefore = (options.requestedBefore ?? now).getTime();
    const outcome: ResumedDeletions = { resumed: [], finalPasses: [], failed: [] };
    for (const marker of await new TenantDeletionRepository(this.table).listPending()) {
      const { tenantId } = marker;
      try {
        if (!marker.finishedAt) {
          if (Date.parse(marker.requestedAt) >= requestedBefore) continue;
          await this.run({ tenantId });
          outcome.resumed.push(tenantId);
        } else if (
          !marker.finalPassAt &&
          Date.parse(marker.finishedAt) + FINAL_PASS_AFTER_MS <= now.getTime()
        ) {
          await this.finalPass({ tenantId });
          outcome.finalPasses.push(tenantId);
        }
      } catch (error) {
        outcome.failed.push({ tenantId, message: error instanceof Error ? error.message : String(error) });
      }
    }
    return outcome;
  }
}
