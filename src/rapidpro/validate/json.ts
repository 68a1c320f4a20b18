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
  const text = value === undefined ? 'nothing' : shortJson(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

/**
 * JSON text of `value`, or a word for it when it is too deeply nested to serialise: untrusted input
 * can nest past the stack (JSON.parse reads any depth, JSON.stringify cannot write it back).
 */
function shortJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Array.isArray(value) ? '[…] (a deeply nested list)' : '{…} (a deeply nested object)';
  }
}

/** Length in Unicode code points, as Go's `utf8.RuneCountInString` (and the validator's `max`) count. */
export function runeLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
