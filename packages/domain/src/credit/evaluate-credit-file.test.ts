import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCreditPolicy } from './credit-policy.schema.js';
import { evaluateCreditFile } from './evaluate-credit-file.js';
import type { Receivable } from './receivables.js';

const asOf = '2026-06-30T12:00:00Z';
const owed = (id: string, amount: number, dueDate = '2026-07-30', paid = 0): Receivable => ({
  id,
  issuedAt: '2026-06-01T00:00:00Z',
  dueDate,
  amount,
  paid,
});
const base = {
  policy: defaultCreditPolicy,
  previous: null,
  customerId: 'c1',
  currency: 'CNY',
  firstOrderAt: '2026-01-01T00:00:00Z',
  abcClass: 'B' as const,
  settledOnTime: 0,
  settledTotal: 0,
  unapplied: 0,
  asOf,
};

describe('evaluateCreditFile', () => {
  it('rates a new customer and grants the grade’s limit', () => {
    const { file, decisions, changed } = evaluateCreditFile({ ...base, receivables: [] });
    expect(file).toMatchObject({ status: 'ok', grade: 'B', limit: 3_000_00, termDays: 15, exposure: 0 });
    expect(decisions).toEqual([]);
    expect(changed).toBe(true);
  });

  it('holds when an order takes exposure over the limit, and releases when it is paid', () => {
    const start = evaluateCreditFile({ ...base, receivables: [] }).file;
    const over = evaluateCreditFile({ ...base, previous: start, receivables: [owed('o1', 3_500_00)] });
    expect(over.file.status).toBe('hold');
    expect(over.file.heldSince).toBe(asOf);
    expect(over.decisions).toContain('hold_placed');
    expect(over.file.reasons[0]).toMatchObject({ code: 'over_limit', exposure: 3_500_00 });

    const paid = evaluateCreditFile({
      ...base,
      previous: over.file,
      receivables: [owed('o1', 3_500_00, '2026-07-30', 3_500_00)],
    });
    expect(paid.file.status).toBe('ok');
    expect(paid.file.heldSince).toBeNull();
    expect(paid.decisions).toContain('hold_released');
  });

  it('keeps the hold pending approval when the policy asks for it', () => {
    const policy = { ...defaultCreditPolicy, releaseNeedsApproval: true };
    const held = evaluateCreditFile({ ...base, policy, receivables: [owed('o1', 5_000_00)] }).file;
    const cleared = evaluateCreditFile({ ...base, policy, previous: held, receivables: [] });
    expect(cleared.file).toMatchObject({ status: 'hold', releasePending: true, heldSince: held.heldSince });
    expect(cleared.file.reasons).toEqual(held.reasons);
    expect(cleared.decisions).toContain('release_requested');
    expect(
      evaluateCreditFile({ ...base, policy, previous: cleared.file, receivables: [] }).decisions,
    ).toEqual([]);
  });

  it('holds on days overdue beyond the policy', () => {
    const late = evaluateCreditFile({ ...base, receivables: [owed('i1', 100, '2026-05-01')] });
    expect(late.file.status).toBe('hold');
    expect(late.file.reasons.map((reason) => reason.code)).toContain('days_overdue');
    expect(late.file.ageing.d31_60).toBe(100);
  });

  it('changes nothing when evaluated again on the same facts', () => {
    const first = evaluateCreditFile({ ...base, receivables: [owed('o1', 100)] }).file;
    const again = evaluateCreditFile({
      ...base,
      previous: { ...first, version: 3 },
      receivables: [owed('o1', 100)],
    });
    expect(again.changed).toBe(false);
    expect(again.decisions).toEqual([]);
  });

  it('sees the same decision in a file whose keys come back in another order', () => {
    const first = evaluateCreditFile({ ...base, receivables: [owed('o1', 3_500_00)] }).file;
    const shuffled = JSON.parse(
      JSON.stringify(first, (_key, value: unknown) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).reverse())
          : value,
      ),
    );
    expect(
      evaluateCreditFile({ ...base, previous: shuffled, receivables: [owed('o1', 3_500_00)] }).changed,
    ).toBe(false);
  });

  it('is a fixed point: evaluating its own result on the same facts changes nothing', () => {
    const receivable = fc.record({
      id: fc.uuid(),
      issuedAt: fc.constant('2026-03-01T00:00:00Z'),
      dueDate: fc.constantFrom('2026-03-15', '2026-05-01', '2026-06-25', '2026-08-01'),
      amount: fc.integer({ min: 0, max: 5_000_000 }),
      paid: fc.integer({ min: 0, max: 5_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(receivable, { maxLength: 6 }),
        fc.constantFrom('A', 'B', 'C', null),
        (receivables, abcClass) => {
          const inputs = { ...base, abcClass: abcClass as 'A' | 'B' | 'C' | null, receivables };
          const first = evaluateCreditFile(inputs).file;
          const again = evaluateCreditFile({ ...inputs, previous: first });
          expect(again.changed).toBe(false);
          expect(again.decisions).toEqual([]);
        },
      ),
    );
  });

  it('uses an override instead of the grade’s limit', () => {
    const start = evaluateCreditFile({ ...base, receivables: [] }).file;
    const override = { limit: 10_000_00, reason: 'trusted distributor', setBy: 'u1', setAt: asOf };
    const { file } = evaluateCreditFile({
      ...base,
      previous: { ...start, override },
      receivables: [owed('o1', 5_000_00)],
    });
    expect(file).toMatchObject({ limit: 10_000_00, limitSource: 'override', status: 'ok' });
  });
});
