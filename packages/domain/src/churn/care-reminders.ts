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
 * The re-order reminder date from the next-purchase window (issue 13): the owner is reminded
 * `leadDays` before the window's start (the 10 % quantile of the wait: the earliest the customer
 * is likely to re-order), not before its median, so the call comes before the purchase rather
 * than halfway through the likely days. It stays due until `until` (the median; the start when
 * there is none); null once that has passed or without a start.
 */
export function reorderReminderDateFromWindow(
  window: { start: string | null; until: string | null },
  leadDays: number,
  today: string,
): string | null {
  if (!window.start) return null;
  const last = window.until && window.until > window.start ? window.until : window.start;
  if (daysBetween(today, last) < 0) return null;
  const remindOn = addDays(window.start, -leadDays);
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
