import { createHash } from 'node:crypto';
import {
  type CareReminder,
  type Customer,
  DomainError,
  defaultTaskPolicy,
  deterministicUlid,
  newId,
  type Task,
  type TaskCreate,
  type TaskKind,
  type TaskPolicy,
  TaskPolicySchema,
  type TaskStatus,
} from '@crm/domain';
import {
  CustomerRepository,
  type TaskChange,
  type TaskListFilter,
  TaskRepository,
  type TenantClientFactory,
  UserRepository,
} from '@crm/dynamodb';
import { readTenantPolicy, replaceTenantPolicy, type TenantPolicyView } from '../tenant-policy.js';

type TenantScope = { tenantId: string };
type Actor = { tenantId: string; actorId: string };
/** Who acts on a task; admins may reassign any task, others only theirs or the team's. */
export type TaskActor = Actor & { admin: boolean };

export type TaskPolicyView = TenantPolicyView<TaskPolicy>;

/** A reminder to create for a customer, from the nightly plan or a stream record. */
export type TaskRaise = Pick<CareReminder, 'kind' | 'dueOn' | 'ref' | 'key' | 'details'> & {
  customerId: string;
  /** The customer as the caller has just read it; read here when absent. */
  customer?: Pick<Customer, 'name' | 'ownerId' | 'archivedAt'>;
};

export const TASKS_ACTOR = 'system:tasks';

/** The statuses a task can be worked from (a done task is closed for good). */
const LIVE: readonly TaskStatus[] = ['open', 'snoozed'];

/**
 * Care reminders as tasks for the customer's owner (关怀提醒, DOMAIN.md §9): created by the
 * nightly pass (re-order, birthdays, anniversaries) and the stream (催付 when a receivable falls
 * overdue), each once; completed, snoozed and reassigned by people, each a versioned write that
 * records who and when.
 */
