/**
 * goflow's `has_pattern` compiles Go RE2 syntax with `(?mi)` in front. JavaScript's engine is
 * close but not the same, so the pattern is translated construct by construct into a JavaScript
 * regular expression (flags `iu`) with Go's meaning:
 *
 * - `.` is any character but `\n`; `\s` is `[\t\n\f\r ]` (JavaScript's also has Unicode spaces);
 * - `^` and `$` (multi-line) are the start and end of the text or next to `\n` only (JavaScript's
 *   also break lines at `\r`, U+2028 and U+2029); `\A` and `\z` are the ends of the text;
 * - `\pL`, `\p{Lu}`, `\PN` are Unicode general categories; `(?P<name>…)` is a plain group;
 * - `\x{263a}`, `\x41`, `\a`, `\f`, `\t`, `\n`, `\r`, `\v` and escaped punctuation are characters;
 * - `{` that does not start a repetition is a literal brace.
 *
 * Both apply simple Unicode case folding under `i`, to character classes and Perl classes alike;
 * one difference is left: JavaScript's `\b` counts the case-folding letters ſ (U+017F) and K
 * (U+212A) as word characters, Go's does not. Anything else Go accepts but this translation does
 * not model (flags groups like `(?s)`, POSIX classes, script names, `\Q…\E`, octal escapes) is
 * refused by name; a pattern Go refuses is reported as invalid, as goflow reports it.
 */
import { UnsupportedExpressionError } from './errors';

/** A pattern goflow's `regexp.Compile` would refuse. */
export class InvalidPatternError extends Error {
  override name = 'InvalidPatternError';
}

const GO_SPACE = '\\t\\n\\f\\r ';
const START_OF_TEXT = '(?<![\\s\\S])';
const END_OF_TEXT = '(?![\\s\\S])';
const LINE_START = `(?:${START_OF_TEXT}|(?<=\\n))`;
const LINE_END = `(?=\\n|${END_OF_TEXT})`;

/** Unicode general categories Go's `\p{…}` and JavaScript's `\p{…}` both name the same way. */
const CATEGORIES = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No',
  'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'S', 'Sm', 'Sc', 'Sk', 'So',
  'Z', 'Zs', 'Zl', 'Zp', 'C', 'Cc', 'Cf', 'Co', 'Cs',
]);

/** Go's limit on `{n,m}` counts. */
const MAX_REPEAT = 1000;

