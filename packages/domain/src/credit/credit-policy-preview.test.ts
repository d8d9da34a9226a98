import { describe, expect, it } from 'vitest';
import { type CreditPolicyInput, defaultCreditPolicy } from './credit-policy.schema.js';
import { type CreditPreviewSubject, previewCreditPolicy } from './credit-policy-preview.js';
import { evaluateCreditFile } from './evaluate-credit-file.js';

const asOf = '2026-06-30T12:00:00Z';
const bound = { cap: 5000, capped: false };

/** A B-grade customer of the default policy (half a year's tenure, ABC class B) owing `owed`. */
function subject(customerId: string, owed: number): CreditPreviewSubject {
  return {
    name: `Customer ${customerId}`,
    inputs: {
      previous: null,
      customerId,
      currency: 'CNY',
      receivables:
        owed > 0
          ? [
              {
                id: `r-${customerId}`,
                issuedAt: '2026-06-01T00:00:00Z',
                dueDate: '2026-07-30',
                amount: owed,
                paid: 0,
              },
            ]
          : [],
      firstOrderAt: '2026-01-01T00:00:00Z',
      abcClass: 'B',
      settledOnTime: 0,
      settledTotal: 0,
      unapplied: 0,
      asOf,
    },
  };
}

function withBand(grade: string, change: Partial<CreditPolicyInput['grades'][number]>): CreditPolicyInput {
  return {
    ...defaultCreditPolicy,
    grades: defaultCreditPolicy.grades.map((band) => (band.grade === grade ? { ...band, ...change } : band)),
  };
}

describe('previewCreditPolicy', () => {
  it('moves nobody when the proposed policy is the current one', () => {
    const preview = previewCreditPolicy(
      [subject('c1', 2_500_00), subject('c2', 0)],
      defaultCreditPolicy,
      defaultCreditPolicy,
      bound,
    );
    expect(preview).toMatchObject({
      evaluated: 2,
      gradeChanges: [],
      holdsPlaced: 0,
      holdsReleased: 0,
      limitRaised: 0,
      limitLowered: 0,
      examples: [],
    });
  });

  it('counts the customers a lower limit puts on hold, with an example of each standing', () => {
    // Sanity of the fixture: the default policy rates them B, with a 3,000.00 limit.
    expect(
      evaluateCreditFile({ ...subject('c1', 2_500_00).inputs, policy: defaultCreditPolicy }).file,
    ).toMatchObject({ grade: 'B', status: 'watch' });
    const proposed = withBand('B', { limit: 2_000_00 });

    const preview = previewCreditPolicy(
      [subject('c1', 2_500_00), subject('c2', 0)],
      defaultCreditPolicy,
      proposed,
      bound,
    );

    expect(preview.holdsPlaced).toBe(1);
    expect(preview.holdsReleased).toBe(0);
    expect(preview.limitLowered).toBe(2);
    // Owing more than the lower limit also costs c1 its utilisation score, and with it grade B.
    expect(preview.gradeChanges).toEqual([{ from: 'B', to: 'C', count: 1 }]);
    expect(preview.examples[0]).toEqual({
      customerId: 'c1',
      name: 'Customer c1',
      current: { grade: 'B', status: 'watch', limit: 3_000_00 },
      proposed: { grade: 'C', status: 'hold', limit: 0 },
    });
  });

  it('counts the customers a higher limit takes off hold', () => {
    const preview = previewCreditPolicy(
      [subject('c1', 3_500_00)],
      defaultCreditPolicy,
      withBand('B', { limit: 5_000_00 }),
      bound,
    );
    expect(preview).toMatchObject({ holdsPlaced: 0, holdsReleased: 1, limitRaised: 1 });
  });

  it('groups grade changes by from → to, most first', () => {
    const stricter = withBand('B', { minScore: 69 });
    const subjects = [subject('c1', 0), subject('c2', 0), subject('c3', 0)];
    const preview = previewCreditPolicy(subjects, defaultCreditPolicy, stricter, bound);
    expect(preview.gradeChanges).toEqual([{ from: 'B', to: 'C', count: 3 }]);
    expect(preview.limitLowered).toBe(3);
  });

  it('keeps at most five examples and passes the cap on', () => {
    const subjects = Array.from({ length: 8 }, (_, index) => subject(`c${index}`, 0));
    const preview = previewCreditPolicy(subjects, defaultCreditPolicy, withBand('B', { limit: 1_00 }), {
      cap: 8,
      capped: true,
    });
    expect(preview.examples).toHaveLength(5);
    expect(preview).toMatchObject({ evaluated: 8, capped: true, cap: 8, limitLowered: 8 });
  });
});
