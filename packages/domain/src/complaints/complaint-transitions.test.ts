import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.js';
import { type Role, roles } from '../user.schema.js';
import {
  type Complaint,
  type ComplaintStep,
  type ComplaintTransitionRequest,
  complaintSteps,
  defaultComplaintSlaPolicy,
} from './complaint.schema.js';
import {
  nextComplaintSteps,
  nextStepsFor,
  transitionComplaint,
  transitionsFor,
} from './complaint-transitions.js';
import { recordedComplaint } from './recorded-complaint.fixture.js';

const NOW = new Date('2026-03-02T09:00:00.000Z');

// The process as DOMAIN.md §7 and issue 14 state it, written out by hand (not read from the rules).
const legal: Record<ComplaintStep, ComplaintStep[]> = {
  recorded: ['validated', 'rejected'],
  validated: ['assigned'],
  assigned: ['analysed'],
  analysed: ['proposed'],
  proposed: ['approved', 'analysed'],
  approved: ['carried_out'],
  carried_out: ['closed'],
  closed: [],
  rejected: [],
};
const supervisorOnly = new Set(['proposed>approved', 'proposed>analysed']);
const departmentOnly = new Set(['assigned>analysed', 'analysed>proposed', 'approved>carried_out']);

/** Fields that satisfy each legal move. */
const validFields: Record<string, Omit<ComplaintTransitionRequest, 'to'>> = {
  'recorded>validated': {},
  'recorded>rejected': { rejectionReason: 'Outside the warranty' },
  'validated>assigned': { departmentId: '01JDEPT000000000000000001' },
  'assigned>analysed': { cause: 'Courier dropped the parcel' },
  'analysed>proposed': { resolution: 'Replace the goods, refund shipping' },
  'proposed>approved': {},
  'proposed>analysed': { comment: 'Offer a voucher as well' },
  'approved>carried_out': {
    actions: 'Courier warned; replacement sent',
    customerNotified: true,
    customerFeedback: 'Happy with the replacement',
  },
  'carried_out>closed': { rating: 4, evaluation: 'Handled within a day' },
};

function complaintAt(step: ComplaintStep): Complaint {
  const recorded = recordedComplaint({ now: NOW });
  return { ...recorded, step, departmentId: step === 'recorded' || step === 'validated' ? null : 'd1' };
}

type Outcome = 'ok' | 'forbidden' | 'invalid_state';

function expected(from: ComplaintStep, to: ComplaintStep, role: Role, inDepartment: boolean): Outcome {
  const move = `${from}>${to}`;
  if (!legal[from].includes(to)) return 'invalid_state';
  if (role === 'partner') return 'forbidden';
  const supervisor = role === 'owner' || role === 'admin';
  if (supervisorOnly.has(move) && !supervisor) return 'forbidden';
  if (departmentOnly.has(move) && !supervisor && !inDepartment) return 'forbidden';
  return 'ok';
}

function attempt(from: ComplaintStep, to: ComplaintStep, role: Role, inDepartment: boolean): Outcome {
  try {
    transitionComplaint(
      complaintAt(from),
      { to, ...(validFields[`${from}>${to}`] ?? {}) },
      { actorId: `u-${role}`, role, inDepartment },
      defaultComplaintSlaPolicy,
      NOW,
    );
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'forbidden' || error.code === 'invalid_state')) {
      return error.code;
    }
    throw error;
  }
}

const cases = complaintSteps.flatMap((from) =>
  complaintSteps.flatMap((to) =>
    roles.flatMap((role) =>
      [true, false].map((inDepartment) => ({
        from,
        to,
        role,
        inDepartment,
        outcome: expected(from, to, role, inDepartment),
      })),
    ),
  ),
);

describe('the complaint process (eight steps)', () => {
  it.each(cases)(
    '$from → $to by $role (in department: $inDepartment) is $outcome',
    ({ from, to, role, inDepartment, outcome }) => {
      expect(attempt(from, to, role, inDepartment)).toBe(outcome);
    },
  );

  it('answers a step that is not next with the legal next steps', () => {
    const error = (() => {
      try {
        transitionComplaint(
          complaintAt('recorded'),
          { to: 'approved' },
          { actorId: 'u', role: 'owner', inDepartment: false },
          defaultComplaintSlaPolicy,
          NOW,
        );
      } catch (caught) {
        return caught as DomainError;
      }
    })();

    expect(error?.code).toBe('invalid_state');
    expect(error?.details).toEqual({ step: 'recorded', allowed: ['validated', 'rejected'] });
  });

  it('lists the legal next steps of every step', () => {
    for (const step of complaintSteps) expect(nextComplaintSteps(step)).toEqual(legal[step]);
  });

  it('offers a member outside the department no step of the department’s own', () => {
    const member = { actorId: 'u', role: 'member' as const, inDepartment: false };

    expect(transitionsFor(complaintAt('assigned'), member)).toEqual([]);
    expect(transitionsFor(complaintAt('proposed'), member)).toEqual([]);
    expect(transitionsFor(complaintAt('recorded'), member).map((t) => t.to)).toEqual([
      'validated',
      'rejected',
    ]);
  });
});

