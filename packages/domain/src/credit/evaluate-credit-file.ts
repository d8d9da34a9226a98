import { daysBetween } from '../calendar-days.js';
import { assessCredit, type HoldTransition, holdTransition } from './credit-decision.js';
import type { CreditDecision, CreditFile } from './credit-file.schema.js';
import { effectiveLimit } from './credit-limit.js';
import type { CreditPolicyInput } from './credit-policy.schema.js';
import { creditScore, gradeFor } from './credit-score.js';
import { ageReceivables, exposureOf, overdueFigures, type Receivable } from './receivables.js';

export type CreditEvaluationInputs = {
  policy: CreditPolicyInput;
  /** The file as stored, or null for a customer never evaluated. */
  previous: CreditFile | null;
  customerId: string;
  currency: string;
  receivables: readonly Receivable[];
  /** First order of the customer (tenure), if any. */
  firstOrderAt: string | null;
  abcClass: 'A' | 'B' | 'C' | null;
  /** Payment behaviour so far: receivables settled within due date + margin, of all settled. */
  settledOnTime: number;
  settledTotal: number;
  /** Paid beyond what was owed, waiting for the next receivable. */
  unapplied: number;
  asOf: string;
};

export type CreditEvaluation = {
  file: CreditFile;
  transition: HoldTransition;
  /** What the history records about this evaluation (empty: nothing worth a line changed). */
  decisions: CreditDecision['kind'][];
  /** Whether anything the file shows changed (a replay of the same facts changes nothing). */
  changed: boolean;
};

/** Fields that carry the decision; `evaluatedAt` and `version` move on every write and don't count. */
const decisionFields = [
  'status',
  'score',
  'grade',
  'limit',
  'limitSource',
  'termDays',
  'exposure',
  'overdue',
  'maxDaysOverdue',
  'reasons',
  'factors',
  'ageing',
  'releasePending',
  'heldSince',
  'override',
  'pendingLimit',
  'rating',
  'settledOnTime',
  'settledTotal',
  'unapplied',
] as const satisfies readonly (keyof CreditFile)[];

/** JSON with object keys sorted: a file read back from DynamoDB keeps no key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

export function sameDecision(a: CreditFile, b: CreditFile): boolean {
  return decisionFields.every((field) => canonical(a[field]) === canonical(b[field]));
}

/**
 * 动态监控与调整: re-rates the customer from what it owes and how it has paid, applies the
 * policy's blocking rules, and moves the hold. Pure: the stream reaction, the nightly pass and
 * a manual limit change all call it with what they read, and store what it returns.
 */
export function evaluateCreditFile(inputs: CreditEvaluationInputs): CreditEvaluation {
  const { policy, previous } = inputs;
  const exposure = exposureOf(inputs.receivables);
  const overdue = overdueFigures(inputs.receivables, inputs.asOf, policy.maturityMarginDays);
  const scoreInputs = {
    settledOnTime: inputs.settledOnTime,
    settledTotal: inputs.settledTotal,
    maxDaysOverdue: overdue.maxDaysOverdue,
    exposure,
    tenureDays: inputs.firstOrderAt ? Math.max(0, daysBetween(inputs.firstOrderAt, inputs.asOf)) : 0,
    abcClass: inputs.abcClass,
    rating: previous?.rating ?? null,
  };
  // Utilisation is measured against the limit the other factors earn (or the override), never
  // against the last stored limit: the result then depends on the facts alone, so evaluating the
  // same facts twice gives the same file instead of drifting grade by grade.
  const provisional = effectiveLimit(
    gradeFor(
      creditScore({ ...scoreInputs, currentLimit: null }, { ...policy.weights, utilisation: 0 }).score,
      policy.grades,
    ),
    previous?.override ?? null,
  );
  const score = creditScore({ ...scoreInputs, currentLimit: provisional.limit }, policy.weights);
  const band = gradeFor(score.score, policy.grades);
  const limit = effectiveLimit(band, previous?.override ?? null);
  const assessment = assessCredit(
    {
      limit: limit.limit,
      exposure,
      overdueAmount: overdue.overdueAmount,
      maxDaysOverdue: overdue.maxDaysOverdue,
    },
    policy.blocking,
  );
  const wasHeld = previous?.status === 'hold';
  const transition = holdTransition(wasHeld, assessment, policy.releaseNeedsApproval);
  const held =
    transition.kind === 'place' ||
    transition.kind === 'keep' ||
    (transition.kind === 'release' && transition.approval === 'required');

  const file: CreditFile = {
    customerId: inputs.customerId,
    status: held ? 'hold' : assessment.status,
    score: score.score,
    grade: band.grade,
    limit: limit.limit,
    limitSource: limit.source,
    termDays: limit.termDays,
    currency: inputs.currency,
    exposure,
    overdue: overdue.overdueAmount,
    maxDaysOverdue: overdue.maxDaysOverdue,
    // A hold waiting for approval keeps the reasons it was placed for until someone releases it.
    reasons: transition.kind === 'release' && held ? (previous?.reasons ?? []) : assessment.reasons,
    factors: score.factors,
    ageing: ageReceivables(inputs.receivables, inputs.asOf),
    releasePending: transition.kind === 'release' && transition.approval === 'required',
    heldSince: held ? (wasHeld ? (previous?.heldSince ?? inputs.asOf) : inputs.asOf) : null,
    override: previous?.override ?? null,
    pendingLimit: previous?.pendingLimit ?? null,
    rating: previous?.rating ?? null,
    settledOnTime: inputs.settledOnTime,
    settledTotal: inputs.settledTotal,
    unapplied: inputs.unapplied,
    evaluatedAt: inputs.asOf,
    version: previous?.version ?? 0,
  };

  const decisions: CreditDecision['kind'][] = [];
  if (transition.kind === 'place') decisions.push('hold_placed');
  if (transition.kind === 'release') {
    decisions.push(transition.approval === 'required' ? 'release_requested' : 'hold_released');
  }
  if (previous && previous.grade !== file.grade) decisions.push('grade_changed');
  if (previous && !decisions.length && previous.status !== file.status) decisions.push('status_changed');
  // Asking again for a release already asked for is not news.
  const deduped = decisions.filter((kind) => !(kind === 'release_requested' && previous?.releasePending));
  return { file, transition, decisions: deduped, changed: !previous || !sameDecision(previous, file) };
}
