import { SCHEDULE_EVENT, type WorkflowEvent } from '@crm/domain';
import {
  CustomerRepository,
  type TableClient,
  type TenantClientFactory,
  WorkflowRepository,
  WorkflowWaits,
} from '@crm/dynamodb';
import { countPerTenant } from '../nightly/count-per-tenant.js';
import type { TenantPassOutcome } from '../nightly/each-tenant.js';
import type { WorkflowRunner } from './workflow-runner.js';

/**
 * Continues every waiting run whose time has come (soonest first, `limit` a pass), and records as
 * failed each run whose watch marker finds it still `running` past the timeout. The marker is
 * dropped once its run has been continued or is no longer waiting; a pass that fails on a run keeps
 * its marker, so the next pass tries again. Run by the local timer and the scheduled Lambda.
 */
export async function resumeDueWorkflowRuns(deps: {
  table: TableClient;
  runner: WorkflowRunner;
  clock: () => Date;
  limit?: number;
}): Promise<{ resumed: number; failed: number }> {
  const waits = new WorkflowWaits(deps.table);
  let resumed = 0;
  let failed = 0;
  for (const marker of await waits.due(deps.clock().toISOString(), deps.limit ?? 100)) {
    try {
      if (await deps.runner.resume(marker.tenantId, marker.runId)) resumed++;
      await waits.clear(marker);
    } catch {
      failed++;
    }
  }
  return { resumed, failed };
}

/**
 * Runs the active schedule-triggered workflows of this hour (UTC) over every live customer of each
 * tenant. The event id names the day, the hour and the customer, so a second pass in the same hour
 * starts nothing twice (runs are idempotent per workflow version and event).
 */
export async function runScheduledWorkflows(deps: {
  table: TableClient;
  tenantClient: TenantClientFactory;
  runner: WorkflowRunner;
  clock: () => Date;
  tenantIds?: readonly string[];
}): Promise<TenantPassOutcome & { runs: number }> {
  const now = deps.clock();
  const hour = now.getUTCHours();
  const day = now.toISOString().slice(0, 10);
  return countPerTenant({ table: deps.table, tenantIds: deps.tenantIds }, ['runs'], async (tenantId, add) => {
    const workflows = (await new WorkflowRepository(deps.tenantClient(tenantId), tenantId).list()).filter(
      (workflow) =>
        workflow.status === 'active' &&
        workflow.trigger.type === 'schedule' &&
        workflow.trigger.hourUtc === hour,
    );
    if (workflows.length === 0) return;
    for await (const page of new CustomerRepository(
      deps.tenantClient(tenantId),
      tenantId,
    ).liveCustomerPages()) {
      for (const customer of page) {
        const { version: _version, ...data } = customer;
        const event: WorkflowEvent = {
          id: `schedule_${day}T${String(hour).padStart(2, '0')}_${customer.id}`,
          type: SCHEDULE_EVENT,
          occurredAt: now.toISOString(),
          data,
        };
        for (const workflow of workflows) {
          const { created } = await deps.runner.start(tenantId, workflow, event, {
            trigger: 'schedule',
            causeDepth: 0,
          });
          if (created) add({ runs: 1 });
        }
      }
    }
  });
}
