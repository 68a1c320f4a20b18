/**
 * Router case tests (goflow `flows/routers/cases/tests.go`) for the tests the builders offer.
 * Text tests tokenise like goflow (`[\pM\pL\pN_']+` runs and single symbols) and compare words
 * case-insensitively (the default collation); number tests find numbers in the text, including
 * Arabic-Indic and Bengali digits, and accept `1,000.5`.
 */
import { Decimal } from './decimal';
import { compileGoPattern, InvalidPatternError } from './regex';
import { bool, error, isError, num, text, toNumber, toText, XError, XNumber, XObject, XText, XValue } from './values';

/**
 * What a test returns: false, or true with the matched value (which becomes the result value)
 * and, for `has_pattern`, the groups (`extra`: `{"0": whole match, "1": first group, …}`).
 */
export type TestResult = { matched: false } | { matched: true; match: XValue; extra?: XObject };

const WORD_TOKEN = /[\p{M}\p{L}\p{N}_']+|\p{S}/gu;

/** Go's `strings.ToLower`: per code point, simple case mapping. */
export function goLower(value: string): string {
  let out = '';
  for (const c of value) {
    const lower = c.toLowerCase();
    // a multi-character mapping is a full (not simple) mapping; U+0130 İ is the one whose simple mapping is its first character
    out += [...lower].length === 1 ? lower : c === '\u0130' ? 'i' : c;
  }
  return out;
}

/** Go's `strings.ToUpper`: per code point, simple case mapping. */
export function goUpper(value: string): string {
  let out = '';
  for (const c of value) {
    const upper = c.toUpperCase();
    out += [...upper].length === 1 ? upper : c;
  }
  return out;
}

/** Go's `unicode.IsSpace` characters (JavaScript's \s also has U+FEFF and lacks U+0085). */
const GO_SPACE_AT_ENDS = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** Go's `strings.TrimSpace`: white space removed at both ends. */
export function goTrimSpace(value: string): string {
  return value.replace(GO_SPACE_AT_ENDS, '');
}

/** goflow's `TokenizeString`: runs of letters, marks, digits, `_` and `'`, and each symbol (e.g. an emoji) on its own. */
export function tokenize(value: string): string[] {
  return value.match(WORD_TOKEN) ?? [];
}

type TextTest = (hays: string[], pins: string[]) => TestResult;

const same = (a: string, b: string) => goLower(a) === goLower(b);

const matchOf = (words: string[]): TestResult => ({ matched: true, match: text(words.join(' ')) });

const hasAnyWord: TextTest = (hays, pins) => {
  const matches = hays.filter((hay) => pins.some((pin) => same(hay, pin)));
  return matches.length > 0 ? matchOf(matches) : { matched: false };
};

const hasAllWords: TextTest = (hays, pins) => {
  const matches = hays.filter((hay) => pins.some((pin) => same(hay, pin)));
  return pins.every((pin) => hays.some((hay) => same(hay, pin))) ? matchOf(matches) : { matched: false };
};

const hasPhrase: TextTest = (hays, pins) => {
  if (pins.length === 0) return matchOf([]);
  let pinIndex = 0;
  const matches: string[] = [];
  for (const hay of hays) {
    if (same(hay, pins[pinIndex])) {
      matches[pinIndex] = hay;
      pinIndex++;
      if (pinIndex === pins.length) break;
    } else {
      pinIndex = 0;
    }
  }
  return pinIndex === pins.length ? matchOf(matches) : { matched: false };
};

const hasOnlyPhrase: TextTest = (hays, pins) => {
  if (hays.length !== pins.length || hays.some((hay, i) => !same(hay, pins[i]))) return { matched: false };
  return matchOf(hays);
};

const TEXT_TESTS: Readonly<Record<string, TextTest>> = {
  has_any_word: hasAnyWord,
  has_all_words: hasAllWords,
  has_phrase: hasPhrase,
  has_only_phrase: hasOnlyPhrase,
};

const ALT_NUMERALS: Readonly<Record<string, string>> = Object.fromEntries(
  ['٠١٢٣٤٥٦٧٨٩', '۰۱۲۳۴۵۶۷۸۹', '০১২৩৪৫৬৭৮৯'].flatMap((digits) => [...digits].map((d, i) => [d, String(i)])),
);

/** goflow's number finder for the default number format (`,` grouping, `.` decimals). */
const NUMBER_PATTERN = /[-+]?([\p{N},]+(\.[\p{N}]+)?|(\W|^)\.[\p{N}]+)/gu;

/** goflow's `ParseNumber`: trim, drop grouping commas, map other numerals to 0-9, then strict decimal syntax. */
function parseFoundNumber(found: string): Decimal | undefined {
  const cleaned = [...goTrimSpace(found).replace(/,/g, '')].map((c) => ALT_NUMERALS[c] ?? c).join('');
  const value = Decimal.parse(cleaned);
  return value && value.inRange() ? value : undefined;
}

type NumberCheck = (value: Decimal, args: Decimal[]) => boolean;

const NUMBER_TESTS: Readonly<Record<string, { arity: number; check: NumberCheck }>> = {
  has_number: { arity: 0, check: () => true },
  has_number_eq: { arity: 1, check: (v, [a]) => v.cmp(a) === 0 },
  has_number_lt: { arity: 1, check: (v, [a]) => v.cmp(a) < 0 },
  has_number_lte: { arity: 1, check: (v, [a]) => v.cmp(a) <= 0 },
  has_number_gt: { arity: 1, check: (v, [a]) => v.cmp(a) > 0 },
  has_number_gte: { arity: 1, check: (v, [a]) => v.cmp(a) >= 0 },
  has_number_between: { arity: 2, check: (v, [a, b]) => v.cmp(a) >= 0 && v.cmp(b) <= 0 },
};

/** The names of the case tests the simulator implements. */
export const SUPPORTED_TESTS: ReadonlySet<string> = new Set([
  ...Object.keys(TEXT_TESTS),
  ...Object.keys(NUMBER_TESTS),
  'has_only_text',
  'has_beginning',
  'has_text',
  'has_pattern',
  'has_error',
]);

/** Runs test `name` on `operand` with evaluated `args`; an error value when goflow's would error. Undefined for tests not supported. */
export function runTest(name: string, operand: XValue, args: XValue[]): TestResult | XError | undefined {
  const argumentError = (expected: number) => error(`need ${expected} argument(s), got ${args.length + 1}`);
  if (name === 'has_error') {
    if (args.length !== 0) return argumentError(1);
    return isError(operand) ? { matched: true, match: text(operand.message) } : { matched: false };
  }
  const textTest = TEXT_TESTS[name];
  if (textTest || name === 'has_only_text' || name === 'has_beginning') {
    if (args.length !== 1) return argumentError(2);
    const haystack = toText(operand);
    if (isError(haystack)) return haystack;
    const needle = toText(args[0]);
    if (isError(needle)) return needle;
    if (name === 'has_only_text') return haystack.value === needle.value ? { matched: true, match: haystack } : { matched: false };
    if (name === 'has_beginning') return hasBeginning(haystack, needle);
    return textTest(tokenize(goTrimSpace(haystack.value)), tokenize(goTrimSpace(needle.value)));
  }
  if (name === 'has_pattern') {
    if (args.length !== 1) return argumentError(2);
    const haystack = toText(operand);
    if (isError(haystack)) return haystack;
    const pattern = toText(args[0]);
    if (isError(pattern)) return pattern;
    return hasPattern(haystack.value, pattern.value);
  }
  if (name === 'has_text') {
    if (args.length !== 0) return argumentError(1);
    const value = toText(operand);
    if (isError(value)) return value;
    const trimmed = goTrimSpace(value.value);
    return trimmed.length > 0 ? { matched: true, match: text(trimmed) } : { matched: false };
  }
  const numberTest = NUMBER_TESTS[name];
  if (numberTest) {
    if (args.length !== numberTest.arity) return argumentError(numberTest.arity + 1);
    const haystack = toText(operand);
    if (isError(haystack)) return haystack;
    const bounds: Decimal[] = [];
    for (const arg of args) {
      const bound = toNumber(arg);
      if (isError(bound)) return bound;
      bounds.push(bound.value);
    }
    for (const found of haystack.value.match(NUMBER_PATTERN) ?? []) {
      const value = parseFoundNumber(found);
      if (value && numberTest.check(value, bounds)) return { matched: true, match: num(value) as XNumber };
    }
    return { matched: false };
  }
  return undefined;
}

/** goflow's `HasPattern`: `(?mi)` + the trimmed pattern, searched in the untrimmed text; the match and its groups. */
function hasPattern(haystack: string, pattern: string): TestResult | XError {
  let regex: RegExp;
  try {
    regex = compileGoPattern(pattern);
  } catch (caught) {
    if (caught instanceof InvalidPatternError) return error('must be called with a valid regular expression');
    throw caught;
  }
  const found = regex.exec(haystack);
  if (!found) return { matched: false };
  // Go gives "" for a group that took no part in the match
  const groups = Object.fromEntries(found.map((group, i) => [String(i), text(group ?? '')]));
  return { matched: true, match: text(found[0]), extra: XObject.of(groups) };
}

/** goflow's `HasBeginning`: byte-wise prefix of the trimmed text, compared case-insensitively. */
function hasBeginning(haystack: XText, beginning: XText): TestResult {
  const hay = Buffer.from(goTrimSpace(haystack.value), 'utf8');
  const pin = goTrimSpace(beginning.value);
  const pinBytes = Buffer.byteLength(pin, 'utf8');
  if (hay.length === 0 || pinBytes === 0 || hay.length < pinBytes) return { matched: false };
  const segment = hay.subarray(0, pinBytes).toString('utf8');
  return same(segment, pin) ? { matched: true, match: text(segment) } : { matched: false };
}

/** A test result as the object goflow's test functions return: default true/false, plus `match`. */
export function testResultValue(result: TestResult): XObject {
  const properties: Record<string, XValue> = { match: result.matched ? result.match : text('') };
  if (result.matched && result.extra) properties.extra = result.extra;
  return XObject.of(properties, { default: bool(result.matched) });
}
