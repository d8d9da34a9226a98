import {
  DomainError,
  type Locale,
  MANUAL_EVENT,
  newId,
  planWorkflow,
  SCHEDULE_EVENT,
  sayIn,
  type Workflow,
  type WorkflowCreate,
  WorkflowCreateSchema,
  type WorkflowEvent,
  type WorkflowPatch,
  type WorkflowPlan,
  type WorkflowRun,
  type WorkflowTemplateId,
  type WorkflowTest,
  workflowTemplates,
} from '@crm/domain';
import {
  CustomerRepository,
  type TenantClientFactory,
  WebhookRepository,
  WorkflowRepository,
} from '@crm/dynamodb';
import { fieldIssuesOf } from '../field-issues.js';
import { runView, type WorkflowRunner } from './workflow-runner.js';

type Actor = { tenantId: string; actorId: string };
type WorkflowRef = { tenantId: string; workflowId: string };

/** A workflow in the list, with how its latest run went. */
export type WorkflowSummary = Workflow & {
  lastRun?: Pick<WorkflowRun, 'id' | 'status' | 'startedAt'>;
};

const notFound = () => new DomainError('not_found', 'No such workflow');

/** The definition, validated as a whole: a 400 with field paths, never a 500. */
function validDefinition(input: unknown) {
  const result = WorkflowCreateSchema.safeParse(input);
  if (result.success) return result.data;
  const fields = fieldIssuesOf(result.error);
  throw new DomainError(
    'validation_failed',
    `Invalid workflow: ${fields.map((field) => `${field.path}: ${field.message}`).join('; ')}`,
    { fields },
  );
}

/**
 * Workflows (工作流程配置, admins only, checked at the edge): definitions with optimistic versions,
 * create from a shipped template, a dry run that shows what a run would do, the run history and a
 * manual run on one customer. Event-triggered runs come from the stream (workflows.reactions.ts),
 * scheduled ones and waits from the scheduler (workflows.jobs.ts); all share `WorkflowRunner`.
 */
export class WorkflowService {
  private readonly deps: { tenantClient: TenantClientFactory; clock: () => Date; runner: WorkflowRunner };

  constructor(deps: WorkflowService['deps']) {
    this.deps = deps;
  }

  private repository(tenantId: string) {
    return new WorkflowRepository(this.deps.tenantClient(tenantId), tenantId);
  }

  private async workflow({ tenantId, workflowId }: WorkflowRef): Promise<Workflow> {
    const workflow = await this.repository(tenantId).get(workflowId);
    if (!workflow) throw notFound();
    return workflow;
  }

  /** Every webhook action must name an endpoint of this tenant (field errors name the action). */
  private async assertEndpoints(tenantId: string, actions: Workflow['actions']): Promise<void> {
    const webhooks = new WebhookRepository(this.deps.tenantClient(tenantId), tenantId);
    const fields: { path: string; message: string }[] = [];
    for (const [index, action] of actions.entries()) {
      if (action.type === 'webhook' && !(await webhooks.getEndpoint(action.endpointId))) {
        fields.push({ path: `actions.${index}.endpointId`, message: 'no such webhook endpoint' });
      }
    }
    if (fields.length > 0) {
      throw new DomainError('validation_failed', 'A webhook action names no endpoint of this tenant', {
        fields,
      });
    }
  }

  async create(actor: Actor, input: WorkflowCreate, options: { template?: string } = {}): Promise<Workflow> {
    const parsed = validDefinition(input);
    await this.assertEndpoints(actor.tenantId, parsed.actions);
    const now = this.deps.clock().toISOString();
    const workflow: Workflow = {
      id: newId(),
      name: parsed.name,
      ...(parsed.description ? { description: parsed.description } : {}),
      status: parsed.status,
      trigger: parsed.trigger,
      ...(parsed.conditions ? { conditions: parsed.conditions } : {}),
      actions: parsed.actions,
      ...(options.template ? { template: options.template } : {}),
      createdAt: now,
      updatedAt: now,
      createdBy: actor.actorId,
      updatedBy: actor.actorId,
      version: 1,
    };
    await this.repository(actor.tenantId).create(workflow);
    return workflow;
  }

  templates() {
    return workflowTemplates.map(({ definition: _definition, ...template }) => template);
  }

  /** A draft from a shipped template; templates that send a webhook need the endpoint. */
  async createFromTemplate(
    actor: Actor,
    input: { templateId: WorkflowTemplateId; endpointId?: string | undefined; locale?: Locale | undefined },
  ): Promise<Workflow> {
    const template = workflowTemplates.find((candidate) => candidate.id === input.templateId);
    if (!template) throw new DomainError('not_found', 'No such template');
    if (template.needsEndpoint && !input.endpointId) {
      throw new DomainError('validation_failed', 'This template sends a webhook: name the endpoint', {
        fields: [{ path: 'endpointId', message: 'is required for this template' }],
      });
    }
    const say = sayIn(input.locale ?? 'en');
    const definition = template.definition(
      input.endpointId ? { endpointId: input.endpointId, say } : { say },
    );
    return this.create(actor, { ...definition, status: 'draft' }, { template: template.id });
  }

