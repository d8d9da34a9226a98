import { createHash } from 'node:crypto';
import {
  type Customer,
  DomainError,
  deterministicUlid,
  isAdmin,
  MAX_WORKFLOW_DEPTH,
  type PlannedStep,
  planWorkflow,
  type Workflow,
  type WorkflowEvent,
  type WorkflowPlan,
  type WorkflowRun,
  type WorkflowRunStep,
  workflowActor,
  workflowRunOfActor,
} from '@crm/domain';
import {
  type StoredWorkflowRun,
  sharedClientFactory,
  type TableClient,
  type TenantClientFactory,
  TenantRepository,
  UserRepository,
  WebhookRepository,
  WorkflowRepository,
  WorkflowWaits,
} from '@crm/dynamodb';
import { ComplaintService } from '../complaints/complaint.service.js';
import { CustomFieldDefinitions } from '../custom-fields/custom-field-definitions.js';
import { CustomerService } from '../customers/customer.service.js';
import type { Mailer } from '../mail/mailer.js';
import { outboxMailer } from '../mail/outbox-mailer.js';
import { TaskService } from '../tasks/tasks.service.js';
import { newDelivery } from '../webhooks/webhook.service.js';
import { dueTenantsScheduler, type WebhookScheduler } from '../webhooks/webhook-scheduler.js';
import { renderWorkflowMail } from './workflow-mail.js';

const HOUR_MS = 3_600_000;
/** A task for "each owner and admin" goes to at most this many people. */
const MAX_ADMIN_ASSIGNEES = 10;
const MAX_ERROR_LENGTH = 500;
/**
 * A run `running` longer than this was interrupted: its worker died (a Lambda lives 15 minutes at
 * most, a step is a write or an enqueue). The scheduler then records it as failed.
 */
export const WORKFLOW_RUN_TIMEOUT_MS = 15 * 60_000;

export type WorkflowRunnerDeps = {
  tenantClient: TenantClientFactory;
  /** Platform access: the list of waiting runs. */
  table: TableClient;
  clock: () => Date;
  mailer: Mailer;
  webhookScheduler: WebhookScheduler;
};

export type RunTrigger = WorkflowRun['trigger'];

/** The view of a stored run (the event and the write counter stay inside). */
export function runView(stored: StoredWorkflowRun): WorkflowRun {
  const { event: _event, revision: _revision, runningSince: _runningSince, ...run } = stored;
  return run;
}

/** One run per (workflow, version, event): the id is derived from them, so a replay finds it. */
export function workflowRunId(workflow: Pick<Workflow, 'id' | 'version'>, event: WorkflowEvent): string {
  const seed = createHash('sha256').update(`${workflow.id}|${workflow.version}|${event.id}`).digest('hex');
  const time = Date.parse(event.occurredAt);
  return deterministicUlid(Number.isNaN(time) ? 0 : time, seed);
}

type Effect<T extends PlannedStep['type']> = {
  webhook: { endpointId: string; eventType: string };
  task: { assignTo: 'owner' | 'admins'; title: string; dueOn: string };
  update_customer: {
    status?: Customer['status'];
    ownerId?: string;
    lifecycleStage?: Customer['lifecycleStage'];
    relationshipLevel?: Customer['relationshipLevel'];
    addTags?: string[];
    removeTags?: string[];
    customFields?: Record<string, string | number | boolean | null>;
  };
  email: { template: 'complaint_acknowledgement' | 'customer_notice'; note?: string };
  complaint: { summary: string; severity: 'low' | 'medium' | 'high' | 'critical' };
  wait: { hours: number };
}[T];

/**
 * Carries out workflow runs: records the run once per (workflow, version, event), then takes the
 * planned actions in order, saving after each, so the history shows every step and a wait can
 * stop the run and a later pass continue it. The actions are the plan's (`planWorkflow`), the very
 * ones a dry run shows. Every write is stamped `workflow:<runId>`, and a run caused by such a write
 * is one level deeper: beyond MAX_WORKFLOW_DEPTH it is recorded as stopped and does nothing.
 */
export class WorkflowRunner {
  private readonly deps: WorkflowRunnerDeps;
  private readonly customers: CustomerService;
  private readonly tasks: TaskService;
  private readonly complaints: ComplaintService;
  private readonly waits: WorkflowWaits;

  constructor(deps: WorkflowRunnerDeps) {
    this.deps = deps;
    const { tenantClient, clock } = deps;
    this.customers = new CustomerService({
      tenantClient,
      clock,
      definitions: new CustomFieldDefinitions({ tenantClient, clock }),
    });
    this.tasks = new TaskService({ tenantClient, clock });
    this.complaints = new ComplaintService({ tenantClient, clock });
    this.waits = new WorkflowWaits(deps.table);
  }

