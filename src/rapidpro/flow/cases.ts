/**
 * Case tests for switch routers. Each factory returns the test a case runs against the router's
 * operand (for a reply wait, the text the contact sent). Text arguments may be given per
 * language: `hasAnyWord({ eng: 'yes y', fra: 'oui o', swa: 'ndiyo ndio' })` matches "Oui" for a
 * French-speaking contact.
 */
import { Text } from './text';
import { CaseTestType } from './types';

/** A case test and its arguments (each argument is a template and may be translated). */
export interface CaseTest {
  readonly type: CaseTestType;
  readonly arguments: readonly Text[];
}

/** A case of a switch: when `test` matches, the router takes `category`. */
export interface CaseSpec<C extends string = string> {
  readonly test: CaseTest;
  readonly category: C;
}

function test(type: CaseTestType, ...args: Text[]): CaseTest {
  return { type, arguments: args };
}

function numberArgument(value: number | string): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`case test argument ${value} is not a finite number`);
  return String(value);
}

/** Any of the space-separated `words` appears as a word in the input (case-insensitive). */
export const hasAnyWord = (words: Text): CaseTest => test('has_any_word', words);

/** All of the space-separated `words` appear as words in the input, in any order. */
export const hasAllWords = (words: Text): CaseTest => test('has_all_words', words);

/** The words of `phrase` appear in the input, in order and next to each other. */
export const hasPhrase = (phrase: Text): CaseTest => test('has_phrase', phrase);

/** The input's words are exactly the words of `phrase` (case-insensitive, punctuation ignored). */
export const hasOnlyPhrase = (phrase: Text): CaseTest => test('has_only_phrase', phrase);

/** The input equals `text` exactly, case-sensitive (the test RapidPro uses for Success/Failure and run statuses). */
export const hasOnlyText = (text: Text): CaseTest => test('has_only_text', text);

/** The trimmed input starts with `beginning` (case-insensitive, no tokenisation). */
export const hasBeginning = (beginning: Text): CaseTest => test('has_beginning', beginning);

/**
 * The input matches the regular expression `pattern` (Go RE2 syntax; goflow adds `(?mi)`:
 * case-insensitive, `^`/`$` at line ends). The match is the result's value; groups are its extra.
 */
export const hasPattern = (pattern: Text): CaseTest => test('has_pattern', pattern);

/** The input has any non-blank text. */
export const hasText = (): CaseTest => test('has_text');

/** The input contains a number. */
export const hasNumber = (): CaseTest => test('has_number');

/** The input contains a number equal to `value`. */
export const hasNumberEq = (value: number | string): CaseTest => test('has_number_eq', numberArgument(value));

/** The input contains a number less than `max`. */
export const hasNumberLt = (max: number | string): CaseTest => test('has_number_lt', numberArgument(max));

/** The input contains a number less than or equal to `max`. */
export const hasNumberLte = (max: number | string): CaseTest => test('has_number_lte', numberArgument(max));

/** The input contains a number greater than `min`. */
export const hasNumberGt = (min: number | string): CaseTest => test('has_number_gt', numberArgument(min));

/** The input contains a number greater than or equal to `min`. */
export const hasNumberGte = (min: number | string): CaseTest => test('has_number_gte', numberArgument(min));

/** The input contains a number between `min` and `max`, both inclusive. */
export const hasNumberBetween = (min: number | string, max: number | string): CaseTest =>
  test('has_number_between', numberArgument(min), numberArgument(max));
