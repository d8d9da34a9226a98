import { describe, expect, it } from 'vitest';
import type { ServiceRequest } from './service-request.schema.js';
import { receiveServiceRequest } from './service-request-records.js';
import { transitionServiceRequest } from './service-request-transitions.js';
import {
  defaultServiceSlaPolicy,
  escalateServiceRequestIfOverdue,
  isServiceRequestOverdue,
  type ServiceSlaPolicy,
  ServiceSlaPolicySchema,
} from './service-sla.js';

const RECEIVED_AT = new Date('2026-03-02T09:00:00.000Z');
const HOUR = 3_600_000;
const desk = { actorId: '01JDESK0000000000000000001', role: 'member' as const, teamIds: [] };
const ids = () => '01JVISIT000000000000000001';

function received(priority: ServiceRequest['priority'], policy = defaultServiceSlaPolicy): ServiceRequest {
  return receiveServiceRequest({
    id: '01JREQUEST0000000000000001',
    input: {
      customerId: '01JCUSTOMER000000000000001',
      summary: 'AC not cooling',
      category: 'repair',
      priority,
      channel: 'phone',
    },
    actor: desk,
    now: RECEIVED_AT,
    policy,
  });
}

const at = (hours: number) => new Date(RECEIVED_AT.getTime() + hours * HOUR);

describe('service request SLAs', () => {
  it.each([
    ['urgent', '2026-03-02T11:00:00.000Z'],
    ['high', '2026-03-02T17:00:00.000Z'],
    ['normal', '2026-03-03T09:00:00.000Z'],
    ['low', '2026-03-04T09:00:00.000Z'],
  ] as const)('gives a %s request until %s to be planned', (priority, due) => {
    expect(received(priority).stepDueAt).toBe(due);
  });

  it('follows the tenant’s own hours, and restarts the clock on each status', () => {
    const policy: ServiceSlaPolicy = {
      hours: { ...defaultServiceSlaPolicy.hours, planned: { urgent: 1, high: 2, normal: 3, low: 4 } },
    };
    const planned = transitionServiceRequest(
      received('normal', policy),
      { to: 'planned', scheduledStart: '2026-03-05T09:00:00Z', scheduledEnd: '2026-03-05T10:00:00Z' },
      desk,
      at(5),
      ids,
      policy,
    );
    expect(planned.stepEnteredAt).toBe(at(5).toISOString());
    expect(planned.stepDueAt).toBe(at(8).toISOString());
  });

  it('is overdue only past the due time, and never once closed', () => {
    const request = received('high');
    expect(isServiceRequestOverdue(request, at(8))).toBe(false);
    expect(isServiceRequestOverdue(request, at(8.01))).toBe(true);
    expect(isServiceRequestOverdue({ ...request, status: 'cancelled' }, at(100))).toBe(false);
  });

  it('escalates once per status visit, and the next status clears the flag', () => {
    const request = received('high');
    expect(escalateServiceRequestIfOverdue(request, at(7))).toBeUndefined();
    const escalated = escalateServiceRequestIfOverdue(request, at(9));
    expect(escalated).toMatchObject({
      overdue: true,
      escalations: [{ step: 'received', dueAt: request.stepDueAt, at: at(9).toISOString() }],
      updatedBy: 'system:service-sla',
    });
    expect(escalated && escalateServiceRequestIfOverdue(escalated, at(30))).toBeUndefined();

    const planned = transitionServiceRequest(
      escalated as ServiceRequest,
      { to: 'planned', scheduledStart: '2026-03-05T09:00:00Z', scheduledEnd: '2026-03-05T10:00:00Z' },
      desk,
      at(10),
      ids,
      defaultServiceSlaPolicy,
    );
    expect(planned.overdue).toBe(false);
    expect(planned.escalations).toHaveLength(1);
    const late = escalateServiceRequestIfOverdue(planned, at(10 + 25));
    expect(late?.escalations.map((escalation) => escalation.step)).toEqual(['received', 'planned']);
  });

  it('refuses a policy with hours missing or out of range, field by field', () => {
    const result = ServiceSlaPolicySchema.safeParse({
      hours: { ...defaultServiceSlaPolicy.hours, dispatched: { urgent: 0, high: 24, normal: 48 } },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'hours.dispatched.low',
      'hours.dispatched.urgent',
    ]);
  });
});
