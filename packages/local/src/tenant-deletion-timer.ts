import { type ExportArchives, TenantDeletionJob } from '@crm/app/tenant-data';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';

export type TenantDeletionTimer = {
  stop: () => Promise<void>;
  /** One pass now (the first one runs at start). */
  tick: () => Promise<void>;
};

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
  let running: Promise<void> | undefined;
  let stopped = false;
  const work = async () => {
    const outcome = await job.resumePending({ requestedBefore: startedAt });
    for (const tenantId of outcome.resumed) options.log(`resumed the deletion of tenant ${tenantId}`);
    for (const tenantId of outcome.finalPasses)
      options.log(`final pass of the deletion of tenant ${tenantId}`);
    for (const failed of outcome.failed) {
      options.log(`deletion of tenant ${failed.tenantId} failed again: ${failed.message}`);
    }
  };
  const pass = () => {
    running ??= work()
      .catch((error: Error) => options.log(`tenant deletion pass failed: ${error.message}`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  void pass();
  const timer = setInterval(
    () => {
      if (!stopped) void pass();
    },
    options.intervalMs ?? 5 * 60_000,
  );
  // The HTTP server keeps the process alive; this timer must never be the reason it stays.
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
    tick: pass,
  };
}
