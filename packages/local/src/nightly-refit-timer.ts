import { refitAllTenants } from '@crm/app/analytics';
import { reviewChurnAllTenants } from '@crm/app/churn';
import { reviewComplaintSlasAllTenants } from '@crm/app/complaints';
import { reviewCreditAllTenants } from '@crm/app/credit';
import { runServicePlansAllTenants } from '@crm/app/service';
import { createCareTasksAllTenants } from '@crm/app/tasks';
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

/**
 * The local stand-in for the EventBridge Scheduler schedule (infra/lib/stacks/scheduled-stack.ts):
 * at `hourUtc`:00 UTC every day it runs the same `refitAllTenants` and nightly credit review the
 * scheduled Lambda runs.
 * Only the trigger differs. A run still going at the next hour is not started twice.
 */
export function startNightlyRefitTimer(options: {
  table: TableClient;
  hourUtc: number;
  log: (message: string) => void;
  clock?: () => Date;
}): NightlyRefitTimer {
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
      const result = await refitAllTenants({
        table: options.table,
        tenantClient: sharedClientFactory(options.table),
        clock,
      });
      const failed = result.failed.map((entry) => `${entry.tenantId} (${entry.code})`).join(', ');
      options.log(
        `nightly refit: ${result.succeeded}/${result.tenants} tenants in ${(result.ms / 1000).toFixed(1)} s` +
          (failed ? `; not fitted: ${failed}` : ''),
      );
      const credit = await reviewCreditAllTenants({
        table: options.table,
        tenantClient: sharedClientFactory(options.table),
        clock,
      });
      options.log(
        `nightly credit review: ${credit.customers} customers with receivables due, ${credit.changed} files changed` +
          (credit.failed.length
            ? `; failed: ${credit.failed.map((entry) => entry.tenantId).join(', ')}`
            : ''),
      );
      const churn = await reviewChurnAllTenants({
        table: options.table,
        tenantClient: sharedClientFactory(options.table),
        clock,
      });
      options.log(
        `nightly churn review: ${churn.customers} customers assessed, ${churn.moved} moved` +
          (churn.failed.length ? `; failed: ${churn.failed.map((entry) => entry.tenantId).join(', ')}` : ''),
      );
      const complaints = await reviewComplaintSlasAllTenants({
        table: options.table,
        tenantClient: sharedClientFactory(options.table),
        clock,
      });
      options.log(
        `nightly complaint SLA review: ${complaints.overdue} overdue, ${complaints.escalated} escalated` +
          (complaints.failed.length
            ? `; failed: ${complaints.failed.map((entry) => entry.tenantId).join(', ')}`
            : ''),
      );
      const servicePlans = await runServicePlansAllTenants({
        table: options.table,
        tenantClient: sharedClientFactory(options.table),
        clock,
      });
      options.log(
        `nightly service plans: ${servicePlans.generated} requests generated, ${servicePlans.skipped} skipped` +
          (servicePlans.failed.length
            ? `; failed: ${servicePlans.failed.map((entry) => entry.tenantId).join(', ')}`
            : ''),
      );
      const care = await createCareTasksAllTenants({
        table: options.table,
        tenantClient: sharedClientFactory(options.table),
        clock,
      });
      options.log(
        `nightly care tasks: ${care.created} created, ${care.woken} snoozed ones reopened` +
          (care.failed.length ? `; failed: ${care.failed.map((entry) => entry.tenantId).join(', ')}` : ''),
      );
    } catch (error) {
      options.log(`nightly refit failed: ${(error as Error).message}`);
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
