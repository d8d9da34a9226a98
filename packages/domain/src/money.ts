/**
 * Turns a decimal amount as written in a file ("12.34", "-0.5", "1,234.00") into integer minor
 * units without ever going through floating point. Returns undefined for anything that is not a
 * plain decimal or has more fraction digits than the currency allows.
 *
 * @example
 * parseDecimalToMinor('11.77', 2) // 1177
 */
export function parseDecimalToMinor(text: string, exponent = 2): number | undefined {
  const cleaned = text.trim().replace(/,(?=\d{3}(\D|$))/g, '');
  const match = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(cleaned) ?? /^([+-]?)()\.(\d+)$/.exec(cleaned);
  if (!match) return undefined;
  const [, sign, whole = '', fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > exponent) return undefined;
  const digits = `${whole || '0'}${fraction.padEnd(exponent, '0').slice(0, exponent)}`;
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return undefined;
  return sign === '-' ? -value : value;
}

// ISO-4217 currencies without minor units that a small business may meet.
const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX']);

/**
 * How many fraction digits the currency's amounts have (its minor unit), for reading a decimal
 * amount with `parseDecimalToMinor`.
 *
 * @example
 * currencyExponent('CNY') // 2
 * currencyExponent('JPY') // 0
 */
export function currencyExponent(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : 2;
}

/**
 * The largest single amount (order, payment, invoice, quote) the product takes, in minor units:
 * 10^12 分 is ten billion yuan, far beyond any one order of a small business, and small enough that
 * thousands of such orders still sum exactly in a double.
 */
export const MAX_MONEY_AMOUNT = 1_000_000_000_000;

/**
 * The largest total a customer's figures may reach, in minor units: every sum is kept exact as a
 * JavaScript number (2^53 − 1), so reading it back never fails. A write that would pass it is
 * refused (422); the totals stay as they were, so later orders still work.
 */
export const MAX_MONEY_TOTAL = Number.MAX_SAFE_INTEGER;

/** The headroom a total must still have for `amount` to be added without passing the bound. */
export function totalHeadroom(amount: number): number {
  return MAX_MONEY_TOTAL - amount;
}

/**
 * `total + amount`, or undefined when the sum would pass `MAX_MONEY_TOTAL` (or either operand is
 * not a safe integer): sums of money never silently lose precision.
 *
 * @example
 * addMinorUnits(1200, 34) // 1234
 */
export function addMinorUnits(total: number, amount: number): number | undefined {
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(amount)) return undefined;
  if (amount > totalHeadroom(total)) return undefined;
  return total + amount;
}
