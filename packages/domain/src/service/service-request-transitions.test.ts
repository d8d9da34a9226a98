import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.js';
import type { Role } from '../user.schema.js';
import type {
  ServiceRequest,
  ServiceRequestStatus,
  ServiceTransitionRequest,
} from './service-request.schema.js';
import { addServiceVisit, receiveServiceRequest, updateServiceVisit } from './service-request-records.js';
import {
  canSeeServiceRequest,
  nextServiceStatuses,
  type ServiceActor,
  serviceNextStepsFor,
  transitionServiceRequest,
} from './service-request-transitions.js';
import { defaultServiceSlaPolicy } from './service-sla.js';

const NOW = new Date('2026-03-02T08:00:00.000Z');
const CUSTOMER = '01JCUSTOMER000000000000001';
const TECH = '01JTECH0000000000000000001';
const PARTNER = '01JPARTNER0000000000000001';
const TEAM = '01JTEAM0000000000000000001';
const visitIds = () => {
  let n = 0;
  return () => {
    n += 1;
    return `01JVISIT000000000000000${String(n).padStart(3, '0')}`;
  };
};

const actor = (role: Role, actorId = `01J${role.toUpperCase().padEnd(23, '0')}`, teamIds: string[] = []) =>
  ({ actorId, role, teamIds }) satisfies ServiceActor;
const owner = actor('owner');
const member = actor('member');
const tech = actor('member', TECH);
const teamMate = actor('member', '01JMATE0000000000000000001', [TEAM]);
const partner = actor('partner', PARTNER);
const otherPartner = actor('partner', '01JOTHERPARTNER00000000001');

function received(): ServiceRequest {
  return receiveServiceRequest({
    id: '01JREQUEST0000000000000001',
    input: {
      customerId: CUSTOMER,
      summary: '空调不制冷 AC not cooling',
      category: 'repair',
      priority: 'high',
      channel: 'phone',
    },
    actor: member,
    now: NOW,
    policy: defaultServiceSlaPolicy,
  });
}

const steps: Record<Exclude<ServiceRequestStatus, 'received' | 'cancelled'>, ServiceTransitionRequest> = {
  planned: {
    to: 'planned',
    scheduledStart: '2026-03-03T09:00:00+08:00',
    scheduledEnd: '2026-03-03T11:00:00+08:00',
  },
  dispatched: { to: 'dispatched', assignee: { kind: 'user', userId: TECH } },
  in_progress: { to: 'in_progress' },
  resolved: { to: 'resolved', result: 'Compressor replaced' },
  followed_up: { to: 'followed_up', score: 5, note: 'Very happy' },
};

/** The request walked up to `status` by the usual path (desk plans and dispatches, tech works, owner follows up). */
function at(
  status: ServiceRequestStatus,
  assignee: ServiceTransitionRequest['assignee'] = steps.dispatched.assignee,
): ServiceRequest {
  let request = received();
  const ids = visitIds();
  for (const next of ORDER.slice(1)) {
    if (request.status === status) break;
    const body =
      next === 'dispatched' ? { ...steps.dispatched, assignee } : steps[next as keyof typeof steps];
    request = transitionServiceRequest(request, body, owner, NOW, ids, defaultServiceSlaPolicy);
  }
  return request;
}

/** The order the usual path walks; `previous(to)` is where a move to `to` starts from. */
const ORDER: ServiceRequestStatus[] = [
  'received',
  'planned',
  'dispatched',
  'in_progress',
  'resolved',
  'followed_up',
];
const previous = (to: ServiceRequestStatus) => ORDER[ORDER.indexOf(to) - 1] as ServiceRequestStatus;

/** One move by `who`, at NOW under the default SLA policy. */
const move = (request: ServiceRequest, body: ServiceTransitionRequest, who: ServiceActor) =>
  transitionServiceRequest(request, body, who, NOW, visitIds(), defaultServiceSlaPolicy);

