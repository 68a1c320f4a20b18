/**
 * The expression functions the simulator implements, each following its goflow counterpart in
 * `excellent/functions/builtin.go` (argument checks, conversions, error values). Any other goflow
 * function is refused by name rather than approximated.
 */
import { goLower, goTrimSpace, goUpper, runTest, SUPPORTED_TESTS, testResultValue } from './case-tests';
import { addMicros, epochMicros, formatDateLayout, fromWallClock, parseDate, parseDateTime, wallClock, ZonedDateTime } from './dates';
import { UnsupportedExpressionError } from './errors';
import { parseUrn } from './urns';
import {
  bool,
  error,
  isError,
  num,
  text,
  toBoolean,
  toInteger,
  toJson,
  toNumber,
  toText,
  XArray,
  XDate,
  XDateTime,
  XError,
  XFunction,
  XObject,
  XText,
  XValue,
} from './values';
import { Decimal } from './decimal';

/** What functions need from the run: the clock, the zone and the date format of the workspace. */
export interface EvaluationEnvironment {
  /** The current instant (`now()`), fixed for a reproducible simulation. */
  readonly now: number;
  /** IANA time zone of the workspace. */
  readonly timezone: string;
  /** The workspace date format: `YYYY-MM-DD`, `DD-MM-YYYY` or `MM-DD-YYYY`. */
  readonly dateFormat: string;
}

type Impl = (args: XValue[], env: EvaluationEnvironment) => XValue;

function arity(min: number, max: number, impl: Impl): Impl {
  return (args, env) => {
    if (min === max && args.length !== min) return error(`need ${min} argument(s), got ${args.length}`);
    if (max < 0 && args.length < min) return error(`need at least ${min} argument(s), got ${args.length}`);
    if (max >= 0 && min !== max && (args.length < min || args.length > max)) return error(`need ${min} to ${max} argument(s), got ${args.length}`);
    return impl(args, env);
  };
}

function oneText(fn: (value: string) => XValue): Impl {
  return arity(1, 1, ([value]) => {
    const asText = toText(value);
    return isError(asText) ? asText : fn(asText.value);
  });
}

/** goflow's `ToXDate`. */
export function toDate(value: XValue, env: EvaluationEnvironment): XDate | XError {
  if (value instanceof XError || value instanceof XDate) return value;
  if (value instanceof XDateTime) {
    const clock = wallClock(value.value);
    return new XDate(clock.year, clock.month, clock.day);
  }
  if (value instanceof XText) {
    const parsed = parseDate(value.value, env.dateFormat);
    if (parsed) return new XDate(parsed.year, parsed.month, parsed.day);
  }
  const fallback = value instanceof XObject ? value.defaultValue : undefined;
  if (fallback !== undefined) return toDate(fallback, env);
  return error(`unable to convert ${value instanceof XText ? JSON.stringify(value.value) : value === null ? 'null' : value.kind} to a date`);
}

/** goflow's `ToXDateTime`: a date becomes midnight in the workspace zone. */
export function toDateTime(value: XValue, env: EvaluationEnvironment): XDateTime | XError {
  if (value instanceof XError || value instanceof XDateTime) return value;
  if (value instanceof XDate) return new XDateTime(fromWallClock({ year: value.year, month: value.month, day: value.day, hour: 0, minute: 0, second: 0, millisecond: 0 }, env.timezone));
  if (value instanceof XText) {
    const parsed = parseDateTime(value.value, env.timezone, env.dateFormat);
    if (parsed) return new XDateTime(parsed);
  }
  const fallback = value instanceof XObject ? value.defaultValue : undefined;
  if (fallback !== undefined) return toDateTime(fallback, env);
  return error(`unable to convert ${value instanceof XText ? JSON.stringify(value.value) : value === null ? 'null' : value.kind} to a datetime`);
}

/**
 * goflow's `datetime_diff`: s, m and h truncate the exact duration (to the microsecond); D, W and
 * M count calendar days and months (gocommon `dates.DaysBetween` / `MonthsBetween`) and Y
 * calendar years (`date2.Year() - date1.Year()`), each date read in its own zone.
 */
function diffDateTimes(from: ZonedDateTime, to: ZonedDateTime, unit: string): number | undefined {
  const seconds: Record<string, number> = { s: 1, m: 60, h: 3600 };
  if (seconds[unit] !== undefined) return Math.trunc((epochMicros(to) - epochMicros(from)) / 1_000_000 / seconds[unit]);
  const a = wallClock(from);
  const b = wallClock(to);
  const days = Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
  switch (unit) {
    case 'D': return days;
    case 'W': return Math.trunc(days / 7);
    case 'M': return (b.year - a.year) * 12 + (b.month - a.month);
    case 'Y': return b.year - a.year;
    default: return undefined;
  }
}

