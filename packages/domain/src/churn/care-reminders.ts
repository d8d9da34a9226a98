import { addDays, calendarDay, daysBetween } from '../calendar-days.js';

/**
 * The rice seller's clock (王永庆卖米, DOMAIN.md §9): remind the owner a few days before the
 * customer is expected to re-order. Null when there is no expected date or it is already past.
 */
export function reorderReminderDate(
  nextPurchaseAt: string | null,
  leadDays: number,
  today: string,
): string | null {
  if (!nextPurchaseAt) return null;
  if (daysBetween(today, nextPurchaseAt) < 0) return null;
  const remindOn = addDays(nextPurchaseAt, -leadDays);
  // Once the lead time has begun the reminder is due today, not on a day gone by.
  return daysBetween(today, remindOn) < 0 ? calendarDay(today) : remindOn;
}

/**
 * The next time a yearly date (birthday, anniversary; YYYY-MM-DD, year ignored) comes round on or
 * after `today`. 29 February falls on 28 February in common years.
 */
export function nextAnniversary(date: string, today: string): string {
  const [, month = '01', day = '01'] = date.split('-');
  const todayDay = calendarDay(today);
  const year = Number(todayDay.slice(0, 4));
  const onYear = (y: number) => {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const d = month === '02' && day === '29' && !leap ? '28' : day;
    return `${y}-${month}-${d}`;
  };
  const thisYear = onYear(year);
  return thisYear >= todayDay ? thisYear : onYear(year + 1);
}

/** Whether a reminder for `date` is due within the next `withinDays` days (inclusive). */
export function isDueWithin(date: string, today: string, withinDays: number): boolean {
  const days = daysBetween(today, date);
  return days >= 0 && days <= withinDays;
}
