import { type NightlyJob, type NightlyRunResult, runNightlyAllTenants } from '@crm/app/nightly';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';

const DAY_MS = 86_400_000;

/**
 * Milliseconds from `now` to the next `hourUtc`:00 UTC (never zero: a start exactly on the hour
 * waits a day, as the schedule already fired for it).
 */
export function msUntilNextRun(now: Date, hourUtc: number): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc);
  const wait = next - now.getTime();
  return wait > 0 ? wait : wait + DAY_MS;
}

export type NightlyRefitTimer = { stop: () => void };

export type LocalNightOptions = {
  table: TableClient;
  log: (message: string) => void;
  clock?: () => Date;
  /** @default the registry of packages/app/src/nightly, as the AWS nightly worker runs it */
  jobs?: readonly NightlyJob[];
  /** @default every registered tenant */
  tenantIds?: readonly string[];
};

/** One night locally: every nightly job for every tenant, one tenant after the other. */
export async function runLocalNight(options: LocalNightOptions): Promise<NightlyRunResult> {
  const result = await runNightlyAllTenants({
    table: options.table,
    tenantClient: sharedClientFactory(options.table),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.tenantIds ? { tenantIds: options.tenantIds } : {}),
  });
  const failed = result.failed
    .map((entry) => `${entry.tenantId} (${entry.jobs.map((job) => job.job).join(', ')})`)
    .join('; ');
  options.log(
    `nightly jobs: ${result.tenants - result.failed.length}/${result.tenants} tenants in ${(result.ms / 1000).toFixed(1)} s` +
      (failed ? `; failed: ${failed}` : ''),
  );
  return result;
}

/**
 * The local stand-in for the EventBridge Scheduler schedule and the nightly queue
 * (infra/lib/stacks/scheduled-stack.ts): at `hourUtc`:00 UTC every day it runs the same registry
 * of per-tenant nightly jobs the AWS worker runs, tenant after tenant in this process.
 * Only the trigger and the fan-out differ. A night still going at the next hour is not started twice.
 */
export function startNightlyRefitTimer(options: LocalNightOptions & { hourUtc: number }): NightlyRefitTimer {
  const clock = options.clock ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let stopped = false;

  const arm = () => {
    if (stopped) return;
    timer = setTimeout(run, msUntilNextRun(clock(), options.hourUtc));
    // The HTTP server keeps the process alive; this timer must never be the reason it stays.
    timer.unref();
  };
  const run = async () => {
    arm();
    if (running) return;
    running = true;
    try {
      await runLocalNight({ ...options, clock });
    } catch (error) {
      options.log(`nightly jobs failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  arm();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
