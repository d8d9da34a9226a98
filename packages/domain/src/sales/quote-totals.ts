import { DomainError } from '../domain-error.js';
import { MAX_MONEY_AMOUNT } from '../money.js';
import type { QuoteDiscount, QuoteLine, QuoteTax, QuoteTotals } from './quote.schema.js';

/** A percentage with at most two decimals as whole basis points: 12.5 → 1250. */
export function basisPoints(percent: number): bigint {
  return BigInt(Math.round(percent * 100));
}

/**
 * `amount × basisPoints / 10 000`, rounded half-up (a half goes up: every amount here is ≥ 0, so
 * this is also half away from zero). In BigInt, so a 10^12 amount times 10 000 stays exact.
 *
 * @example
 * shareOf(999, 1250n) // 124.875 → 125
 */
export function shareOf(amount: number, points: bigint): number {
  const scaled = BigInt(amount) * points;
  const whole = scaled / 10_000n;
  const remainder = scaled % 10_000n;
  return Number(remainder * 2n >= 10_000n ? whole + 1n : whole);
}

function discountOf(amount: number, discount: QuoteDiscount | null | undefined, path: string): number {
  if (!discount) return 0;
  if (discount.kind === 'percent') return shareOf(amount, basisPoints(discount.value));
  if (discount.value > amount) {
    throw new DomainError('validation_failed', 'A discount is larger than what it applies to', {
      fields: [{ path, message: `must be at most ${amount} (the amount it applies to)` }],
    });
  }
  return discount.value;
}

/**
 * A quote's totals in integer minor units, each step rounded half-up on its own:
 * 1. each line: gross = quantity × unit price (exact); its discount (a percentage rounded, or an
 *    amount no larger than the gross); net = gross − discount;
 * 2. subtotal = Σ line nets; the quote discount off it likewise; net = subtotal − quote discount;
 * 3. each tax = net × rate, rounded on its own; tax = Σ taxes; total = net + tax.
 * Refuses (`validation_failed`, naming the field) a fixed discount larger than its base, and any
 * line or total beyond the largest single amount (`MAX_MONEY_AMOUNT`).
 *
 * @example
 * quoteTotals({ lines: [{ description: 'x', quantity: 3, unitPrice: 333, discount: { kind: 'percent', value: 12.5 } }], taxes: [] })
 * // lines: [{ gross: 999, discount: 125, net: 874 }], total: 874
 */
export function quoteTotals(input: {
  lines: readonly QuoteLine[];
  discount?: QuoteDiscount | null | undefined;
  taxes?: readonly QuoteTax[] | undefined;
}): QuoteTotals {
  const tooLarge = (path: string) =>
    new DomainError('validation_failed', 'An amount is larger than the largest single amount', {
      fields: [{ path, message: `comes to more than ${MAX_MONEY_AMOUNT} minor units` }],
    });
  const lines = input.lines.map((line, index) => {
    const gross = line.quantity * line.unitPrice;
    if (!Number.isSafeInteger(gross) || gross > MAX_MONEY_AMOUNT) throw tooLarge(`lines.${index}.quantity`);
    const discount = discountOf(gross, line.discount, `lines.${index}.discount.value`);
    return { gross, discount, net: gross - discount };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.net, 0);
  if (subtotal > MAX_MONEY_AMOUNT) throw tooLarge('lines');
  const discount = discountOf(subtotal, input.discount, 'discount.value');
  const net = subtotal - discount;
  const taxes = (input.taxes ?? []).map((tax) => ({
    name: tax.name,
    rate: tax.rate,
    amount: shareOf(net, basisPoints(tax.rate)),
  }));
  const tax = taxes.reduce((sum, each) => sum + each.amount, 0);
  const total = net + tax;
  if (total > MAX_MONEY_AMOUNT) throw tooLarge('taxes');
  return { lines, subtotal, discount, net, taxes, tax, total };
}
