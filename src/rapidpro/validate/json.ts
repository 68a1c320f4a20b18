/** Guards for reading untrusted JSON without `any`. */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** `value` described for a message: strings quoted, the rest as JSON, long values shortened. */
export function describe(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

/** Length in Unicode code points, as Go's `utf8.RuneCountInString` (and the validator's `max`) count. */
export function runeLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
