import type { Translate } from '../../lib/i18n/i18n-context.js';
import type { serviceMessages } from './messages.js';

/** "Every month" for one, "Every 3 months" for more (每月 / 每 3 个月). */
export function planCadence(
  t: Translate<typeof serviceMessages>,
  every: { count: number; unit: 'weeks' | 'months' },
): string {
  return every.count === 1
    ? t(`plans.everyOne.${every.unit}`)
    : t('plans.every', { count: String(every.count), unit: t(`plans.unit.${every.unit}`) });
}
