/**
 * Values of RapidPro's expression language (goflow `excellent/types`): text, numbers, booleans,
 * objects (optionally with a default value, like `@contact` rendering as the name), arrays,
 * dates, datetimes, errors and functions; `null` is JavaScript `null`. Conversions and rendering
 * follow goflow, e.g. `true` renders as `true`, `1.50` as `1.5`, and an object without default as
 * `{a: 1, b: x}`.
 */
import { Decimal } from './decimal';
import { formatIsoDate, formatIsoDateTime, ZonedDateTime } from './dates';
import { goJsonString, goSortedKeys } from './go-json';

export class XText {
  readonly kind = 'text';
  constructor(readonly value: string) {}
}

export class XNumber {
  readonly kind = 'number';
  constructor(readonly value: Decimal) {}
}

export class XBoolean {
  readonly kind = 'boolean';
  constructor(readonly value: boolean) {}
}

export class XArray {
  readonly kind = 'array';
  constructor(readonly items: readonly XValue[]) {}
}

/** A calendar date (no time, no zone). */
export class XDate {
  readonly kind = 'date';
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {}
}

export class XDateTime {
  readonly kind = 'datetime';
  constructor(readonly value: ZonedDateTime) {}
}

/** An evaluation error: it propagates through operators and functions and renders as nothing. */
export class XError {
  readonly kind = 'error';
  constructor(readonly message: string) {}
}

export type XFunctionImpl = (args: XValue[]) => XValue;

export class XFunction {
  readonly kind = 'function';
  constructor(
    readonly name: string,
    readonly call: XFunctionImpl,
  ) {}
}

/**
 * An object with case-insensitive properties. Its default is what it stands for in text and
 * comparisons (goflow's `__default__`, e.g. `@contact` renders as the name); a default given as a
 * function is computed when used, so a default the simulator cannot produce is refused only if
 * a flow actually uses it. `path` names the object in messages; `unsupported` lists properties
 * goflow has that the simulator does not model, which are refused when looked up.
 */
export class XObject {
  readonly kind = 'object';
  constructor(
    readonly properties: ReadonlyMap<string, XValue>,
    private readonly defaultSource?: XValue | (() => XValue),
    readonly path?: string,
    readonly unsupported: ReadonlySet<string> = new Set(),
  ) {}

  static of(
    properties: Record<string, XValue>,
    options: { default?: XValue | (() => XValue); path?: string; unsupported?: readonly string[] } = {},
  ): XObject {
    return new XObject(new Map(Object.entries(properties)), options.default, options.path, new Set(options.unsupported ?? []));
  }

  /** The default value, or undefined for a plain object. */
  get defaultValue(): XValue | undefined {
    return typeof this.defaultSource === 'function' ? this.defaultSource() : this.defaultSource;
  }

  /** The property named `key`, compared case-insensitively like goflow's `XObject.Get`. */
  get(key: string): { found: boolean; value: XValue } {
    const lower = key.toLowerCase();
    for (const [name, value] of this.properties) {
      if (name.toLowerCase() === lower) return { found: true, value };
    }
    return { found: false, value: null };
  }
}

export type XValue = XText | XNumber | XBoolean | XArray | XObject | XDate | XDateTime | XError | XFunction | null;

export const text = (value: string): XText => new XText(value);
export const bool = (value: boolean): XBoolean => new XBoolean(value);
export const error = (message: string): XError => new XError(message);

/** A number value, or goflow's range error for numbers beyond its limits. */
export function num(value: Decimal): XNumber | XError {
  return value.inRange() ? new XNumber(value) : new XError('number value out of range');
}

export function isError(value: XValue): value is XError {
  return value instanceof XError;
}

/** goflow's `Describe`: how a value is named in error messages. */
export function describe(value: XValue): string {
  if (value === null) return 'null';
  switch (value.kind) {
    case 'text':
      return JSON.stringify(value.value);
    case 'number':
      return value.value.toString();
    case 'boolean':
      return String(value.value);
    case 'object':
      return 'object';
    case 'array':
      return 'array';
    case 'date':
    case 'datetime':
      return render(value);
    case 'error':
      return 'error';
    case 'function':
      return `${value.name}(...)`;
  }
}

