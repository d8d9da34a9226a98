import { type ExportArchives, TenantDeletionJob } from '@crm/app/tenant-data';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { type PeriodicPass, startPeriodicPass } from './periodic-pass.js';

/** The first pass runs at start. */
export type TenantDeletionTimer = PeriodicPass;

/**
 * The local runtime's resumption of tenant deletions: at start, every deletion whose job a
 * shutdown cut off is run again (its jobs run in this process, so none of them is running any
 * more), and every `intervalMs` the final pass of a deletion that finished long enough ago is made
 * (docs/tenant-data.md). Jobs this process started since are left to themselves.
 */
export function startTenantDeletionTimer(options: {
  table: TableClient;
  archives: ExportArchives;
  log: (message: string) => void;
  intervalMs?: number;
  clock?: () => Date;
}): TenantDeletionTimer {
  const clock = options.clock ?? (() => new Date());
  const startedAt = clock();
  const job = new TenantDeletionJob({
    table: options.table,
    tenantClient: sharedClientFactory(options.table),
    clock,
    archives: options.archives,
  });
  const work = async () => {
    const outcome = await job.resumePending({ requestedBefore: startedAt });
    for (const tenantId of outcome.resumed) options.log(`resumed the deletion of tenant ${tenantId}`);
    for (const tenantId of outcome.finalPasses)
      options.log(`final pass of the deletion of tenant ${tenantId}`);
    for (const failed of outcome.failed) {
      options.log(`deletion of tenant ${failed.tenantId} failed again: ${failed.message}`);
    }
  };
  return startPeriodicPass(work, {
    intervalMs: options.intervalMs ?? 5 * 60_000,
    log: options.log,
    name: 'tenant deletion',
    runAtStart: true,
  });
}
