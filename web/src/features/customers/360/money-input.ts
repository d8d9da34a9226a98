import { currencyDigits } from '../../../lib/i18n/format.js';

/**
 * An amount typed in major units ("128.50", "1,280", "128,5" with a decimal comma) as integer
 * minor units, without floating point; undefined when it is not an amount in that currency.
 *
 * @example
 * toMinorUnits('128.50', 'CNY') // 12850
 * toMinorUnits('1500', 'JPY')   // 1500
 */
export function toMinorUnits(text: string, currency: string): number | undefined {
  const digits = currencyDigits(currency);
  let cleaned = text.trim().replace(/[\s\u00a0']/g, '');
  // A lone comma followed by 1–2 digits at the end is a decimal comma; other commas group thousands.
  if (!cleaned.includes('.') && /^\d+,\d{1,2}$/.test(cleaned)) cleaned = cleaned.replace(',', '.');
  cleaned = cleaned.replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return undefined;
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return undefined;
  const minor = Number(whole + fraction.padEnd(digits, '0'));
  return Number.isSafeInteger(minor) ? minor : undefined;
}
