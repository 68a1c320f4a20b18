/**
 * Strict ISO 8601 for the times sync reads from people and files. `Date.parse` takes `0`, rolls
 * `2024-02-30` over to March 1st and reads a zone-less time in the machine's zone: each of those
 * would make sync quietly resume from another time than the one meant.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;
const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}([.,]\d+)?)?$/;

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** Milliseconds since the epoch of a full ISO 8601 date-time with a zone (`Z` or `±HH:MM`), or undefined. */
function parseInstant(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (zone !== 'Z') {
    const zoneMatch = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (!zoneMatch) return undefined;
    const [zh, zm] = [Number(zoneMatch[2]), Number(zoneMatch[3])];
    if (zh > 14 || zm > 59) return undefined;
    offset = (zoneMatch[1] === '+' ? 1 : -1) * (zh * 60 + zm);
  }
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
}

/** True for a full ISO 8601 date-time with a zone, such as RapidPro's `2024-06-01T08:00:00.123456Z`. */
export function isIsoInstant(text: string): boolean {
  return parseInstant(text) !== undefined;
}

/**
 * Reads `--since`: a date (`2024-06-01`, midnight UTC) or a date-time with a zone
 * (`2024-06-01T08:00:00Z`, `2024-06-01T11:00+03:00`). Returns the instant as ISO text, or an error
 * message saying what is wrong.
 */
export function parseIsoSince(text: string): { iso: string } | { error: string } {
  const date = DATE.exec(text);
  if (date) {
    const [year, month, day] = date.slice(1).map(Number);
    if (!validDate(year, month, day)) return { error: `"${text}" is not a date in the calendar` };
    return { iso: new Date(Date.UTC(year, month - 1, day)).toISOString() };
  }
  if (ZONELESS.test(text)) return { error: `"${text}" has no time zone: add Z (UTC) or an offset such as +03:00` };
  const instant = parseInstant(text);
  if (instant === undefined) {
    return { error: DATE_TIME.test(text) ? `"${text}" is not a time in the calendar` : `"${text}" is not an ISO 8601 date or time (e.g. 2024-06-01 or 2024-06-01T08:00:00Z)` };
  }
  return { iso: new Date(instant).toISOString() };
}
