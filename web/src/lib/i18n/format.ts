import type { Locale } from './locale.js';

/**
 * Money arrives from the API in integer minor units; the currency says where the decimal point is
 * (CNY 2, JPY 0, KWD 3), so Intl tells us rather than assuming cents.
 *
 * @example formatMoney(123456, 'CNY', 'zh-CN') // '¥1,234.56'
 */
export function formatMoney(minorUnits: number, currency: string, locale: Locale): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}

export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** A share 0–1 as a percentage. */
export function formatPercent(share: number, locale: Locale, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: fractionDigits,
  }).format(share);
}

/** An ISO instant or date in the tenant's time zone. */
export function formatDate(
  value: string | Date,
  locale: Locale,
  options: { timeZone?: string; withTime?: boolean } = {},
): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    ...(options.withTime ? { timeStyle: 'short' } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}