function addToDateTime(value: ZonedDateTime, amount: number, unit: string): ZonedDateTime | undefined {
  const seconds: Record<string, number> = { s: 1, m: 60, h: 3600 };
  if (seconds[unit] !== undefined) return addMicros(value, amount * seconds[unit] * 1_000_000);
  const clock = wallClock(value);
  switch (unit) {
    case 'D':
      return fromWallClock({ ...clock, day: clock.day + amount }, value.zone);
    case 'W':
      return fromWallClock({ ...clock, day: clock.day + amount * 7 }, value.zone);
    case 'M':
      return fromWallClock({ ...clock, month: clock.month + amount }, value.zone);
    case 'Y':
      return fromWallClock({ ...clock, year: clock.year + amount }, value.zone);
    default:
      return undefined;
  }
}

const FUNCTIONS: Readonly<Record<string, Impl>> = {
  text: arity(1, 1, ([value]) => toText(value)),
  number: arity(1, 1, ([value]) => toNumber(value)),
  boolean: arity(1, 1, ([value]) => toBoolean(value)),
  array: (args) => new XArray(args),
  object: (args) => {
    const failed = args.find(isError);
    if (failed) return failed;
    if (args.length % 2 !== 0) return error('requires an even number of arguments');
    const properties = new Map<string, XValue>();
    for (let i = 0; i < args.length; i += 2) {
      const key = toText(args[i]);
      if (isError(key)) return key;
      properties.set(key.value, args[i + 1]);
    }
    return new XObject(properties);
  },
  json: arity(1, 1, ([value]) => toJson(value)),
  if: arity(3, 3, ([test, whenTrue, whenFalse]) => {
    const condition = toBoolean(test);
    if (isError(condition)) return condition;
    return condition.value ? whenTrue : whenFalse;
  }),
  and: arity(1, -1, (args) => {
    for (const arg of args) {
      const value = toBoolean(arg);
      if (isError(value)) return value;
      if (!value.value) return bool(false);
    }
    return bool(true);
  }),
  or: arity(1, -1, (args) => {
    for (const arg of args) {
      const value = toBoolean(arg);
      if (isError(value)) return value;
      if (value.value) return bool(true);
    }
    return bool(false);
  }),
  default: arity(2, 2, ([value, fallback]) => {
    const asText = toText(value);
    return isError(asText) || asText.value === '' ? fallback : value;
  }),
  is_error: arity(1, 1, ([value]) => bool(isError(value))),
  upper: oneText((value) => text(goUpper(value))),
  lower: oneText((value) => text(goLower(value))),
  trim: arity(1, 2, ([value, chars]) => {
    const subject = toText(value);
    if (isError(subject)) return subject;
    const set = chars === undefined ? text('') : toText(chars);
    if (isError(set)) return set;
    if (set.value === '') return text(goTrimSpace(subject.value));
    const remove = new Set([...set.value]);
    const runes = [...subject.value];
    let start = 0;
    let end = runes.length;
    while (start < end && remove.has(runes[start])) start++;
    while (end > start && remove.has(runes[end - 1])) end--;
    return text(runes.slice(start, end).join(''));
  }),
  count: arity(1, 1, ([value]) => {
    if (value === null) return num(Decimal.fromInt(0));
    if (value instanceof XArray) return num(Decimal.fromInt(value.items.length));
    if (value instanceof XObject) return num(Decimal.fromInt(value.properties.size));
    return error("value isn't countable");
  }),
  round: arity(1, 2, ([value, places]) => {
    const number = toNumber(value);
    if (isError(number)) return number;
    const digits = places === undefined ? 0 : toInteger(places);
    if (digits instanceof XError) return digits;
    return num(number.value.round(Math.max(-1000, Math.min(1000, digits))));
  }),
  urn_parts: oneText((value) => {
    const urn = parseUrn(value);
    if ('error' in urn) return error(`${value} is not a valid URN: ${urn.error}`);
    return XObject.of({ scheme: text(urn.scheme), path: text(urn.path), display: text(urn.fragment) });
  }),
  format_urn: oneText((value) => {
    const urn = parseUrn(value);
    if ('error' in urn) return error(`${value} is not a valid URN: ${urn.error}`);
    if (urn.fragment !== '') return text(urn.fragment);
    if (urn.scheme === 'tel') {
      throw new UnsupportedExpressionError(`format_urn of a tel URN needs libphonenumber's national phone number format, which the simulator does not have (${value})`);
    }
    return text(urn.path);
  }),
  now: arity(0, 0, (_args, env) => new XDateTime({ epochMs: env.now, zone: env.timezone })),
  today: arity(0, 0, (_args, env) => {
    const clock = wallClock({ epochMs: env.now, zone: env.timezone });
    return new XDate(clock.year, clock.month, clock.day);
  }),
  date: arity(1, 1, ([value], env) => toDate(value, env)),
  datetime: arity(1, 1, ([value], env) => toDateTime(value, env)),
  datetime_add: (args, env) => {
    if (args.length !== 3) return error(`takes exactly three arguments, received ${args.length}`);
    const start = toDateTime(args[0], env);
    if (isError(start)) return start;
    const amount = toInteger(args[1]);
    if (amount instanceof XError) return amount;
    const unit = toText(args[2]);
    if (isError(unit)) return unit;
    const result = addToDateTime(start.value, amount, unit.value);
    return result ? new XDateTime(result) : error(`unknown unit: ${unit.value}, must be one of s, m, h, D, W, M, Y`);
  },
  // goflow: date2 - date1; D and W count calendar days in date1's zone, M and Y calendar months.
  datetime_diff: (args, env) => {
    if (args.length !== 3) return error(`takes exactly three arguments, received ${args.length}`);
    const from = toDateTime(args[0], env);
    if (isError(from)) return from;
    const to = toDateTime(args[1], env);
    if (isError(to)) return to;
    const unit = toText(args[2]);
    if (isError(unit)) return unit;
    const difference = diffDateTimes(from.value, to.value, unit.value);
    return difference === undefined ? error(`unknown unit: ${unit.value}, must be one of s, m, h, D, W, M, Y`) : num(Decimal.fromInt(difference));
  },
  format_date: arity(1, 2, ([value, layout], env) => {
    const date = toDate(value, env);
    if (isError(date)) return date;
    const format = layout === undefined ? text(env.dateFormat) : toText(layout);
    if (isError(format)) return format;
    const formatted = formatDateLayout(date, format.value);
    return typeof formatted === 'string' ? text(formatted) : error(formatted.error);
  }),
};