describe('a transition’s fields', () => {
  const owner = { actorId: 'u-owner', role: 'owner' as const, inDepartment: false };
  const refusal = (from: ComplaintStep, request: ComplaintTransitionRequest) => {
    try {
      transitionComplaint(complaintAt(from), request, owner, defaultComplaintSlaPolicy, NOW);
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('expected a refusal');
  };

  it.each([
    ['recorded', { to: 'rejected' }, 'rejectionReason'],
    ['validated', { to: 'assigned' }, 'departmentId'],
    ['assigned', { to: 'analysed', cause: '  ' }, 'cause'],
    ['analysed', { to: 'proposed' }, 'resolution'],
    ['proposed', { to: 'analysed' }, 'comment'],
    ['approved', { to: 'carried_out', actions: 'a', customerFeedback: 'f' }, 'customerNotified'],
    [
      'approved',
      { to: 'carried_out', actions: 'a', customerNotified: false, customerFeedback: 'f' },
      'customerNotified',
    ],
    ['carried_out', { to: 'closed', rating: 6, evaluation: 'e' }, 'rating'],
    ['carried_out', { to: 'closed', rating: 2.5, evaluation: 'e' }, 'rating'],
    ['recorded', { to: 'validated', cause: 'not this step’s field' }, 'cause'],
  ] as [ComplaintStep, ComplaintTransitionRequest, string][])(
    'refuses %s → %o naming %s',
    (from, request, field) => {
      const error = refusal(from, request);

      expect(error.code).toBe('validation_failed');
      expect(error.fields?.map((issue) => issue.path)).toContain(field);
    },
  );

  it('records who moved it when, with what, and resets the step’s SLA', () => {
    const later = new Date('2026-03-03T10:00:00.000Z');
    const next = transitionComplaint(
      complaintAt('assigned'),
      { to: 'analysed', cause: 'Courier dropped it' },
      owner,
      defaultComplaintSlaPolicy,
      later,
    );

    expect(next.step).toBe('analysed');
    expect(next.cause).toBe('Courier dropped it');
    expect(next.trail.at(-1)).toEqual({
      at: '2026-03-03T10:00:00.000Z',
      by: 'u-owner',
      action: 'analyse',
      from: 'assigned',
      to: 'analysed',
      details: { cause: 'Courier dropped it' },
    });
    // high severity: 48 hours in `analysed` by the default policy
    expect(next.stepDueAt).toBe('2026-03-05T10:00:00.000Z');
  });

  it('ends a complaint judged invalid as rejected, with no follow-up', () => {
    const next = transitionComplaint(
      complaintAt('recorded'),
      { to: 'rejected', rejectionReason: 'Not our product' },
      owner,
      defaultComplaintSlaPolicy,
      NOW,
    );

    expect(next).toMatchObject({ step: 'rejected', outcome: 'rejected', stepDueAt: null, followUp: null });
  });

  it('closes a reviewed complaint as resolved and schedules the follow-up call', () => {
    const next = transitionComplaint(
      complaintAt('carried_out'),
      { to: 'closed', rating: 5, evaluation: 'Fast' },
      owner,
      defaultComplaintSlaPolicy,
      NOW,
    );

    expect(next).toMatchObject({ step: 'closed', outcome: 'resolved', rating: 5 });
    expect(next.followUp).toEqual({ dueAt: '2026-03-16T09:00:00.000Z', status: 'scheduled' });
  });
});

describe('the moves offered to a caller', () => {
  it('names each move’s fields and which are required', () => {
    const complaint = complaintAt('approved');
    const member = { actorId: 'u', role: 'member' as const, inDepartment: true };

    expect(nextStepsFor(complaint, member)).toEqual([
      {
        to: 'carried_out',
        action: 'carry_out',
        fields: [
          { name: 'actions', required: true },
          { name: 'customerNotified', required: true },
          { name: 'customerFeedback', required: true },
        ],
      },
    ]);
    expect(nextStepsFor(complaintAt('recorded'), member)[0]).toEqual({
      to: 'validated',
      action: 'accept',
      fields: [{ name: 'comment', required: false }],
    });
  });
});