  private repository(tenantId: string) {
    return new WorkflowRepository(this.deps.tenantClient(tenantId), tenantId);
  }

  /**
   * How deep a change is: 0 for a person's or the system's, else the depth of the run that caused
   * it. A run record's own change (`workflow.run.completed|failed`) is as deep as the run itself,
   * so a workflow triggered by runs finishing, its own included, stops at the depth limit too.
   */
  async depthOf(
    tenantId: string,
    record: Record<string, unknown> | undefined,
    entityType?: string,
  ): Promise<number> {
    if (entityType === 'workflowRun') return typeof record?.depth === 'number' ? record.depth : 0;
    const runId = workflowRunOfActor(record?.updatedBy ?? record?.recordedBy ?? record?.createdBy);
    if (!runId) return 0;
    const cause = await this.repository(tenantId).getRun(runId);
    return cause?.depth ?? 0;
  }

  /**
   * Starts the workflow on the event if it matches: the run is written once (a second call with the
   * same workflow version and event returns the first run untouched), then carried out.
   */
  async start(
    tenantId: string,
    workflow: Workflow,
    event: WorkflowEvent,
    options: { trigger: RunTrigger; causeDepth: number },
  ): Promise<{ plan: WorkflowPlan; run?: WorkflowRun; created: boolean }> {
    const plan = planWorkflow(workflow, event);
    if (!plan.matched) return { plan, created: false };
    const repository = this.repository(tenantId);
    const now = this.deps.clock().toISOString();
    const depth = options.causeDepth + 1;
    const stopped = depth > MAX_WORKFLOW_DEPTH;
    const run: StoredWorkflowRun = {
      id: workflowRunId(workflow, event),
      workflowId: workflow.id,
      workflowVersion: workflow.version,
      trigger: options.trigger,
      eventId: event.id,
      eventType: event.type,
      ...(plan.customerId ? { customerId: plan.customerId } : {}),
      status: stopped ? 'stopped' : 'running',
      ...(stopped ? {} : { runningSince: now }),
      depth,
      plan,
      steps: [],
      nextStep: 0,
      startedAt: now,
      ...(stopped
        ? {
            error: `Not run: the depth limit (${MAX_WORKFLOW_DEPTH}) was reached; workflows were triggering each other`,
            finishedAt: now,
            durationMs: 0,
          }
        : {}),
      event,
      revision: 0,
    };
    if (!(await repository.createRun(run))) {
      const existing = await repository.getRun(run.id);
      return { plan, ...(existing ? { run: runView(existing) } : {}), created: false };
    }
    if (stopped) return { plan, run: runView(run), created: true };
    return { plan, run: runView(await this.proceed(tenantId, run)), created: true };
  }

  /**
   * Continues a waiting run whose time has come, or records a run `running` past
   * `WORKFLOW_RUN_TIMEOUT_MS` as failed; nothing for any other run.
   */
  async resume(tenantId: string, runId: string): Promise<WorkflowRun | undefined> {
    const run = await this.repository(tenantId).getRun(runId);
    if (run?.status === 'running') return this.failInterrupted(tenantId, run);
    if (run?.status !== 'waiting' || !run.resumeAt) return undefined;
    if (Date.parse(run.resumeAt) > this.deps.clock().getTime()) return undefined;
    const { resumeAt: _resumeAt, ...rest } = run;
    const claimed: StoredWorkflowRun = {
      ...rest,
      status: 'running',
      runningSince: this.deps.clock().toISOString(),
      revision: run.revision + 1,
    };
    if (!(await this.repository(tenantId).saveRun(claimed, run.revision))) return undefined;
    return runView(await this.proceed(tenantId, claimed));
  }

  /**
   * A run whose worker died mid-step is failed rather than continued: the step may have half
   * happened (a mail sent, a webhook queued), and doing it again could do it twice.
   */
  private async failInterrupted(tenantId: string, run: StoredWorkflowRun): Promise<WorkflowRun | undefined> {
    const now = this.deps.clock();
    const since = Date.parse(run.runningSince ?? run.startedAt);
    if (since + WORKFLOW_RUN_TIMEOUT_MS > now.getTime()) return undefined;
    const planned = run.plan.actions[run.nextStep];
    const failed: StoredWorkflowRun = {
      ...run,
      status: 'failed',
      error: (planned
        ? `Interrupted during step ${run.nextStep + 1} (${planned.type}): its worker stopped and it was not retried, as it may have been partly done`
        : 'Interrupted: its worker stopped before recording the end of the run'
      ).slice(0, MAX_ERROR_LENGTH),
      finishedAt: now.toISOString(),
      durationMs: run.steps.reduce((sum, step) => sum + step.ms, 0),
      revision: run.revision + 1,
    };
    if (!(await this.repository(tenantId).saveRun(failed, run.revision))) return undefined;
    return runView(failed);
  }