/** Every function goflow registers (builtin.go and the case tests), to tell "unsupported" from "does not exist". */
const GOFLOW_FUNCTIONS = new Set(
  (
    'text boolean number date datetime time array object char code split trim trim_left trim_right title word remove_first_word ' +
    'word_count word_slice field clean text_slice lower regex_match text_length text_compare repeat replace upper percent url_encode ' +
    'html_decode and if or round round_up round_down max min mean mod rand rand_between abs parse_datetime datetime_from_epoch ' +
    'datetime_diff datetime_add replace_time tz tz_offset now epoch date_from_parts weekday week_number today parse_time ' +
    'time_from_parts slice contains join reverse sort sum unique concat filter urn_parts attachment_parts json parse_json format ' +
    'format_date format_datetime format_time format_location format_number format_urn prompt is_error count default legacy_add ' +
    'read_chars extract extract_object foreach foreach_value keys has_error has_only_text has_phrase has_only_phrase has_any_word ' +
    'has_all_words has_beginning has_text has_pattern has_number has_number_between has_number_lt has_number_lte has_number_eq ' +
    'has_number_gte has_number_gt has_date has_date_lt has_date_eq has_date_gt has_time has_phone has_email has_group has_category ' +
    'has_intent has_top_intent has_state has_district has_ward has_value'
  ).split(' '),
);

/**
 * The function `name` (case-insensitive), or undefined when goflow has none by that name. A
 * goflow function the simulator does not implement is refused.
 */
export function lookupFunction(name: string, env: EvaluationEnvironment): XFunction | undefined {
  const key = name.toLowerCase();
  const impl = FUNCTIONS[key];
  if (impl) return new XFunction(key, (args) => impl(args, env));
  if (SUPPORTED_TESTS.has(key)) {
    return new XFunction(key, (args) => {
      if (args.length === 0) return error('need at least 1 argument(s), got 0');
      const result = runTest(key, args[0], args.slice(1));
      return result === undefined || result instanceof XError ? result ?? null : testResultValue(result);
    });
  }
  if (GOFLOW_FUNCTIONS.has(key)) throw new UnsupportedExpressionError(`the function ${key}() is not supported by the simulator`);
  return undefined;
}

/** The refusal for calling a name that is neither in the context nor a goflow function. */
export function unknownFunction(name: string): UnsupportedExpressionError {
  const hint = name.toLowerCase() === 'not' ? ' (goflow has no not(): write if(x, false, true))' : '';
  return new UnsupportedExpressionError(`${name}() is not a function in RapidPro's expression language${hint}`);
}
