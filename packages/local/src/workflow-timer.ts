import { createWorkflowRunner, resumeDueWorkflowRuns, runScheduledWorkflows } from '@crm/app/workflows';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { type PeriodicPass, startPeriodicPass } from './periodic-pass.js';

export type WorkflowTimer = PeriodicPass;

/**
 * The local stand-in for the scheduled workflow Lambda: every `intervalMs` it continues the
 * waiting runs whose time has come (they are stored, so a wait outlives a restart), and once per
 * hour (UTC) it runs that hour's scheduled workflows. The same job code as in AWS.
 */
export function startWorkflowTimer(options: {
  table: TableClient;
  log: (message: string) => void;
  intervalMs?: number;
  clock?: () => Date;
}): WorkflowTimer {
  const clock = options.clock ?? (() => new Date());
  const tenantClient = sharedClientFactory(options.table);
  const runner = createWorkflowRunner({ table: options.table, clock });
  let lastScheduledHour: string | undefined;
  const work = async () => {
    const resumed = await resumeDueWorkflowRuns({ table: options.table, runner, clock });
    if (resumed.failed > 0) options.log(`${resumed.failed} waiting workflow run(s) failed to continue`);
    const hour = clock().toISOString().slice(0, 13);
    if (hour !== lastScheduledHour) {
      lastScheduledHour = hour;
      const scheduled = await runScheduledWorkflows({ table: options.table, tenantClient, runner, clock });
      if (scheduled.runs > 0) options.log(`scheduled workflows: ${scheduled.runs} run(s)`);
    }
  };
  return startPeriodicPass(work, {
    intervalMs: options.intervalMs ?? 5_000,
    log: options.log,
    name: 'workflow',
  });
}
