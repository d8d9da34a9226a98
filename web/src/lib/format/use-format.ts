import { useAuth } from '../auth/auth-context.js';
import { formatDate, formatMoney, formatMoneyEstimate, formatNumber, formatPercent } from '../i18n/format.js';
import { useLocale } from '../i18n/i18n-context.js';

/**
 * Formatters bound to the user's language and the tenant's currency and time zone.
 *
 * @example
 * const format = useFormat();
 * format.money(customer.stats.revenue) // '¥1,234.56' (CNY tenant, 中文) or 'CN¥1,234.56' (English)
 */
export function useFormat() {
  const { locale } = useLocale();
  const { session } = useAuth();
  const currency = () => session()?.tenant.settings.defaultCurrency ?? 'CNY';
  const timeZone = () => session()?.tenant.settings.timezone;
  return {
    money: (minorUnits: number, inCurrency?: string) =>
      formatMoney(minorUnits, inCurrency ?? currency(), locale()),
    /** A forecast (CLV, expected revenue) in whole units: see formatMoneyEstimate. */
    estimate: (minorUnits: number, inCurrency?: string) =>
      formatMoneyEstimate(minorUnits, inCurrency ?? currency(), locale()),
    number: (value: number, options?: Intl.NumberFormatOptions) => formatNumber(value, locale(), options),
    percent: (share: number, fractionDigits?: number) => formatPercent(share, locale(), fractionDigits),
    date: (value: string | Date, withTime = false) => {
      const zone = timeZone();
      return formatDate(value, locale(), { withTime, ...(zone ? { timeZone: zone } : {}) });
    },
  };
}
