const DAY_MS = 86_400_000;

/** The UTC calendar day (YYYY-MM-DD) of an ISO instant or date. */
export function calendarDay(isoInstantOrDate: string): string {
  return new Date(Date.parse(isoInstantOrDate)).toISOString().slice(0, 10);
}

/** Whole UTC days from `from` to `to` (negative when `to` is earlier); time of day is ignored. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(calendarDay(to)) - Date.parse(calendarDay(from))) / DAY_MS);
}

/** The calendar day `days` after the day of `isoInstantOrDate`. */
export function addDays(isoInstantOrDate: string, days: number): string {
  return new Date(Date.parse(calendarDay(isoInstantOrDate)) + days * DAY_MS).toISOString().slice(0, 10);
}