  async list({ tenantId }: { tenantId: string }): Promise<WorkflowSummary[]> {
    const repository = this.repository(tenantId);
    const workflows = (await repository.list()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return Promise.all(
      workflows.map(async (workflow) => {
        const [last] = await repository.listRuns(workflow.id, 1);
        return last
          ? { ...workflow, lastRun: { id: last.id, status: last.status, startedAt: last.startedAt } }
          : workflow;
      }),
    );
  }

  async get(ref: WorkflowRef): Promise<Workflow> {
    return this.workflow(ref);
  }

  async update(
    actor: Actor & { workflowId: string },
    patch: Omit<WorkflowPatch, 'version'>,
    expectedVersion: number,
  ) {
    const repository = this.repository(actor.tenantId);
    const current = await this.workflow(actor);
    if (current.version !== expectedVersion) {
      throw new DomainError('version_conflict', 'The workflow was changed by someone else; reload it', {
        details: { current },
      });
    }
    // The whole definition is validated again, as if created: a patch cannot leave it half-valid.
    const { conditions: currentConditions, description: currentDescription, ...rest } = current;
    const conditions = patch.conditions === null ? undefined : (patch.conditions ?? currentConditions);
    const description = patch.description ?? currentDescription;
    const parsed = validDefinition({
      name: patch.name ?? rest.name,
      ...(description ? { description } : {}),
      trigger: patch.trigger ?? rest.trigger,
      ...(conditions ? { conditions } : {}),
      actions: patch.actions ?? rest.actions,
      status: patch.status ?? rest.status,
    });
    if (patch.actions) await this.assertEndpoints(actor.tenantId, parsed.actions);
    const next: Workflow = {
      id: current.id,
      name: parsed.name,
      ...(parsed.description ? { description: parsed.description } : {}),
      status: parsed.status,
      trigger: parsed.trigger,
      ...(parsed.conditions ? { conditions: parsed.conditions } : {}),
      actions: parsed.actions,
      ...(current.template ? { template: current.template } : {}),
      createdAt: current.createdAt,
      createdBy: current.createdBy,
      updatedAt: this.deps.clock().toISOString(),
      updatedBy: actor.actorId,
      version: current.version + 1,
    };
    await repository.save(next, expectedVersion);
    return next;
  }

  async remove(ref: WorkflowRef): Promise<void> {
    await this.workflow(ref);
    await this.repository(ref.tenantId).delete(ref.workflowId);
  }

  /** The event a dry run uses: a sample, a real past event a workflow ran on, or a customer now. */
  private async testEvent(tenantId: string, workflow: Workflow, input: WorkflowTest): Promise<WorkflowEvent> {
    const now = this.deps.clock().toISOString();
    if (input.event) {
      const type =
        input.event.type ??
        (workflow.trigger.type === 'event'
          ? workflow.trigger.event
          : workflow.trigger.type === 'schedule'
            ? SCHEDULE_EVENT
            : MANUAL_EVENT);
      return {
        id: 'sample',
        type,
        occurredAt: now,
        data: input.event.data,
        ...(input.event.previous ? { previous: input.event.previous } : {}),
        ...(input.event.changedFields ? { changedFields: input.event.changedFields } : {}),
      };
    }
    if (input.eventId) {
      const [run] = await this.repository(tenantId).runsForEvent(input.eventId);
      if (!run) {
        throw new DomainError('validation_failed', 'No workflow ran on that event', {
          fields: [{ path: 'eventId', message: 'no run of any workflow has this event id' }],
        });
      }
      return run.event;
    }
    if (workflow.trigger.type === 'event') {
      throw new DomainError('validation_failed', 'An event-triggered workflow is tested on an event', {
        fields: [{ path: 'customerId', message: 'give event or eventId for an event trigger' }],
      });
    }
    const customerId = input.customerId as string;
    const customer = await new CustomerRepository(this.deps.tenantClient(tenantId), tenantId).get({
      customerId,
    });
    if (!customer) throw new DomainError('not_found', 'Customer not found');
    const { version: _version, ...data } = customer;
    return {
      id: 'sample',
      type: workflow.trigger.type === 'schedule' ? SCHEDULE_EVENT : MANUAL_EVENT,
      occurredAt: now,
      data,
    };
  }

  /** A dry run: which conditions match and what each action would do; nothing is written. */
  async test(ref: WorkflowRef, input: WorkflowTest): Promise<WorkflowPlan> {
    const workflow = await this.workflow(ref);
    return planWorkflow(workflow, await this.testEvent(ref.tenantId, workflow, input));
  }

  /** The workflow's runs, newest first, each with its steps. */
  async runs(ref: WorkflowRef, options: { limit: number }): Promise<WorkflowRun[]> {
    await this.workflow(ref);
    return (await this.repository(ref.tenantId).listRuns(ref.workflowId, options.limit)).map(runView);
  }

  /** Runs an active manual workflow on one customer now (each call is a new run). */
  async runManually(actor: Actor & { workflowId: string }, customerId: string): Promise<WorkflowRun> {
    const workflow = await this.workflow(actor);
    if (workflow.trigger.type !== 'manual') {
      throw new DomainError('invalid_state', 'Only a workflow with the manual trigger is started by hand');
    }
    if (workflow.status !== 'active') throw new DomainError('invalid_state', 'Activate the workflow first');
    const customer = await new CustomerRepository(this.deps.tenantClient(actor.tenantId), actor.tenantId).get(
      {
        customerId,
      },
    );
    if (!customer || customer.archivedAt) throw new DomainError('not_found', 'Customer not found');
    const { version: _version, ...data } = customer;
    const event: WorkflowEvent = {
      id: `manual_${newId()}`,
      type: MANUAL_EVENT,
      occurredAt: this.deps.clock().toISOString(),
      data,
    };
    const { run } = await this.deps.runner.start(actor.tenantId, workflow, event, {
      trigger: 'manual',
      causeDepth: 0,
    });
    if (!run)
      throw new DomainError('invalid_state', 'The workflow’s conditions do not hold for this customer');
    return run;
  }
}
