/**
 * Durations in milliseconds (the unit of `reported_date` and `Date`), and calendar days in the
 * phone's local time zone, the way CHT shows dates to health workers.
 */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Local midnight of the calendar day `days` after the one `time` falls in (DST-safe). */
export function addDays(time: number, days: number): number {
  const date = new Date(time);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days).getTime();
}

/** Local midnight of the day `time` falls in. */
export const startOfDay = (time: number): number => addDays(time, 0);

/** Whole calendar days from the day of `from` to the day of `to` (DST-safe). */
export const daysBetween = (from: number, to: number): number => Math.round((startOfDay(to) - startOfDay(from)) / DAY);

/** `YYYY-MM-DD` of a local time, the form XForms use for dates. */
export function isoDate(time: number): string {
  const date = new Date(time);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
