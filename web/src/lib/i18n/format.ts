import type { Locale } from './locale.js';

/**
 * Building an Intl formatter costs far more than using one (locale data lookup and option
 * resolution): a list formats a few numbers and a date in every row, so each distinct formatter is
 * built once and kept. The keys are the locale plus the options, a small and bounded set.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * How many digits a currency's minor unit has (CNY and USD 2, JPY 0, KWD 3), from Intl; 2 for a
 * code Intl does not know (a custom field's currency is typed by hand).
 */
export function currencyDigits(currency: string): number {
  try {
    return numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Money arrives from the API in integer minor units; the currency says where the decimal point is
 * (CNY 2, JPY 0, KWD 3), so Intl tells us rather than assuming cents.
 *
 * @example formatMoney(123456, 'CNY', 'zh-CN') // '¥1,234.56'
 */
export function formatMoney(minorUnits: number, currency: string, locale: Locale): string {
  const { format, units } = inUnits(minorUnits, currency, locale);
  return format.format(units);
}

/**
 * A forecast amount (CLV, expected revenue): from 100 units of its currency on, in whole units (a
 * model's estimate has no cents, and showing them claims a precision it lacks and widens narrow
 * columns and cards); below that with the currency's decimals, where they still tell customers apart.
 */
export function formatMoneyEstimate(minorUnits: number, currency: string, locale: Locale): string {
  const { format, units } = inUnits(minorUnits, currency, locale);
  if (Math.abs(units) < 100) return format.format(units);
  return numberFormat(locale, {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  }).format(Math.round(units));
}

/** Integer minor units as units of the currency (its own decimals: 2 for CNY, 0 for JPY), and its formatter. */
function inUnits(minorUnits: number, currency: string, locale: Locale) {
  return {
    format: numberFormat(locale, { style: 'currency', currency }),
    units: minorUnits / 10 ** currencyDigits(currency),
  };
}

export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  return numberFormat(locale, options).format(value);
}

/** A share 0–1 as a percentage. */
export function formatPercent(share: number, locale: Locale, fractionDigits = 0): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: fractionDigits }).format(share);
}

/** An ISO instant or date in the tenant's time zone. */
export function formatDate(
  value: string | Date,
  locale: Locale,
  options: { timeZone?: string; withTime?: boolean } = {},
): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return dateFormat(locale, {
    dateStyle: 'medium',
    ...(options.withTime ? { timeStyle: 'short' } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}
