import { z } from 'zod';
import type { CreditFile } from './credit-file.schema.js';
import type { CreditPolicyInput } from './credit-policy.schema.js';
import { type CreditEvaluationInputs, evaluateCreditFile } from './evaluate-credit-file.js';

const Count = z.number().int().min(0);
const Standing = z.object({
  grade: z.string(),
  status: z.enum(['ok', 'watch', 'hold']),
  limit: z.number().int(),
});

export const CreditPolicyPreviewSchema = z
  .object({
    /** Credit files evaluated under both policies. */
    evaluated: Count,
    /** True when the tenant has more files than the preview reads (`cap`): the counts are of the first ones. */
    capped: z.boolean(),
    cap: Count,
    /** Customers whose grade would change, per (from → to), most first. */
    gradeChanges: z.array(z.object({ from: z.string(), to: z.string(), count: Count })),
    /** Customers whose limit would rise or fall. */
    limitRaised: Count,
    limitLowered: Count,
    /** Customers who would go on hold, and who would come off it. */
    holdsPlaced: Count,
    holdsReleased: Count,
    /** A few of the customers that would move, with their standing under each policy. */
    examples: z.array(
      z.object({ customerId: z.string(), name: z.string(), current: Standing, proposed: Standing }),
    ),
  })
  .meta({
    id: 'CreditPolicyPreview',
    description:
      'How many customers a proposed credit policy would move, against the current one. Nothing is written.',
  });
export type CreditPolicyPreview = z.infer<typeof CreditPolicyPreviewSchema>;

/** One customer's facts, as an evaluation reads them (the policy is supplied by the preview). */
export type CreditPreviewSubject = {
  name: string;
  inputs: Omit<CreditEvaluationInputs, 'policy'>;
};

const EXAMPLES = 5;

function standing(file: CreditFile) {
  return { grade: file.grade, status: file.status, limit: file.limit };
}

/**
 * 信用政策预览: evaluates each customer under the current and the proposed policy, on the same
 * facts at the same instant, with the evaluation the stream and the nightly pass run, so the
 * counts say what the policy change alone would do.
 *
 * @example
 * previewCreditPolicy(subjects, current, proposed, { cap: 5000, capped: false }).holdsPlaced
 */
export function previewCreditPolicy(
  subjects: readonly CreditPreviewSubject[],
  current: CreditPolicyInput,
  proposed: CreditPolicyInput,
  bound: { cap: number; capped: boolean },
): CreditPolicyPreview {
  const grades = new Map<string, { from: string; to: string; count: number }>();
  const examples: CreditPolicyPreview['examples'] = [];
  let limitRaised = 0;
  let limitLowered = 0;
  let holdsPlaced = 0;
  let holdsReleased = 0;
  for (const subject of subjects) {
    const before = evaluateCreditFile({ ...subject.inputs, policy: current }).file;
    const after = evaluateCreditFile({ ...subject.inputs, policy: proposed }).file;
    if (before.grade !== after.grade) {
      const key = `${before.grade}\u0000${after.grade}`;
      const entry = grades.get(key) ?? { from: before.grade, to: after.grade, count: 0 };
      entry.count += 1;
      grades.set(key, entry);
    }
    if (after.limit > before.limit) limitRaised += 1;
    if (after.limit < before.limit) limitLowered += 1;
    const wasHeld = before.status === 'hold';
    const isHeld = after.status === 'hold';
    if (!wasHeld && isHeld) holdsPlaced += 1;
    if (wasHeld && !isHeld) holdsReleased += 1;
    const moved =
      before.grade !== after.grade || before.limit !== after.limit || before.status !== after.status;
    if (moved && examples.length < EXAMPLES) {
      examples.push({
        customerId: subject.inputs.customerId,
        name: subject.name,
        current: standing(before),
        proposed: standing(after),
      });
    }
  }
  return {
    evaluated: subjects.length,
    capped: bound.capped,
    cap: bound.cap,
    gradeChanges: [...grades.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from)),
    limitRaised,
    limitLowered,
    holdsPlaced,
    holdsReleased,
    examples,
  };
}