function refusal(run: () => unknown): { code: string; allowed?: unknown; fields?: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError)
      return { code: error.code, allowed: error.details?.allowed, fields: error.fields };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the service process', () => {
  it('receives a request at received, with its trail begun and no assignee', () => {
    expect(received()).toMatchObject({
      status: 'received',
      version: 1,
      assignee: null,
      visits: [],
      trail: [{ action: 'receive', from: null, to: 'received' }],
    });
  });

  it.each([
    ['received', ['planned', 'cancelled']],
    ['planned', ['dispatched', 'cancelled']],
    ['dispatched', ['in_progress', 'cancelled']],
    ['in_progress', ['resolved', 'cancelled']],
    ['resolved', ['followed_up']],
    ['followed_up', []],
    ['cancelled', []],
  ] as const)('allows from %s exactly %j', (status, next) => {
    expect(nextServiceStatuses(status)).toEqual(next);
  });

  it.each([
    ['received', 'dispatched'],
    ['received', 'resolved'],
    ['planned', 'in_progress'],
    ['dispatched', 'followed_up'],
    ['in_progress', 'planned'],
    ['resolved', 'cancelled'],
    ['followed_up', 'received'],
  ] as const)('refuses %s → %s as not next, naming the allowed steps', (from, to) => {
    const request = at(from);
    const refused = refusal(() => move(request, { to }, owner));
    expect(refused).toEqual({ code: 'invalid_state', allowed: nextServiceStatuses(from), fields: undefined });
  });

  // role × step: who may make each move (true = allowed)
  it.each([
    ['planned', member, true],
    ['planned', partner, false],
    ['dispatched', member, true],
    ['dispatched', partner, false],
    ['in_progress', tech, true],
    ['in_progress', member, false],
    ['in_progress', owner, true],
    ['resolved', tech, true],
    ['resolved', member, false],
    ['followed_up', owner, true],
    ['followed_up', actor('admin'), true],
    ['followed_up', tech, false],
    ['followed_up', partner, false],
  ] as const)('to %s by %o: allowed %s', (to, who, allowed) => {
    const request = at(previous(to));
    if (allowed) {
      expect(move(request, steps[to], who).status).toBe(to);
    } else {
      expect(refusal(() => move(request, steps[to], who)).code).toBe('forbidden');
    }
  });

  it('shows a partner only the requests dispatched to that partner', () => {
    const request = at('dispatched', { kind: 'partner', userId: PARTNER });
    expect(canSeeServiceRequest(request, partner)).toBe(true);
    expect(canSeeServiceRequest(request, otherPartner)).toBe(false);
  });

  // who a request was dispatched to × who may start work on it, and who may not
  it.each([
    {
      dispatchedTo: 'a partner',
      assignee: { kind: 'partner', userId: PARTNER },
      worker: partner,
      workerIs: 'that partner',
      outsider: otherPartner,
      outsiderIs: 'another partner',
    },
    {
      dispatchedTo: 'a team',
      assignee: { kind: 'team', departmentId: TEAM },
      worker: teamMate,
      workerIs: 'any member of the team',
      outsider: tech,
      outsiderIs: 'a member outside it',
    },
  ] as const)(
    'lets the request dispatched to $dispatchedTo be worked by $workerIs, not by $outsiderIs',
    ({ assignee, worker, outsider }) => {
      const request = at('dispatched', assignee);
      expect(move(request, { to: 'in_progress' }, worker).status).toBe('in_progress');
      expect(refusal(() => move(request, { to: 'in_progress' }, outsider)).code).toBe('forbidden');
    },
  );

  it.each([
    ['planned', { to: 'planned' }, ['scheduledStart', 'scheduledEnd']],
    [
      'planned',
      { to: 'planned', scheduledStart: '2026-03-03T11:00:00Z', scheduledEnd: '2026-03-03T09:00:00Z' },
      ['scheduledEnd'],
    ],
    ['dispatched', { to: 'dispatched' }, ['assignee']],
    ['resolved', { to: 'resolved', result: '  ' }, ['result']],
    ['followed_up', { to: 'followed_up', score: 6, note: 'x' }, ['score']],
    ['followed_up', { to: 'followed_up', score: 2.5, note: 'x' }, ['score']],
    ['followed_up', { to: 'followed_up', score: 4 }, ['note']],
    [
      'planned',
      {
        to: 'planned',
        scheduledStart: '2026-03-03T09:00:00Z',
        scheduledEnd: '2026-03-03T10:00:00Z',
        result: 'early',
      },
      ['result'],
    ],
  ] as const)('refuses a move to %s with missing or bad fields, field by field (%j)', (to, body, paths) => {
    const refused = refusal(() => move(at(previous(to)), body as ServiceTransitionRequest, owner));
    expect(refused.code).toBe('validation_failed');
    expect((refused.fields as { path: string }[]).map((field) => field.path)).toEqual(paths);
  });

  it('plans the first visit in UTC, hands it to the technician on dispatch, and keeps who did what', () => {
    const request = at('resolved');
    expect(request.visits).toEqual([
      expect.objectContaining({
        start: '2026-03-03T01:00:00.000Z',
        end: '2026-03-03T03:00:00.000Z',
        technicianId: TECH,
      }),
    ]);
    expect(request.dueAt).toBe('2026-03-03T03:00:00.000Z');
    expect(request.result).toEqual({
      summary: 'Compressor replaced',
      at: NOW.toISOString(),
      by: owner.actorId,
    });
    expect(request.trail.map((entry) => entry.action)).toEqual([
      'receive',
      'plan',
      'dispatch',
      'start',
      'resolve',
    ]);
    expect(request.trail[2]?.details).toEqual({ assignee: `user:${TECH}` });
  });

  it('closes with head office’s follow-up: the score, the note and the method (a call by default)', () => {
    const closed = at('followed_up');
    expect(closed.followUp).toEqual({
      method: 'call',
      score: 5,
      note: 'Very happy',
      at: NOW.toISOString(),
      by: owner.actorId,
    });
    expect(serviceNextStepsFor(closed, owner)).toEqual([]);
  });

  it('needs a visit before a request is resolved', () => {
    const started = at('in_progress');
    const withoutVisits = { ...started, visits: [] };
    expect(refusal(() => move(withoutVisits, steps.resolved, owner)).fields).toEqual([
      { path: 'visits', message: 'record at least one visit before resolving' },
    ]);
  });

  it('cancels an open request with a reason (head office only)', () => {
    const request = at('dispatched');
    expect(refusal(() => move(request, { to: 'cancelled', reason: 'dup' }, member)).code).toBe('forbidden');
    expect(move(request, { to: 'cancelled', reason: 'dup' }, owner)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'dup',
    });
  });

  it('offers each actor only the moves it may make, with their fields', () => {
    const request = at('planned');
    expect(serviceNextStepsFor(request, member)).toEqual([
      {
        to: 'dispatched',
        action: 'dispatch',
        fields: [
          { name: 'assignee', required: true },
          { name: 'note', required: false },
        ],
      },
    ]);
    expect(serviceNextStepsFor(request, owner).map((step) => step.to)).toEqual(['dispatched', 'cancelled']);
    expect(serviceNextStepsFor(at('dispatched'), partner)).toEqual([]);
  });

  it('adds and moves visits while the request is open, and refuses a visit that ends before it starts', () => {
    const request = at('in_progress');
    const added = addServiceVisit(
      request,
      { start: '2026-03-04T02:00:00Z', end: '2026-03-04T04:00:00Z', notes: 'second visit' },
      tech,
      NOW,
      '01JVISIT0000000000000000X2',
    );
    expect(added.visits).toHaveLength(2);
    expect(added.dueAt).toBe('2026-03-04T04:00:00.000Z');
    const moved = updateServiceVisit(
      added,
      '01JVISIT0000000000000000X2',
      { end: '2026-03-04T05:00:00Z' },
      tech,
      NOW,
    );
    expect(moved.visits[1]).toMatchObject({
      end: '2026-03-04T05:00:00.000Z',
      notes: 'second visit',
      technicianId: TECH,
    });
    expect(moved.trail.at(-1)).toEqual({
      at: NOW.toISOString(),
      by: TECH,
      action: 'move_visit',
      from: 'in_progress',
      to: 'in_progress',
      details: {
        visitId: '01JVISIT0000000000000000X2',
        fromStart: '2026-03-04T02:00:00.000Z',
        fromEnd: '2026-03-04T04:00:00.000Z',
        start: '2026-03-04T02:00:00.000Z',
        end: '2026-03-04T05:00:00.000Z',
      },
    });
    expect(moved.status).toBe('in_progress');
    // Notes alone are no move: the trail stays as it was.
    const noted = updateServiceVisit(moved, '01JVISIT0000000000000000X2', { notes: 'ladder' }, tech, NOW);
    expect(noted.trail).toHaveLength(moved.trail.length);
    expect(
      refusal(() =>
        updateServiceVisit(added, '01JVISIT0000000000000000X2', { end: '2026-03-04T01:00:00Z' }, tech, NOW),
      ).fields,
    ).toEqual([{ path: 'end', message: 'must end after it starts' }]);
    expect(
      refusal(() =>
        addServiceVisit(
          at('resolved'),
          { start: '2026-03-04T02:00:00Z', end: '2026-03-04T04:00:00Z' },
          owner,
          NOW,
          'x',
        ),
      ).code,
    ).toBe('invalid_state');
    expect(
      refusal(() =>
        addServiceVisit(
          request,
          { start: '2026-03-04T02:00:00Z', end: '2026-03-04T04:00:00Z' },
          member,
          NOW,
          'x',
        ),
      ).code,
    ).toBe('forbidden');
  });
});
