/**
 * Dates and datetimes for the simulator, following goflow/gocommon `dates`: datetimes carry a
 * time zone (IANA name, offsets from Node's Intl data) and microseconds (parsed, kept through
 * arithmetic and rendered as ISO 8601: `2026-05-01T09:00:00.123456+03:00`), and date layouts use goflow's tokens (`YYYY-MM-DD`,
 * `D MMMM YYYY`, ...). Only English month and day names are supported.
 */

/** An instant (to the microsecond, as goflow renders it) and the zone it is seen in. */
export interface ZonedDateTime {
  /** Whole milliseconds since the Unix epoch. */
  readonly epochMs: number;
  /** Microseconds past `epochMs` (0 to 999); absent means 0. */
  readonly micros?: number;
  readonly zone: string;
}

/** Microseconds since the Unix epoch. */
export function epochMicros(value: ZonedDateTime): number {
  return value.epochMs * 1000 + (value.micros ?? 0);
}

/** The wall-clock fields of a datetime in its zone. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Microseconds past the millisecond (0 to 999); absent means 0. */
  microsecond?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new Error(`unknown time zone "${zone}" (use an IANA name like Africa/Nairobi or UTC)`);
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Throws unless `zone` is a time zone Node knows. */
export function checkZone(zone: string): void {
  formatterFor(zone);
}

/** The zone's offset from UTC at `epochMs`, in minutes. */
export function offsetMinutes(epochMs: number, zone: string): number {
  if (zone === 'UTC') return 0;
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

export function wallClock(value: ZonedDateTime): WallClock {
  const shifted = new Date(value.epochMs + offsetMinutes(value.epochMs, value.zone) * 60000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    microsecond: value.micros ?? 0,
  };
}

/**
 * The instant of a wall-clock time in `zone` (Go's `time.Date`): fields may overflow and are
 * normalised (January 32nd is February 1st).
 */
export function fromWallClock(clock: WallClock, zone: string): ZonedDateTime {
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second, clock.millisecond);
  // the offset at the wall time itself; a second pass settles times next to a DST change
  let epochMs = asUtc - offsetMinutes(asUtc, zone) * 60000;
  epochMs = asUtc - offsetMinutes(epochMs, zone) * 60000;
  return withMicros({ epochMs, zone }, clock.microsecond);
}

/** `value` with `micros` microseconds past its millisecond (left out when 0). */
function withMicros(value: ZonedDateTime, micros: number | undefined): ZonedDateTime {
  return micros ? { ...value, micros } : value;
}

/** The datetime `micros` microseconds later (earlier when negative), in the same zone. */
export function addMicros(value: ZonedDateTime, micros: number): ZonedDateTime {
  const total = epochMicros(value) + micros;
  const epochMs = Math.floor(total / 1000);
  return withMicros({ epochMs, zone: value.zone }, total - epochMs * 1000);
}

function pad(value: number, length: number): string {
  return String(Math.abs(value)).padStart(length, '0');
}