  private async proceed(tenantId: string, initial: StoredWorkflowRun): Promise<StoredWorkflowRun> {
    const repository = this.repository(tenantId);
    // A watch on the run: if this worker dies before the run is saved waiting or finished, the
    // scheduler finds the marker after the timeout and records the run as interrupted.
    await this.waits.mark({
      resumeAt: new Date(
        Date.parse(initial.runningSince ?? this.deps.clock().toISOString()) + WORKFLOW_RUN_TIMEOUT_MS,
      ).toISOString(),
      tenantId,
      runId: initial.id,
    });
    let run = initial;
    const save = async (next: StoredWorkflowRun) => {
      const saved = { ...next, revision: run.revision + 1 };
      if (!(await repository.saveRun(saved, run.revision))) {
        throw new Error(`workflow run ${run.id} was changed by another worker`);
      }
      run = saved;
    };
    const working = () => run.steps.reduce((sum, step) => sum + step.ms, 0);
    for (let index = run.nextStep; index < run.plan.actions.length; index++) {
      const planned = run.plan.actions[index] as PlannedStep;
      const began = performance.now();
      const at = this.deps.clock();
      const step = (status: WorkflowRunStep['status'], extra: Partial<WorkflowRunStep>): WorkflowRunStep => ({
        index,
        type: planned.type,
        status,
        summary: planned.summary,
        at: at.toISOString(),
        ms: Math.round(performance.now() - began),
        ...extra,
      });
      if (planned.type === 'wait') {
        const { hours } = planned.effect as Effect<'wait'>;
        const resumeAt = new Date(at.getTime() + hours * HOUR_MS).toISOString();
        // The marker first: a run saved as waiting is always found again, even if this stops here.
        await this.waits.mark({ resumeAt, tenantId, runId: run.id });
        await save({
          ...run,
          status: 'waiting',
          resumeAt,
          nextStep: index + 1,
          steps: [...run.steps, step('waiting', { result: { resumeAt } })],
        });
        return run;
      }
      try {
        const result = await this.act(tenantId, run, planned);
        await save({ ...run, nextStep: index + 1, steps: [...run.steps, step('done', { result })] });
      } catch (error) {
        const message = ((error as Error).message || String(error)).slice(0, MAX_ERROR_LENGTH);
        const failed = step('failed', { error: message });
        const finishedAt = this.deps.clock().toISOString();
        await save({
          ...run,
          status: 'failed',
          error: `Step ${index + 1} (${planned.type}) failed: ${message}`.slice(0, MAX_ERROR_LENGTH),
          steps: [...run.steps, failed],
          nextStep: index,
          finishedAt,
          durationMs: working() + failed.ms,
        });
        return run;
      }
    }
    await save({
      ...run,
      status: 'completed',
      finishedAt: this.deps.clock().toISOString(),
      durationMs: working(),
    });
    return run;
  }

  private customerOf(run: StoredWorkflowRun): string {
    if (!run.plan.customerId) {
      throw new DomainError('invalid_state', `the event (${run.eventType}) concerns no customer`);
    }
    return run.plan.customerId;
  }

