const DAY_MS = 86_400_000;

/** Monday 00:00 (local) of the week holding `day`. */
export function weekStart(day: Date): Date {
  const start = new Date(day.getFullYear(), day.getMonth(), day.getDate());
  const sinceMonday = (start.getDay() + 6) % 7;
  start.setDate(start.getDate() - sinceMonday);
  return start;
}

/** The seven local days of the week starting at `monday`. */
export function weekDays(monday: Date): Date[] {
  return Array.from(
    { length: 7 },
    (_, index) => new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + index),
  );
}

/** Whether the instant falls on the local day `day`. */
export function onDay(instant: string, day: Date): boolean {
  const at = Date.parse(instant);
  return at >= day.getTime() && at < day.getTime() + DAY_MS;
}

/**
 * A visit dropped on another day: the same local time of day and the same length, on `day`.
 *
 * @example
 * onAnotherDay({ start: '…Mon 09:00…', end: '…Mon 11:00…' }, thursday) // Thu 09:00 – 11:00
 */
export function onAnotherDay(
  visit: { start: string; end: string },
  day: Date,
): { start: string; end: string } {
  const start = new Date(visit.start);
  const moved = new Date(
    day.getFullYear(),
    day.getMonth(),
    day.getDate(),
    start.getHours(),
    start.getMinutes(),
    start.getSeconds(),
  );
  const length = Date.parse(visit.end) - start.getTime();
  return { start: moved.toISOString(), end: new Date(moved.getTime() + length).toISOString() };
}