/** `2026-05-01T09:00:00.000000+03:00`, or `Z` for UTC (Go layout `2006-01-02T15:04:05.000000Z07:00`). */
export function formatIsoDateTime(value: ZonedDateTime): string {
  const clock = wallClock(value);
  const offset = offsetMinutes(value.epochMs, value.zone);
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(offset) / 60), 2)}:${pad(Math.abs(offset) % 60, 2)}`;
  return (
    `${pad(clock.year, 4)}-${pad(clock.month, 2)}-${pad(clock.day, 2)}` +
    `T${pad(clock.hour, 2)}:${pad(clock.minute, 2)}:${pad(clock.second, 2)}.${pad(clock.millisecond * 1000 + (clock.microsecond ?? 0), 6)}${zone}`
  );
}

export function formatIsoDate(date: { year: number; month: number; day: number }): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A calendar date, or undefined unless all fields form a real date. */
export function validDate(year: number, month: number, day: number): { year: number; month: number; day: number } | undefined {
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? { year, month, day } : undefined;
}

/**
 * Reads a date from ISO 8601 (`2026-05-01`) or the environment's date format (`DD-MM-YYYY`,
 * `MM-DD-YYYY` or `YYYY-MM-DD`, with `-`, `/` or `.` separators).
 */
export function parseDate(text: string, dateFormat: string): { year: number; month: number; day: number } | undefined {
  const trimmed = text.trim();
  const iso = ISO_DATE.exec(trimmed) ?? ISO_DATETIME.exec(trimmed);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const parts = /^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})$/.exec(trimmed);
  if (!parts) return undefined;
  const [a, b, c] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (dateFormat.startsWith('YYYY')) return validDate(a, b, c);
  if (dateFormat.startsWith('MM')) return validDate(c, a, b);
  return validDate(c, b, a);
}

/** Reads a datetime from ISO 8601; a date without time is midnight in `zone`, a time without offset is in `zone`. */
export function parseDateTime(text: string, zone: string, dateFormat: string): ZonedDateTime | undefined {
  const trimmed = text.trim();
  const match = ISO_DATETIME.exec(trimmed);
  if (!match) {
    const date = parseDate(trimmed, dateFormat);
    return date ? fromWallClock({ ...date, hour: 0, minute: 0, second: 0, millisecond: 0 }, zone) : undefined;
  }
  if (!validDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  const clock: WallClock = {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4]),
    minute: Number(match[5]),
    second: Number(match[6] ?? 0),
    // Go keeps nanoseconds and renders microseconds: the digits past the sixth are dropped
    millisecond: Number((match[7] ?? '0').padEnd(6, '0').slice(0, 3)),
    microsecond: Number((match[7] ?? '0').padEnd(6, '0').slice(3, 6)),
  };
  if (clock.hour > 23 || clock.minute > 59 || clock.second > 59) return undefined;
  const offset = match[8];
  if (offset === undefined) return fromWallClock(clock, zone);
  const offsetMin = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2)));
  const epochMs = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second, clock.millisecond) - offsetMin * 60000;
  // goflow keeps the parsed offset; the simulator shows it in the environment's zone when they agree, else in UTC
  return withMicros({ epochMs, zone: offsetMinutes(epochMs, zone) === offsetMin ? zone : offsetMin === 0 ? 'UTC' : fixedZone(offsetMin) }, clock.microsecond);
}

/** An IANA fixed-offset zone name for whole-hour offsets (`Etc/GMT-3` is UTC+3); others are refused. */
function fixedZone(offsetMin: number): string {
  if (offsetMin % 60 !== 0) throw new Error(`the simulator cannot represent the UTC offset of ${offsetMin} minutes`);
  const hours = offsetMin / 60;
  return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const IGNORED = new Set([' ', ':', '/', '.', ',', 'T', '-', '_']);

/** Formats a date with a goflow date layout, or says which sequence of the layout goflow refuses. */
export function formatDateLayout(date: { year: number; month: number; day: number }, layout: string): string | { error: string } {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  const sequences: Record<string, string> = {
    YY: pad(date.year % 100, 2),
    YYYY: pad(date.year, 4),
    M: String(date.month),
    MM: pad(date.month, 2),
    MMM: MONTHS[date.month - 1].slice(0, 3),
    MMMM: MONTHS[date.month - 1],
    D: String(date.day),
    DD: pad(date.day, 2),
    EEE: DAYS[weekday].slice(0, 3),
    EEEE: DAYS[weekday],
  };
  const runes = [...layout];
  let output = '';
  for (let i = 0; i < runes.length; ) {
    let length = 1;
    while (i + length < runes.length && runes[i + length] === runes[i]) length++;
    const sequence = runes.slice(i, i + length).join('');
    if (IGNORED.has(runes[i])) output += sequence;
    else if (sequences[sequence] !== undefined) output += sequences[sequence];
    else return { error: `'${sequence}' is not valid in a date formatting layout` };
    i += length;
  }
  return output;
}
