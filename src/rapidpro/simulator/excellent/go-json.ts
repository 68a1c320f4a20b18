/** JSON text exactly as Go's encoder writes it with HTML escaping off (goflow's `jsonx.Marshal`). */

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A JSON string literal as Go writes it. `JSON.stringify` already matches Go 1.22+ for quotes,
 * backslashes and control characters; Go also escapes U+2028 and U+2029 and replaces invalid
 * UTF-16 (lone surrogates) with U+FFFD.
 */
export function goJsonString(value: string): string {
  return JSON.stringify(value.replace(LONE_SURROGATE, '\ufffd')).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Keys in Go's map-key order: byte-wise on UTF-8, which differs from JS string order for astral characters. */
export function goSortedKeys(keys: readonly string[]): string[] {
  return [...keys].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}