export class TaskService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
  }

  private repository(tenantId: string) {
    return new TaskRepository(this.tenantClient(tenantId), tenantId);
  }

  /** Derived from what the task is about, so the same reminder always gets the same id. */
  static taskId(input: { kind: TaskKind; customerId: string; key: string; dueOn: string }): string {
    const seed = createHash('sha256').update(`${input.kind}|${input.customerId}|${input.key}`).digest('hex');
    const time = Date.parse(input.dueOn);
    return deterministicUlid(Number.isNaN(time) ? 0 : time, seed);
  }

  async policy({ tenantId }: TenantScope): Promise<TaskPolicyView> {
    return readTenantPolicy(this.repository(tenantId), defaultTaskPolicy);
  }

  async putPolicy(
    { tenantId, actorId }: Actor,
    input: { policy: TaskPolicy; expectedVersion: number },
  ): Promise<TaskPolicyView> {
    const policy = TaskPolicySchema.parse(input.policy);
    return replaceTenantPolicy(this.repository(tenantId), {
      policy,
      expectedVersion: input.expectedVersion,
      actorId,
      now: this.clock(),
    });
  }

  async list({ tenantId }: TenantScope, filter: TaskListFilter) {
    return this.repository(tenantId).list(filter);
  }

  async get({ tenantId }: TenantScope, taskId: string): Promise<Task> {
    const task = await this.repository(tenantId).get(taskId);
    if (!task) throw new DomainError('not_found', 'Task not found');
    return task;
  }

  /**
   * Creates the reminder once, assigned to the customer's owner; nothing when it exists (whatever
   * its status: a reminder someone completed stays completed) or the customer is gone or archived.
   */
  async raise(tenantId: string, input: TaskRaise): Promise<Task | undefined> {
    const customer =
      input.customer ??
      (await new CustomerRepository(this.tenantClient(tenantId), tenantId).get({
        customerId: input.customerId,
      }));
    if (!customer || customer.archivedAt) return undefined;
    const at = this.clock().toISOString();
    const task: Task = {
      id: TaskService.taskId({ ...input, customerId: input.customerId }),
      kind: input.kind,
      customerId: input.customerId,
      customerName: customer.name ?? null,
      status: 'open',
      dueOn: input.dueOn,
      ref: input.ref,
      details: input.details,
      assigneeId: customer.ownerId ?? null,
      snoozedUntil: null,
      completedAt: null,
      completedBy: null,
      note: null,
      createdAt: at,
      createdBy: TASKS_ACTOR,
      updatedAt: at,
      updatedBy: TASKS_ACTOR,
      version: 1,
    };
    return (await this.repository(tenantId).createIfAbsent(task)) ? task : undefined;
  }

  /**
   * A task a workflow run asks for (kind `workflow`), once per run, step and assignee: a replayed
   * step finds it. `assigneeId` null is the team's. Stamped with the run's actor, so a workflow
   * triggered by `task.created` can tell the run that caused it.
   */
  async createForWorkflow(
    tenantId: string,
    input: {
      customerId: string;
      customerName: string | null;
      assigneeId: string | null;
      title: string;
      dueOn: string;
      key: string;
      actorId: string;
      details: Record<string, string | number | null>;
    },
  ): Promise<Task> {
    const at = this.clock().toISOString();
    const task: Task = {
      id: TaskService.taskId({
        kind: 'workflow',
        customerId: input.customerId,
        key: input.key,
        dueOn: input.dueOn,
      }),
      kind: 'workflow',
      customerId: input.customerId,
      customerName: input.customerName,
      status: 'open',
      dueOn: input.dueOn,
      ref: null,
      details: { ...input.details, title: input.title },
      assigneeId: input.assigneeId,
      snoozedUntil: null,
      completedAt: null,
      completedBy: null,
      note: null,
      createdAt: at,
      createdBy: input.actorId,
      updatedAt: at,
      updatedBy: input.actorId,
      version: 1,
    };
    await this.repository(tenantId).createIfAbsent(task);
    return task;
  }

  /**
   * A follow-up a person writes down (回访: call back on Friday), for themselves unless they name
   * another active user; an API key's task without an assignee is the team's. Never for an archived
   * customer: nobody should be sent to call a customer the business has put away.
   */
  async create(actor: Actor, input: TaskCreate): Promise<Task> {
    const customer = await new CustomerRepository(this.tenantClient(actor.tenantId), actor.tenantId).get({
      customerId: input.customerId,
    });
    if (!customer) throw new DomainError('not_found', 'Customer not found');
    if (customer.archivedAt) {
      throw new DomainError('invalid_state', 'The customer is archived; restore them first');
    }
    const byPerson = !actor.actorId.startsWith('apikey:');
    const assigneeId = input.assigneeId ?? (byPerson ? actor.actorId : null);
    if (assigneeId && assigneeId !== actor.actorId) await this.assertAssignable(actor.tenantId, assigneeId);
    const at = this.clock().toISOString();
    const task: Task = {
      id: newId(),
      kind: 'follow_up',
      customerId: customer.id,
      customerName: customer.name ?? null,
      status: 'open',
      dueOn: input.dueOn,
      ref: null,
      details: { title: input.title, ...(input.description ? { description: input.description } : {}) },
      assigneeId,
      snoozedUntil: null,
      completedAt: null,
      completedBy: null,
      note: null,
      createdAt: at,
      createdBy: actor.actorId,
      updatedAt: at,
      updatedBy: actor.actorId,
      version: 1,
    };
    await this.repository(actor.tenantId).createIfAbsent(task);
    return task;
  }

  async complete(actor: TaskActor, taskId: string, input: { note?: string; expectedVersion: number }) {
    const at = this.clock().toISOString();
    return this.act(actor, taskId, input.expectedVersion, {
      status: 'done',
      snoozedUntil: null,
      completedAt: at,
      completedBy: actor.actorId,
      note: input.note ?? null,
    });
  }

  async snooze(actor: TaskActor, taskId: string, input: { until: string; expectedVersion: number }) {
    if (Date.parse(input.until) <= this.clock().getTime()) {
      throw new DomainError('validation_failed', 'A snooze must end in the future', {
        fields: [{ path: 'until', message: 'must be in the future' }],
      });
    }
    return this.act(actor, taskId, input.expectedVersion, {
      status: 'snoozed',
      snoozedUntil: new Date(input.until).toISOString(),
    });
  }

  async reassign(actor: TaskActor, taskId: string, input: { assigneeId: string; expectedVersion: number }) {
    // Another tenant's task id is not found, whoever the assignee named.
    const task = await this.get(actor, taskId);
    if (!actor.admin && task.assigneeId !== null && task.assigneeId !== actor.actorId) {
      throw new DomainError('forbidden', 'Only an admin or the assignee can reassign this task');
    }
    await this.assertAssignable(actor.tenantId, input.assigneeId);
    return this.act(actor, taskId, input.expectedVersion, { assigneeId: input.assigneeId }, task);
  }

  /** Tasks go to active people of the tenant; a partner works only what is dispatched to them. */
  private async assertAssignable(tenantId: string, assigneeId: string): Promise<void> {
    const user = await new UserRepository(this.tenantClient(tenantId)).get({ tenantId, userId: assigneeId });
    if (user?.status !== 'active' || user.role === 'partner') {
      throw new DomainError('validation_failed', 'No active user of this tenant has that id', {
        fields: [{ path: 'assigneeId', message: 'must be an active user (not a partner) of this tenant' }],
      });
    }
  }

  /** Opens the snoozed tasks whose snooze has ended (the nightly pass); returns how many. */
  async wakeSnoozed(tenantId: string): Promise<number> {
    const repository = this.repository(tenantId);
    const at = this.clock().toISOString();
    const due = await repository.snoozedUntilBefore(at);
    const woken = await Promise.all(
      due.map((task) =>
        repository.change(task, {
          expectedVersion: task.version,
          from: ['snoozed'],
          set: { status: 'open', snoozedUntil: null },
          at,
          by: TASKS_ACTOR,
        }),
      ),
    );
    return woken.filter(Boolean).length;
  }

  private async act(
    { tenantId, actorId }: TaskActor,
    taskId: string,
    expectedVersion: number,
    set: TaskChange['set'],
    read?: Task,
  ): Promise<Task> {
    const repository = this.repository(tenantId);
    const current = read ?? (await repository.get(taskId));
    if (!current) throw new DomainError('not_found', 'Task not found');
    const changed = await repository.change(current, {
      expectedVersion,
      from: LIVE,
      set,
      at: this.clock().toISOString(),
      by: actorId,
    });
    if (changed) return changed;
    const now = await repository.get(taskId);
    if (!now) throw new DomainError('not_found', 'Task not found');
    if (now.version !== expectedVersion) {
      throw new DomainError('version_conflict', 'The task was changed by someone else; reload it', {
        details: { task: now },
      });
    }
    throw new DomainError('invalid_state', `The task is ${now.status}`, { details: { task: now } });
  }
}