/** Compiles `pattern` (Go RE2 syntax, as goflow's `has_pattern` reads it) into a JavaScript RegExp with Go's meaning. */
export function compileGoPattern(pattern: string): RegExp {
  const source = translate([...pattern.trim()]);
  try {
    return new RegExp(source, 'iu');
  } catch (error) {
    throw new InvalidPatternError(`invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

function unsupported(what: string): never {
  throw new UnsupportedExpressionError(`${what} in a has_pattern regular expression is not supported by the simulator`);
}

function invalid(pattern: readonly string[], why: string): never {
  throw new InvalidPatternError(`invalid regular expression ${JSON.stringify(pattern.join(''))}: ${why}`);
}

/** A code point as a JavaScript `u`-mode escape, valid inside and outside classes. */
function literal(char: string): string {
  return /[A-Za-z0-9]/.test(char) || char === ' ' ? char : `\\u{${(char.codePointAt(0) as number).toString(16)}}`;
}

/** The character a single-letter or hex escape stands for, or undefined for a class escape. */
function escapedChar(chars: readonly string[], at: number): { char: string; length: number } | undefined {
  const c = chars[at];
  const simple: Record<string, string> = { a: '\x07', f: '\f', t: '\t', n: '\n', r: '\r', v: '\v' };
  if (simple[c] !== undefined) return { char: simple[c], length: 1 };
  if (c === 'x') {
    if (chars[at + 1] === '{') {
      const end = chars.indexOf('}', at + 2);
      const hex = end < 0 ? '' : chars.slice(at + 2, end).join('');
      if (!/^[0-9A-Fa-f]{1,6}$/.test(hex) || parseInt(hex, 16) > 0x10ffff) invalid(chars, 'bad \\x{…} escape');
      return { char: String.fromCodePoint(parseInt(hex, 16)), length: end - at + 1 };
    }
    const hex = chars.slice(at + 1, at + 3).join('');
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) invalid(chars, 'bad \\x escape');
    return { char: String.fromCodePoint(parseInt(hex, 16)), length: 3 };
  }
  if (/[0-9]/.test(c)) return unsupported('an octal or back-reference escape');
  if (/[A-Za-z]/.test(c)) return undefined;
  return { char: c, length: 1 };
}

/** `\pL`, `\p{Lu}`, `\PN`, `\P{Nd}` at `at` (the `p`/`P`): the JavaScript class and the escape's length. */
function unicodeClass(chars: readonly string[], at: number): { source: string; length: number } {
  const negate = chars[at] === 'P';
  let name: string;
  let length: number;
  if (chars[at + 1] === '{') {
    const end = chars.indexOf('}', at + 2);
    if (end < 0) invalid(chars, 'unclosed \\p{');
    name = chars.slice(at + 2, end).join('');
    length = end - at + 1;
  } else {
    name = chars[at + 1] ?? '';
    length = 2;
  }
  let negated = negate;
  if (name.startsWith('^')) {
    negated = !negated;
    name = name.slice(1);
  }
  if (!CATEGORIES.has(name)) return unsupported(`the Unicode class \\p{${name}} (only general categories like L, Lu, N are)`);
  return { source: `\\${negated ? 'P' : 'p'}{${name}}`, length };
}

/** Translates a class body starting after `[` (and `^`); returns the source and the index of the closing `]`. */
function translateClass(chars: readonly string[], start: number): { source: string; end: number } {
  let out = '';
  let i = start;
  let first = true;
  for (;;) {
    const c = chars[i];
    if (c === undefined) return invalid(chars, 'missing closing ]');
    if (c === ']' && !first) return { source: out, end: i };
    first = false;
    if (c === '[' && chars[i + 1] === ':') return unsupported('a POSIX class like [:alpha:]');
    if (c === '\\') {
      const next = chars[i + 1];
      if (next === undefined) return invalid(chars, 'trailing backslash');
      if (next === 's') { out += GO_SPACE; i += 2; continue; }
      if (next === 'S' || next === 'D' || next === 'W') return unsupported(`\\${next} inside a character class`);
      if (next === 'd' || next === 'w') { out += `\\${next}`; i += 2; continue; }
      if (next === 'p' || next === 'P') {
        const cls = unicodeClass(chars, i + 1);
        out += cls.source;
        i += 1 + cls.length;
        continue;
      }
      const escaped = escapedChar(chars, i + 1);
      if (!escaped) return unsupported(`the escape \\${next}`);
      out += literal(escaped.char);
      i += 1 + escaped.length;
      continue;
    }
    if (c === '-') {
      // a range between two literals keeps its dash; a dash at either end is a literal dash
      const atEnd = chars[i + 1] === ']';
      out += atEnd || out === '' ? '\\-' : '-';
      i += 1;
      continue;
    }
    out += literal(c);
    i += 1;
  }
}

/** `{n}`, `{n,}` or `{n,m}` at `at`: its length, or 0 when the brace is a literal (as Go reads it). */
function repetitionLength(chars: readonly string[], at: number): number {
  const rest = chars.slice(at).join('');
  const match = /^\{(\d+)(,(\d*))?\}/.exec(rest);
  if (!match) return 0;
  const min = Number(match[1]);
  const max = match[3] ? Number(match[3]) : min;
  if (min > MAX_REPEAT || max > MAX_REPEAT || (match[3] && max < min)) invalid(chars, 'bad repetition count');
  return match[0].length;
}

function translate(chars: readonly string[]): string {
  let out = '';
  let depth = 0;
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    switch (c) {
      case '\\': {
        const next = chars[i + 1];
        if (next === undefined) return invalid(chars, 'trailing backslash');
        if ('dDwWbB'.includes(next)) { out += `\\${next}`; i += 2; continue; }
        if (next === 's') { out += `[${GO_SPACE}]`; i += 2; continue; }
        if (next === 'S') { out += `[^${GO_SPACE}]`; i += 2; continue; }
        if (next === 'A') { out += START_OF_TEXT; i += 2; continue; }
        if (next === 'z') { out += END_OF_TEXT; i += 2; continue; }
        if (next === 'p' || next === 'P') {
          const cls = unicodeClass(chars, i + 1);
          out += cls.source;
          i += 1 + cls.length;
          continue;
        }
        if (next === 'Q' || next === 'E') return unsupported('\\Q…\\E quoting');
        if (next === 'C') return unsupported('\\C');
        const escaped = escapedChar(chars, i + 1);
        if (!escaped) return invalid(chars, `invalid escape \\${next}`);
        out += literal(escaped.char);
        i += 1 + escaped.length;
        continue;
      }
      case '[': {
        const negate = chars[i + 1] === '^';
        const body = translateClass(chars, i + (negate ? 2 : 1));
        out += `[${negate ? '^' : ''}${body.source}]`;
        i = body.end + 1;
        continue;
      }
      case '(': {
        if (chars[i + 1] === '?') {
          if (chars[i + 2] === ':') {
            out += '(?:';
            i += 3;
          } else if (chars[i + 2] === 'P' && chars[i + 3] === '<') {
            const end = chars.indexOf('>', i + 4);
            if (end < 0 || !/^[A-Za-z0-9_]+$/.test(chars.slice(i + 4, end).join(''))) invalid(chars, 'bad group name');
            out += '(';
            i = end + 1;
          } else if (chars[i + 2] === '<') {
            const end = chars.indexOf('>', i + 3);
            if (end < 0 || !/^[A-Za-z0-9_]+$/.test(chars.slice(i + 3, end).join(''))) invalid(chars, 'bad group name');
            out += '(';
            i = end + 1;
          } else {
            return unsupported('a flags group like (?s) or (?i:…)');
          }
        } else {
          out += '(';
          i += 1;
        }
        depth++;
        continue;
      }
      case ')':
        if (depth === 0) invalid(chars, 'unexpected )');
        depth--;
        out += ')';
        i += 1;
        continue;
      case '.':
        out += '[^\\n]';
        i += 1;
        continue;
      case '^':
        out += LINE_START;
        i += 1;
        continue;
      case '$':
        out += LINE_END;
        i += 1;
        continue;
      case '{': {
        const length = repetitionLength(chars, i);
        if (length === 0) {
          out += '\\{';
          i += 1;
        } else {
          out += chars.slice(i, i + length).join('');
          i += length;
        }
        continue;
      }
      case '}':
        out += '\\}';
        i += 1;
        continue;
      case '*': case '+': case '?': case '|':
        out += c;
        i += 1;
        continue;
      default:
        out += literal(c);
        i += 1;
    }
  }
  if (depth !== 0) invalid(chars, 'missing closing )');
  return out;
}
