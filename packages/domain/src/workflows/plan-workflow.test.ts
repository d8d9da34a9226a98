import { describe, expect, it } from 'vitest';
import { customerIdOf, planWorkflow, workflowRunOfActor } from './plan-workflow.js';
import { WorkflowCreateSchema } from './workflow.schema.js';

const workflow = WorkflowCreateSchema.parse({
  name: 'Lost customers',
  trigger: { type: 'event', event: 'customer.updated', filter: { changed: ['status'] } },
  conditions: { op: 'changed_to', path: 'data.status', value: 'lost' },
  actions: [
    { type: 'task', assignTo: 'owner', title: 'Win back', dueInHours: 48 },
    { type: 'wait', days: 2 },
    { type: 'update_customer', addTags: ['win-back'] },
  ],
});
const event = {
  id: 'e1',
  type: 'customer.updated',
  occurredAt: '2026-03-01T10:00:00.000Z',
  data: { id: '01JCUSTOMER000000000000001', status: 'lost', ownerId: 'u1' },
  previous: { status: 'active' },
  changedFields: ['status'],
};

describe('planWorkflow', () => {
  it('plans every action, in order, when the trigger and the conditions match', () => {
    const plan = planWorkflow(workflow, event);
    expect(plan.matched).toBe(true);
    expect(plan.customerId).toBe('01JCUSTOMER000000000000001');
    expect(plan.actions.map((step) => [step.index, step.type])).toEqual([
      [0, 'task'],
      [1, 'wait'],
      [2, 'update_customer'],
    ]);
    expect(plan.actions[0]?.effect).toMatchObject({ assignTo: 'owner', dueOn: '2026-03-03' });
    expect(plan.actions[1]?.effect).toEqual({ hours: 48 });
  });

  it('plans nothing when the trigger filter or the conditions fail', () => {
    const otherField = planWorkflow(workflow, { ...event, changedFields: ['name'], previous: { name: 'x' } });
    expect(otherField.triggerMatched).toBe(false);
    expect(otherField.actions).toEqual([]);
    const reactivated = planWorkflow(workflow, { ...event, data: { ...event.data, status: 'active' } });
    expect(reactivated.triggerMatched).toBe(true);
    expect(reactivated.matched).toBe(false);
    expect(planWorkflow(workflow, { ...event, type: 'customer.created' }).triggerMatched).toBe(false);
  });

  it('finds the customer an event is about', () => {
    expect(customerIdOf({ type: 'credit.hold.placed', data: { id: 'c1' } })).toBe('c1');
    expect(customerIdOf({ type: 'complaint.recorded', data: { id: 'k1', customerId: 'c2' } })).toBe('c2');
    expect(customerIdOf({ type: 'import.completed', data: { id: 'i1' } })).toBeUndefined();
  });

  it('traces a write back to the run that made it only from a workflow actor', () => {
    expect(workflowRunOfActor('workflow:01JQ7W0000000000000000000A')).toBe('01JQ7W0000000000000000000A');
    expect(workflowRunOfActor('01JUSER000000000000000000A')).toBeUndefined();
    expect(workflowRunOfActor(undefined)).toBeUndefined();
  });
});
