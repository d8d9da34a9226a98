import { filterPasses } from '../webhooks/webhook-matching.js';
import { type ConditionTrace, evaluateCondition } from './evaluate-condition.js';
import type { Workflow, WorkflowAction } from './workflow.schema.js';
import type { PlannedStep, WorkflowPlan } from './workflow-run.schema.js';

/** What a workflow runs on: a catalog event, or a customer as it is now (schedule, manual). */
export type WorkflowEvent = {
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
  previous?: Record<string, unknown> | undefined;
  changedFields?: string[] | undefined;
};

/** The pseudo event types of the schedule and manual triggers: `data` is the customer. */
export const SCHEDULE_EVENT = 'workflow.schedule';
export const MANUAL_EVENT = 'workflow.manual';

const HOUR_MS = 3_600_000;

/**
 * The customer an event is about: the customer itself, a credit or churn file (whose id is the
 * customer's), or anything carrying a `customerId`.
 */
export function customerIdOf(event: Pick<WorkflowEvent, 'type' | 'data'>): string | undefined {
  const { data } = event;
  const byId =
    event.type.startsWith('customer.') ||
    event.type.startsWith('credit.') ||
    event.type.startsWith('churn.') ||
    event.type === SCHEDULE_EVENT ||
    event.type === MANUAL_EVENT;
  const id = byId ? data.id : data.customerId;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

function triggerMatches(workflow: Pick<Workflow, 'trigger'>, event: WorkflowEvent): boolean {
  const { trigger } = workflow;
  switch (trigger.type) {
    case 'event':
      return (
        trigger.event === event.type &&
        filterPasses(trigger.filter, {
          id: event.id,
          type: event.type,
          version: 1,
          tenantId: '-',
          occurredAt: event.occurredAt,
          entityId: '-',
          data: event.data,
          ...(event.changedFields?.length ? { changedFields: event.changedFields } : {}),
        })
      );
    case 'schedule':
      return event.type === SCHEDULE_EVENT;
    case 'manual':
      return event.type === MANUAL_EVENT;
  }
}

function planStep(
  action: WorkflowAction,
  index: number,
  event: WorkflowEvent,
  customerId?: string,
): PlannedStep {
  const step = (summary: string, effect: Record<string, unknown>): PlannedStep => ({
    index,
    type: action.type,
    summary,
    effect,
  });
  switch (action.type) {
    case 'webhook':
      return step(`Send the event to webhook endpoint ${action.endpointId}`, {
        endpointId: action.endpointId,
        eventType: event.type,
      });
    case 'task': {
      const dueOn = new Date(Date.parse(event.occurredAt) + action.dueInHours * HOUR_MS)
        .toISOString()
        .slice(0, 10);
      const who = action.assignTo === 'owner' ? "the customer's owner" : 'each owner and admin';
      return step(`Create the task “${action.title}” for ${who}, due ${dueOn}`, {
        assignTo: action.assignTo,
        title: action.title,
        dueOn,
        ...(customerId ? { customerId } : {}),
      });
    }
    case 'update_customer': {
      const { type: _type, ...change } = action;
      const parts = Object.entries(change).map(([field, value]) => `${field} ${JSON.stringify(value)}`);
      return step(`Update the customer: ${parts.join(', ')}`, {
        ...change,
        ...(customerId ? { customerId } : {}),
      });
    }
    case 'email':
      return step(`E-mail the customer the “${action.template}” template`, {
        template: action.template,
        ...(typeof event.data.email === 'string' ? { to: event.data.email } : {}),
        ...(action.note ? { note: action.note } : {}),
      });
    case 'complaint':
      return step(`Record a complaint “${action.summary}” (${action.severity})`, {
        summary: action.summary,
        severity: action.severity,
        ...(customerId ? { customerId } : {}),
      });
    case 'wait': {
      const hours = action.hours + action.days * 24;
      return step(`Wait ${hours} h, then continue`, { hours });
    }
  }
}

/**
 * What a workflow does with an event: whether its trigger and conditions match (with every
 * condition's outcome) and what each action would do. Pure: the dry run shows this, and a real run
 * records it and then carries it out, so the two always agree.
 *
 * @example
 * planWorkflow(workflow, event).actions.map((step) => step.summary)
 */
export function planWorkflow(
  workflow: Pick<Workflow, 'trigger' | 'conditions' | 'actions'>,
  event: WorkflowEvent,
): WorkflowPlan {
  const triggerMatched = triggerMatches(workflow, event);
  const conditions: ConditionTrace = evaluateCondition(workflow.conditions, event);
  const matched = triggerMatched && conditions.matched;
  const customerId = customerIdOf(event);
  return {
    eventId: event.id,
    eventType: event.type,
    triggerMatched,
    matched,
    conditions,
    ...(customerId ? { customerId } : {}),
    actions: matched
      ? workflow.actions.map((action, index) => planStep(action, index, event, customerId))
      : [],
  };
}

/** How far a workflow may trigger another (or itself) through its own writes. */
export const MAX_WORKFLOW_DEPTH = 3;

/** The actor a run's writes carry: how a later change is traced back to the run that made it. */
export function workflowActor(runId: string): string {
  return `workflow:${runId}`;
}

/** The run whose write this is, from the actor it stamped (updatedBy, createdBy, recordedBy). */
export function workflowRunOfActor(actor: unknown): string | undefined {
  if (typeof actor !== 'string') return undefined;
  return /^workflow:([0-9A-HJKMNP-TV-Z]{26})$/.exec(actor)?.[1];
}
