import { DomainError, type Task, type TaskKind, type TaskPolicy, type TaskStatus } from '@crm/domain';
import { conditionHeld, ifConditionHeld } from './condition-failure.js';
import type { TableClient } from './document-client.js';
import { filledListPage } from './filled-list-page.js';
import { fromItem, toItem } from './item-codec.js';
import { cursorSortKeyPatterns, keys } from './keys.js';
import { listPageFilterParams } from './list-page-filter.js';
import { statusChangeUpdate } from './status-change-update.js';
import { TenantTable } from './tenant-table.js';
import { VersionedSettingsItem } from './versioned-settings-item.js';

type Item = Record<string, unknown>;

export type StoredTaskPolicy = {
  policy: TaskPolicy;
  version: number;
  updatedAt: string;
  updatedBy: string;
};

export type TaskListFilter = {
  status?: TaskStatus;
  /** A user id; `null` for the team's unassigned tasks. */
  assigneeId?: string | null;
  kind?: TaskKind;
  customerId?: string;
  limit: number;
  /** From the previous page: the place of its last task (`<dueOn>#<id>`, base64url). */
  cursor?: string;
};

/** A versioned change of a task: applied only at `expectedVersion` and from the statuses that allow it. */
export type TaskChange = {
  expectedVersion: number;
  from: readonly TaskStatus[];
  set: Partial<Pick<Task, 'status' | 'assigneeId' | 'snoozedUntil' | 'completedAt' | 'completedBy' | 'note'>>;
  at: string;
  by: string;
};

function taskItem(tenantId: string, task: Task): Item {
  return toItem(
    'task',
    {
      ...keys.task(tenantId, task.id),
      ...keys.tasksIndex(tenantId, task.dueOn, task.id),
      ...keys.tasksByStatusIndex(tenantId, task.status, task.dueOn, task.id),
      ...keys.customerTasksIndex(tenantId, task.customerId, task.dueOn, task.id),
      ...keys.assigneeTasksIndex(tenantId, task.assigneeId, task.dueOn, task.id),
    },
    task,
  );
}

/**
 * Care reminders (tasks) and the tenant's task policy. One item per task, listed by due day for
 * the tenant (gsi1), per status (gsi2), per customer (gsi3) and per assignee (gsi4).
 */
export class TaskRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async getPolicy(): Promise<StoredTaskPolicy | undefined> {
    return this.settings().get();
  }

  /** Saves it only if it is still at `expectedVersion` (0: none saved yet); else `version_conflict`. */
  async putPolicy(stored: StoredTaskPolicy, expectedVersion: number): Promise<void> {
    await this.settings().put(stored, expectedVersion);
  }

  private settings() {
    return new VersionedSettingsItem<StoredTaskPolicy>(
      this.table,
      'taskPolicy',
      keys.taskPolicy(this.tenantId),
      'The task policy was changed by someone else; reload it',
    );
  }

  async get(taskId: string): Promise<Task | undefined> {
    const item = await this.table.get(keys.task(this.tenantId, taskId));
    return item ? fromItem<Task>(item) : undefined;
  }

  /** Writes the task once: false when a task with its id exists (a replay, a second nightly run). */
  async createIfAbsent(task: Task): Promise<boolean> {
    return conditionHeld(
      this.table.put(taskItem(this.tenantId, task), {
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /**
   * Applies `change` if the task is at `expectedVersion` and in one of `change.from`, moving the
   * status and assignee index keys with the fields. Undefined when the condition failed (the
   * caller reads the task to tell a missing task, a stale version and a wrong status apart).
   */
  async change(current: Task, change: TaskChange): Promise<Task | undefined> {
    const { sets, names, values, statusCondition } = statusChangeUpdate(change);
    names['#version'] = 'version';
    values[':expected'] = change.expectedVersion;
    values[':one'] = 1;
    sets.push('#version = #version + :one');
    if (change.set.status) {
      values[':gsi2pk'] = keys.tasksByStatusPartition(this.tenantId, change.set.status);
      sets.push('gsi2pk = :gsi2pk');
    }
    if (change.set.assigneeId !== undefined) {
      values[':gsi4pk'] = keys.assigneeTasksPartition(this.tenantId, change.set.assigneeId);
      sets.push('gsi4pk = :gsi4pk');
    }
    const attributes = await ifConditionHeld(
      this.table.update({
        Key: keys.task(this.tenantId, current.id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `attribute_exists(pk) AND #version = :expected AND ${statusCondition}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes ? fromItem<Task>(attributes) : undefined;
  }

  /** Snoozed tasks whose snooze ended by `now` (the nightly pass opens them again). */
  async snoozedUntilBefore(now: string): Promise<Task[]> {
    const items = await this.table.queryAll({
      partitionValue: keys.tasksByStatusPartition(this.tenantId, 'snoozed'),
      IndexName: 'gsi2',
      FilterExpression: '#snoozedUntil <= :now',
      ExpressionAttributeNames: { '#snoozedUntil': 'snoozedUntil' },
      ExpressionAttributeValues: { ':now': now },
    });
    return items.map((item) => fromItem<Task>(item));
  }

  /**
   * The task list by due day, earliest first. The narrowest index serves each query (customer,
   * assignee, status, else all); the other filters apply to its pages, read until `limit` tasks
   * are found or the read budget is spent (a shorter page, whose cursor goes on from where the
   * reading stopped).
   */
  async list(filter: TaskListFilter): Promise<{ items: Task[]; nextCursor: string | null }> {
    const afterSortKey = filter.cursor === undefined ? undefined : decodeTaskCursor(filter.cursor);
    const filters: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const where = (field: string, value: unknown) => {
      filters.push(`#${field} = :${field}`);
      names[`#${field}`] = field;
      values[`:${field}`] = value;
    };
    let index: 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4';
    let partition: string;
    if (filter.customerId !== undefined) {
      index = 'gsi3';
      partition = keys.customerTasksPartition(this.tenantId, filter.customerId);
      if (filter.status) where('status', filter.status);
      if (filter.assigneeId !== undefined) where('assigneeId', filter.assigneeId);
    } else if (filter.assigneeId !== undefined) {
      index = 'gsi4';
      partition = keys.assigneeTasksPartition(this.tenantId, filter.assigneeId);
      if (filter.status) where('status', filter.status);
    } else if (filter.status) {
      index = 'gsi2';
      partition = keys.tasksByStatusPartition(this.tenantId, filter.status);
    } else {
      index = 'gsi1';
      partition = keys.tasksPartition(this.tenantId);
    }
    if (filter.kind) where('kind', filter.kind);
    const startKey = (sortKey: string): Item => {
      const taskId = sortKey.slice(sortKey.lastIndexOf('#') + 1);
      return { ...keys.task(this.tenantId, taskId), [`${index}pk`]: partition, [`${index}sk`]: sortKey };
    };
    const page = await filledListPage({
      table: this.table,
      query: {
        partitionValue: partition,
        IndexName: index,
        ...listPageFilterParams({ expressions: filters, names, values }),
      },
      start: afterSortKey ? startKey(afterSortKey) : undefined,
      limit: filter.limit,
    });
    return { items: page.items.map((item) => fromItem<Task>(item)), nextCursor: page.cursor };
  }
}

function decodeTaskCursor(cursor: string): string {
  const sortKey = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!cursorSortKeyPatterns.task.test(sortKey)) {
    throw new DomainError('validation_failed', 'Invalid cursor: not a cursor this API issued', {
      fields: [{ path: 'cursor', message: 'not a cursor this API issued' }],
    });
  }
  return sortKey;
}
