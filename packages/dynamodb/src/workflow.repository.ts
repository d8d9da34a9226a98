import type { Workflow, WorkflowEvent, WorkflowRun } from '@crm/domain';
import { DomainError } from '@crm/domain';
import { conditionHeld } from './condition-failure.js';
import type { TableClient } from './document-client.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { keys, platformKeys, tenantDirectory } from './keys.js';
import { PlatformTable } from './platform-table.js';
import { TenantTable } from './tenant-table.js';

type Item = Record<string, unknown>;

/** A run as stored: what the history shows, the event it ran on, and a write counter. */
export type StoredWorkflowRun = WorkflowRun & {
  /** The triggering event, kept so a dry run can replay it (`POST /v1/workflows/{id}/test`). */
  event: WorkflowEvent;
  /** Bumped by every save, so two workers never both continue a run. */
  revision: number;
  /** When a worker last took the run up (started or resumed it): how long it has been `running`. */
  runningSince?: string;
};

/** Runs are kept this long after they started (the history's horizon). */
const RUN_RETENTION_MS = 90 * 86_400_000;

/**
 * Workflow definitions (one partition each, listed on gsi1) and their runs (one partition each,
 * a workflow's history on gsi1, the runs of one event on gsi3).
 */
export class WorkflowRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  private workflowItem(workflow: Workflow): Item {
    return toItem(
      'workflow',
      { ...keys.workflow(this.tenantId, workflow.id), ...keys.workflowsIndex(this.tenantId, workflow.id) },
      workflow,
    );
  }

  private runItem(run: StoredWorkflowRun): Item {
    return toItem(
      'workflowRun',
      {
        ...keys.workflowRun(this.tenantId, run.id),
        ...keys.workflowRunsIndex(this.tenantId, run.workflowId, run.startedAt, run.id),
        ...keys.workflowEventRunsIndex(this.tenantId, run.eventId, run.id),
        ...tenantDirectory.workflowRunIndex(this.tenantId, run.id),
      },
      run,
      { expiresAt: epochSeconds(new Date(Date.parse(run.startedAt) + RUN_RETENTION_MS)) },
    );
  }

  async create(workflow: Workflow): Promise<void> {
    await this.table.put(this.workflowItem(workflow), { ConditionExpression: 'attribute_not_exists(pk)' });
  }

  async get(workflowId: string): Promise<Workflow | undefined> {
    const item = await this.table.get(keys.workflow(this.tenantId, workflowId));
    return item ? fromItem<Workflow>(item) : undefined;
  }

  /** Every workflow of the tenant (a tenant has a handful; the index is eventually consistent). */
  async list(): Promise<Workflow[]> {
    const items = await this.table.queryAll({
      IndexName: 'gsi1',
      partitionValue: keys.workflowsPartition(this.tenantId),
    });
    return items.map((item) => fromItem<Workflow>(item));
  }

  /** Saves `next` if the stored workflow is still at `expectedVersion`; a conflict otherwise. */
  async save(next: Workflow, expectedVersion: number): Promise<void> {
    const saved = await conditionHeld(
      this.table.put(this.workflowItem(next), {
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      }),
    );
    if (!saved) {
      throw new DomainError('version_conflict', 'The workflow was changed by someone else; reload it');
    }
  }

  /** Removes the definition; its runs stay in the history until they expire. */
  async delete(workflowId: string): Promise<void> {
    await this.table.delete(keys.workflow(this.tenantId, workflowId));
  }

  /**
   * Writes a new run once: false when this run (same workflow, version and event) exists, which
   * is what makes a redelivered stream record start nothing twice.
   */
  async createRun(run: StoredWorkflowRun): Promise<boolean> {
    return conditionHeld(
      this.table.put(this.runItem(run), { ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  }

  async getRun(runId: string): Promise<StoredWorkflowRun | undefined> {
    const item = await this.table.get(keys.workflowRun(this.tenantId, runId));
    return item ? fromItem<StoredWorkflowRun>(item) : undefined;
  }

  /** Replaces the run if nobody saved it since `expectedRevision`; false when someone did. */
  async saveRun(next: StoredWorkflowRun, expectedRevision: number): Promise<boolean> {
    return conditionHeld(
      this.table.put(this.runItem(next), {
        ConditionExpression: 'revision = :expected',
        ExpressionAttributeValues: { ':expected': expectedRevision },
      }),
    );
  }

  /** A workflow's runs, newest first. */
  async listRuns(workflowId: string, limit: number): Promise<StoredWorkflowRun[]> {
    const page = await this.table.query<Item>({
      IndexName: 'gsi1',
      partitionValue: keys.workflowRunsPartition(this.tenantId, workflowId),
      ScanIndexForward: false,
      Limit: limit,
    });
    return page.items.map((item) => fromItem<StoredWorkflowRun>(item));
  }

  /** The runs one event started (of any workflow), for replaying the event in a dry run. */
  async runsForEvent(eventId: string): Promise<StoredWorkflowRun[]> {
    const page = await this.table.query<Item>({
      IndexName: 'gsi3',
      partitionValue: keys.workflowEventRunsPartition(this.tenantId, eventId),
      Limit: 5,
    });
    return page.items.map((item) => fromItem<StoredWorkflowRun>(item));
  }
}

/** A waiting run the scheduler should continue at `resumeAt`. */
export type WorkflowWaitMarker = { resumeAt: string; tenantId: string; runId: string };

/**
 * The platform list of waiting runs by resume time: the scheduler (the local timer, the scheduled
 * Lambda in AWS) reads it soonest first. The run item stays the truth: a marker whose run is no
 * longer waiting is simply dropped.
 */
export class WorkflowWaits {
  private readonly platform: PlatformTable;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
  }

  async mark(marker: WorkflowWaitMarker): Promise<void> {
    await this.platform.put({
      ...platformKeys.workflowWait(marker.resumeAt, marker.tenantId, marker.runId),
      ...tenantDirectory.index(
        marker.tenantId,
        'WFWAITS',
        platformKeys.workflowWait(marker.resumeAt, marker.tenantId, marker.runId).pk,
      ),
      ...marker,
      entityType: 'workflowWait',
    });
  }

  /** The waits due at `now` or before, soonest first, at most `limit`. */
  async due(now: string, limit: number): Promise<WorkflowWaitMarker[]> {
    const items = await this.platform.queryPartition<Item>(platformKeys.workflowWaitsPartition(), undefined, {
      limit,
    });
    return items
      .map((item) => ({
        resumeAt: item.resumeAt as string,
        tenantId: item.tenantId as string,
        runId: item.runId as string,
      }))
      .filter((marker) => marker.resumeAt <= now);
  }

  async clear(marker: WorkflowWaitMarker): Promise<void> {
    await this.platform.delete(platformKeys.workflowWait(marker.resumeAt, marker.tenantId, marker.runId));
  }
}
