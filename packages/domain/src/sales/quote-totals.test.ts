import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.js';
import type { QuoteLine } from './quote.schema.js';
import { quoteTotals, shareOf } from './quote-totals.js';

const line = (quantity: number, unitPrice: number, discount?: QuoteLine['discount']): QuoteLine => ({
  description: 'item',
  quantity,
  unitPrice,
  ...(discount ? { discount } : {}),
});

describe('shareOf', () => {
  it('rounds a half up, where half-even would round down', () => {
    // 50 × 5 % = 2.5 → 3 (half-even would give 2); 30 × 5 % = 1.5 → 2.
    expect(shareOf(50, 500n)).toBe(3);
    expect(shareOf(30, 500n)).toBe(2);
    // 2629 × 0.5 % = 13.145 → 13; 2629 × 13 % = 341.77 → 342.
    expect(shareOf(2629, 50n)).toBe(13);
    expect(shareOf(2629, 1300n)).toBe(342);
  });

  it('stays exact where amount × basis points passes 2^53', () => {
    // (10^12 − 1) × 99.99 % = 999 900 000 000 − 0.9999 = 999 899 999 999.0001 → 999 899 999 999;
    // the product 9 999 899 999 990 001 is past 2^53, where a double would already be off.
    expect(shareOf(999_999_999_999, 9999n)).toBe(999_899_999_999);
    // (10^12 − 1) × 50 % = 499 999 999 999.5 → 500 000 000 000
    expect(shareOf(999_999_999_999, 5000n)).toBe(500_000_000_000);
  });
});

describe('quoteTotals', () => {
  it('computes lines, quote discount and two taxes, each rounded half-up on its own (hand-computed)', () => {
    const totals = quoteTotals({
      lines: [
        line(3, 333, { kind: 'percent', value: 12.5 }), // 999, 124.875 → 125, net 874
        line(2, 1005, { kind: 'amount', value: 10 }), // 2010, 10, net 2000
        line(1, 50, { kind: 'percent', value: 5 }), // 50, 2.5 → 3, net 47
      ],
      discount: { kind: 'percent', value: 10 }, // 2921 × 10 % = 292.1 → 292
      taxes: [
        { name: 'VAT', rate: 13 }, // 2629 × 13 % = 341.77 → 342
        { name: 'Levy', rate: 0.5 }, // 2629 × 0.5 % = 13.145 → 13
      ],
    });
    expect(totals).toEqual({
      lines: [
        { gross: 999, discount: 125, net: 874 },
        { gross: 2010, discount: 10, net: 2000 },
        { gross: 50, discount: 3, net: 47 },
      ],
      subtotal: 2921,
      discount: 292,
      net: 2629,
      taxes: [
        { name: 'VAT', rate: 13, amount: 342 },
        { name: 'Levy', rate: 0.5, amount: 13 },
      ],
      tax: 355,
      total: 2984,
    });
  });

  it('takes a fixed quote discount as given and charges no tax without taxes', () => {
    const totals = quoteTotals({ lines: [line(4, 2500)], discount: { kind: 'amount', value: 1500 } });
    expect(totals).toMatchObject({ subtotal: 10_000, discount: 1500, net: 8500, tax: 0, total: 8500 });
  });

  it('refuses a fixed line discount larger than the line, naming the field', () => {
    const attempt = () => quoteTotals({ lines: [line(1, 1000, { kind: 'amount', value: 1001 })] });
    expect(attempt).toThrow(DomainError);
    try {
      attempt();
    } catch (error) {
      expect((error as DomainError).fields).toEqual([
        { path: 'lines.0.discount.value', message: 'must be at most 1000 (the amount it applies to)' },
      ]);
    }
  });

  it('refuses a quote discount larger than the subtotal', () => {
    expect(() => quoteTotals({ lines: [line(1, 100)], discount: { kind: 'amount', value: 101 } })).toThrow(
      /larger than what it applies to/,
    );
  });

  it('refuses a line whose quantity × price passes the largest single amount', () => {
    expect(() => quoteTotals({ lines: [line(2, 1_000_000_000_000)] })).toThrow(/largest single amount/);
  });

  it('refuses a total that taxes push past the largest single amount', () => {
    expect(() =>
      quoteTotals({ lines: [line(1, 1_000_000_000_000)], taxes: [{ name: 'VAT', rate: 1 }] }),
    ).toThrow(/largest single amount/);
  });

  it('always adds up: nets never negative, total = net + Σ taxes, net = subtotal − discount', () => {
    const discount = fc.option(
      fc.oneof(
        fc.record({
          kind: fc.constant('percent' as const),
          value: fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100),
        }),
        fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 0, max: 1000 }) }),
      ),
      { nil: undefined },
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            quantity: fc.integer({ min: 1, max: 1000 }),
            // Above two of the largest amount discounts: a line's net stays above any quote amount
            // discount drawn (a larger one is refused, pinned above), so every draw is a valid quote.
            unitPrice: fc.integer({ min: 2001, max: 1_000_000 }),
            discount,
          }),
          { minLength: 1, maxLength: 10 },
        ),
        discount,
        fc.array(
          fc.integer({ min: 0, max: 3000 }).map((bp) => ({ name: 't', rate: bp / 100 })),
          { maxLength: 3 },
        ),
        (lines, quoteDiscount, taxes) => {
          const totals = quoteTotals({
            lines: lines.map((each) => line(each.quantity, each.unitPrice, each.discount)),
            discount: quoteDiscount,
            taxes,
          });
          for (const each of totals.lines) expect(each.net).toBeGreaterThanOrEqual(0);
          expect(totals.subtotal).toBe(totals.lines.reduce((sum, each) => sum + each.net, 0));
          expect(totals.net).toBe(totals.subtotal - totals.discount);
          expect(totals.total).toBe(totals.net + totals.taxes.reduce((sum, each) => sum + each.amount, 0));
          expect(Number.isSafeInteger(totals.total)).toBe(true);
        },
      ),
    );
  });
});