/** goflow's `Render`: the canonical text of a value (what a template writes). */
export function render(value: XValue): string {
  if (value === null) return '';
  switch (value.kind) {
    case 'text':
      return value.value;
    case 'number':
      return value.value.toString();
    case 'boolean':
      return String(value.value);
    case 'object': {
      const fallback = value.defaultValue;
      if (fallback !== undefined) return render(fallback);
      return '{' + goSortedKeys([...value.properties.keys()]).map((key) => `${key}: ${render(value.properties.get(key) ?? null)}`).join(', ') + '}';
    }
    case 'array':
      return '[' + value.items.map(render).join(', ') + ']';
    case 'date':
      return formatIsoDate(value);
    case 'datetime':
      return formatIsoDateTime(value.value);
    case 'error':
      return '';
    case 'function':
      return value.name;
  }
}

/** goflow's `Truthy`. */
export function truthy(value: XValue): boolean {
  if (value === null) return false;
  switch (value.kind) {
    case 'text':
      return value.value !== '' && value.value.toLowerCase() !== 'false';
    case 'number':
      return !value.value.isZero();
    case 'boolean':
      return value.value;
    case 'object': {
      const fallback = value.defaultValue;
      return fallback !== undefined ? truthy(fallback) : value.properties.size > 0;
    }
    case 'array':
      return value.items.length > 0;
    case 'date':
    case 'datetime':
      return true;
    case 'error':
      return false;
    case 'function':
      return true;
  }
}

/** goflow's `ToXText`: null becomes empty text, errors stay errors. */
export function toText(value: XValue): XText | XError {
  if (value instanceof XError) return value;
  if (value instanceof XText) return value;
  return new XText(render(value));
}

/** goflow's `ToXNumber`. */
export function toNumber(value: XValue): XNumber | XError {
  if (value instanceof XError) return value;
  if (value instanceof XNumber) return value;
  if (value instanceof XText) {
    const parsed = Decimal.parse(value.value);
    if (parsed && parsed.inRange()) return new XNumber(parsed);
  }
  const fallback = value instanceof XObject ? value.defaultValue : undefined;
  if (fallback !== undefined) return toNumber(fallback);
  return new XError(`unable to convert ${describe(value)} to a number`);
}

/** goflow's `ToInteger`: a number that fits a 32-bit integer (fractions truncated). */
export function toInteger(value: XValue): number | XError {
  const number = toNumber(value);
  if (number instanceof XError) return number;
  const whole = number.value.truncate();
  if (whole < BigInt(-2147483648) || whole > BigInt(2147483647)) return new XError(`number value ${number.value.toString()} is out of range for an integer`);
  return Number(whole);
}

/** goflow's `ToXBoolean`. */
export function toBoolean(value: XValue): XBoolean | XError {
  if (value instanceof XError) return value;
  return new XBoolean(truthy(value));
}

/** goflow's `ToXJSON`: `json()` output (keys sorted, no spaces, no HTML escaping). */
export function toJson(value: XValue): XText | XError {
  if (value instanceof XError) return value;
  return new XText(marshal(value));
}

function marshal(value: XValue): string {
  if (value === null) return 'null';
  switch (value.kind) {
    case 'text':
      return goJsonString(value.value);
    case 'number':
      return value.value.toString();
    case 'boolean':
      return String(value.value);
    case 'object': {
      // properties holding errors are left out, like goflow's XObject.MarshalJSON
      const keys = goSortedKeys([...value.properties.keys()]).filter((key) => !(value.properties.get(key) instanceof XError));
      return '{' + keys.map((key) => `${goJsonString(key)}:${marshal(value.properties.get(key) ?? null)}`).join(',') + '}';
    }
    case 'array':
      return '[' + value.items.map((item) => (item instanceof XError ? 'null' : marshal(item))).join(',') + ']';
    case 'date':
      return goJsonString(formatIsoDate(value));
    case 'datetime':
      return goJsonString(formatIsoDateTime(value.value));
    case 'error':
    case 'function':
      return 'null';
  }
}

/** Converts parsed JSON (e.g. trigger params, a webhook response) into values, like goflow's `JSONToXValue`. */
export function fromJson(json: unknown): XValue {
  if (json === null || json === undefined) return null;
  if (typeof json === 'string') return new XText(json);
  if (typeof json === 'boolean') return new XBoolean(json);
  if (typeof json === 'number') {
    const parsed = Decimal.parse(numberText(json));
    return parsed ? num(parsed) : new XError(`unable to read number ${json}`);
  }
  if (Array.isArray(json)) return new XArray(json.map(fromJson));
  if (typeof json === 'object') {
    return new XObject(new Map(Object.entries(json).map(([key, item]) => [key, fromJson(item)])));
  }
  return new XError(`unsupported JSON value ${String(json)}`);
}

/** A JS number as plain decimal text (never exponent notation), for exact conversion. */
function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}
