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
