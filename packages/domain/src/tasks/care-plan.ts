import { addDays, calendarDay, daysBetween } from '../calendar-days.js';
import {
  isDueWithin,
  nextAnniversary,
  reorderReminderDate,
  reorderReminderDateFromWindow,
} from '../churn/care-reminders.js';
import type { TaskKind } from './task.schema.js';
import type { TaskPolicy } from './task-policy.schema.js';

/** What the planner reads of a customer. */
export type CareCustomer = {
  birthday?: string | undefined;
  customFields: Record<string, unknown>;
  archivedAt?: string | undefined;
  stats: { lastOrderAt?: string | undefined };
  scores?:
    | {
        nextPurchaseAt: string | null;
        pAlive: number;
        /** Issue 13's window (scores from before it have none: the median is used then). */
        nextPurchaseWindow?: { start: string | null; median: string | null; end: string | null } | undefined;
      }
    | undefined;
};

/** A reminder the customer is due for today; `key` is what makes it this one and no other. */
export type CareReminder = {
  kind: TaskKind;
  dueOn: string;
  ref: string | null;
  /** With the customer and kind, what identifies the reminder (see `plannedCareReminders`). */
  key: string;
  details: Record<string, number | string | null>;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The time-driven reminders a customer is due for on `today` (the nightly pass creates them; the
 * ids come from `key`, so a second run creates nothing new):
 * - `reorder` once the lead time before the next-purchase window's start has begun (the window's
 *   10 % quantile: remind before the customer is likely to buy, not at the median), until the
 *   median; scores without a window use the median. Due on the window's start. Its key is the last
 *   order's day, not the expected date: each refit moves the estimate, and one purchase cycle
 *   should remind once.
 * - `birthday` and `anniversary` (each date field the policy names) within the lead days before
 *   the date comes round; keyed by that date, so once a year.
 * Archived customers get none.
 */
export function plannedCareReminders(
  customer: CareCustomer,
  policy: TaskPolicy,
  today: string,
): CareReminder[] {
  if (customer.archivedAt) return [];
  const day = calendarDay(today);
  const reminders: CareReminder[] = [];
  const next = customer.scores?.nextPurchaseAt ?? null;
  const window = customer.scores?.nextPurchaseWindow;
  const lastOrderAt = customer.stats.lastOrderAt;
  if (policy.kinds.reorder && window && lastOrderAt) {
    const remindOn = reorderReminderDateFromWindow(
      { start: window.start, until: window.median ?? next },
      policy.reorderLeadDays,
      day,
    );
    if (window.start && remindOn !== null && remindOn <= day) {
      reminders.push({
        kind: 'reorder',
        dueOn: window.start,
        ref: null,
        key: calendarDay(lastOrderAt),
        details: {
          expectedOn: window.median ?? next,
          windowStart: window.start,
          windowEnd: window.end,
          lastOrderOn: calendarDay(lastOrderAt),
          daysUntil: daysBetween(day, window.start),
          pAlive: customer.scores?.pAlive ?? null,
        },
      });
    }
  } else if (policy.kinds.reorder && next && lastOrderAt) {
    const remindOn = reorderReminderDate(next, policy.reorderLeadDays, day);
    if (remindOn !== null && remindOn <= day) {
      reminders.push({
        kind: 'reorder',
        dueOn: next,
        ref: null,
        key: calendarDay(lastOrderAt),
        details: {
          expectedOn: next,
          lastOrderOn: calendarDay(lastOrderAt),
          daysUntil: daysBetween(day, next),
          pAlive: customer.scores?.pAlive ?? null,
        },
      });
    }
  }
  const yearly = (kind: TaskKind, date: string, ref: string | null) => {
    const reminder = yearlyReminder(kind, date, ref, policy.dateLeadDays, day);
    if (reminder) reminders.push(reminder);
  };
  if (policy.kinds.birthday && customer.birthday) yearly('birthday', customer.birthday, null);
  if (policy.kinds.anniversary) {
    for (const field of policy.anniversaryFields) {
      const value = customer.customFields[field];
      if (typeof value === 'string') yearly('anniversary', value, field);
    }
  }
  return reminders;
}

/** What the planner reads of a contact (联系人) with a birthday. */
export type CareContact = { id: string; name: string; birthday?: string | undefined };

/**
 * The birthday greetings (生日祝福) due for a customer's contacts on `today`, within the policy's
 * lead days; each keyed by the contact and the date, so once a year per person.
 */
export function plannedContactBirthdays(
  contacts: readonly CareContact[],
  policy: TaskPolicy,
  today: string,
): CareReminder[] {
  if (!policy.kinds.birthday) return [];
  const day = calendarDay(today);
  return contacts.flatMap((contact) => {
    const reminder =
      contact.birthday &&
      yearlyReminder('birthday', contact.birthday, `contact:${contact.id}`, policy.dateLeadDays, day);
    return reminder ? [{ ...reminder, details: { ...reminder.details, contactName: contact.name } }] : [];
  });
}

/** The month-days (MM-DD) from `today` to the end of the lead, for reading the birthday index. */
export function birthdayWindow(today: string, leadDays: number): { from: string; to: string } {
  const day = calendarDay(today);
  return { from: day.slice(5), to: addDays(day, leadDays).slice(5) };
}

function yearlyReminder(
  kind: TaskKind,
  date: string,
  ref: string | null,
  leadDays: number,
  day: string,
): CareReminder | undefined {
  if (!DATE.test(date)) return undefined;
  const dueOn = nextAnniversary(date, day);
  if (!isDueWithin(dueOn, day, leadDays)) return undefined;
  const years = Number(dueOn.slice(0, 4)) - Number(date.slice(0, 4));
  return {
    kind,
    dueOn,
    ref,
    key: ref ? `${ref}|${dueOn}` : dueOn,
    details: { date, years: years > 0 ? years : null },
  };
}