  private async act(
    tenantId: string,
    run: StoredWorkflowRun,
    planned: PlannedStep,
  ): Promise<Record<string, unknown>> {
    const actorId = workflowActor(run.id);
    switch (planned.type) {
      case 'webhook': {
        const effect = planned.effect as Effect<'webhook'>;
        const webhooks = new WebhookRepository(this.deps.tenantClient(tenantId), tenantId);
        const endpoint = await webhooks.getEndpoint(effect.endpointId);
        if (!endpoint) throw new DomainError('not_found', 'the webhook endpoint no longer exists');
        if (!endpoint.enabled) throw new DomainError('invalid_state', 'the webhook endpoint is disabled');
        const now = this.deps.clock();
        const messageId = `wf_${run.id}_${planned.index}`;
        const { event } = run;
        const body = JSON.stringify({
          type: event.type,
          timestamp: event.occurredAt,
          data: event.data,
          ...(event.changedFields ? { changedFields: event.changedFields } : {}),
          ...(event.previous ? { previous: event.previous } : {}),
          workflow: { id: run.workflowId, version: run.workflowVersion, runId: run.id },
        });
        await webhooks.addDelivery(
          newDelivery({
            messageId,
            endpointId: endpoint.id,
            eventType: event.type,
            body,
            now: now.toISOString(),
          }),
        );
        await this.deps.webhookScheduler.schedule({ tenantId, endpointId: endpoint.id, messageId }, now);
        return { endpointId: endpoint.id, messageId };
      }
      case 'task': {
        const effect = planned.effect as Effect<'task'>;
        const customer = await this.customers.get({ tenantId, customerId: this.customerOf(run) });
        const assignees =
          effect.assignTo === 'owner' ? [customer.ownerId ?? null] : await this.admins(tenantId);
        const taskIds: string[] = [];
        for (const assigneeId of assignees) {
          const task = await this.tasks.createForWorkflow(tenantId, {
            customerId: customer.id,
            customerName: customer.name,
            assigneeId,
            title: effect.title,
            dueOn: effect.dueOn,
            key: `${run.id}#${planned.index}#${assigneeId ?? '-'}`,
            actorId,
            details: { workflowId: run.workflowId, runId: run.id },
          });
          taskIds.push(task.id);
        }
        return { taskIds };
      }
      case 'update_customer': {
        const effect = planned.effect as Effect<'update_customer'>;
        return this.updateCustomer(tenantId, this.customerOf(run), effect, actorId);
      }
      case 'email': {
        const effect = planned.effect as Effect<'email'>;
        const customer = await this.customers.get({ tenantId, customerId: this.customerOf(run) });
        if (!customer.email) throw new DomainError('invalid_state', 'the customer has no e-mail address');
        const tenant = await new TenantRepository(this.deps.tenantClient(tenantId)).get({ tenantId });
        const rendered = renderWorkflowMail(effect.template, {
          customerName: customer.name,
          tenantName: tenant?.name ?? '',
          note: effect.note,
        });
        await this.deps.mailer.send({ kind: 'workflow', to: customer.email, tenantId, ...rendered });
        return { to: customer.email, template: effect.template };
      }
      case 'complaint': {
        const effect = planned.effect as Effect<'complaint'>;
        const complaint = await this.complaints.record(
          { tenantId, actorId, role: 'admin' },
          {
            customerId: this.customerOf(run),
            summary: effect.summary,
            severity: effect.severity,
            category: 'other',
            channel: 'other',
            attachments: [],
          },
        );
        return { complaintId: complaint.id };
      }
      case 'wait':
        throw new Error('waits are handled by the run, not as actions');
    }
  }

  /** The tenant's active owners and admins (a few: at most MAX_ADMIN_ASSIGNEES). */
  private async admins(tenantId: string): Promise<(string | null)[]> {
    const users = await new UserRepository(this.deps.tenantClient(tenantId)).list({ tenantId });
    const admins = users
      .filter((user) => user.status === 'active' && isAdmin(user.role))
      .slice(0, MAX_ADMIN_ASSIGNEES)
      .map((user) => user.id);
    return admins.length > 0 ? admins : [null];
  }

  /** One versioned write; a change made meanwhile by someone else is read again and applied to (once). */
  private async updateCustomer(
    tenantId: string,
    customerId: string,
    effect: Effect<'update_customer'>,
    actorId: string,
  ): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.customers.get({ tenantId, customerId });
      const { addTags, removeTags, customFields, ...fields } = effect;
      const patch: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(fields)) {
        if (value !== undefined && value !== (current as Record<string, unknown>)[field])
          patch[field] = value;
      }
      if (addTags || removeTags) {
        const tags = [...new Set([...current.tags, ...(addTags ?? [])])].filter(
          (tag) => !(removeTags ?? []).includes(tag),
        );
        if (tags.length !== current.tags.length || tags.some((tag, index) => tag !== current.tags[index])) {
          patch.tags = tags;
        }
      }
      if (customFields) {
        const changed = Object.entries(customFields).filter(
          ([key, value]) => current.customFields[key] !== value,
        );
        if (changed.length > 0) patch.customFields = Object.fromEntries(changed);
      }
      // Nothing to change, nothing written: no event, so a workflow cannot feed on its own no-op.
      if (Object.keys(patch).length === 0) return { customerId, unchanged: true, version: current.version };
      try {
        const updated = await this.customers.update(
          { tenantId, actorId },
          { customerId, expectedVersion: current.version, patch },
        );
        return { customerId, version: updated.version, changed: Object.keys(patch) };
      } catch (error) {
        if (attempt === 0 && error instanceof DomainError && error.code === 'version_conflict') continue;
        throw error;
      }
    }
  }
}

/**
 * A runner on the shared client, for the hosts outside the API (the stream consumer, the local
 * timer, the scheduled Lambda): mails go to the outbox, webhook deliveries to the local due list,
 * unless the host gives its own.
 */
export function createWorkflowRunner(deps: {
  table: TableClient;
  clock?: () => Date;
  mailer?: Mailer;
  webhookScheduler?: WebhookScheduler;
}): WorkflowRunner {
  const clock = deps.clock ?? (() => new Date());
  return new WorkflowRunner({
    tenantClient: sharedClientFactory(deps.table),
    table: deps.table,
    clock,
    mailer: deps.mailer ?? outboxMailer({ table: deps.table, clock }),
    webhookScheduler: deps.webhookScheduler ?? dueTenantsScheduler(deps.table),
  });
}
