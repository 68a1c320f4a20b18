/**
 * Templates: text with `@identifier` and `@(expression)` parts, scanned exactly as goflow's
 * `excellent/scanner.go` does. `@@` is a literal `@`; an identifier whose first part is not a
 * context name (`name@example.com`) stays literal text; a part that evaluates to an error writes
 * nothing and is reported, as RapidPro logs it and carries on.
 */
import { UnsupportedExpressionError } from './errors';
import { evaluate } from './evaluate';
import { EvaluationEnvironment } from './functions';
import { ExpressionSyntaxError, parseExpression } from './parser';
import { isError, render, text, XObject, XValue } from './values';

type Token = { type: 'body'; text: string } | { type: 'identifier' | 'expression'; source: string };

const NAME_CHAR = /[\p{L}\p{N}_]/u;

/** Splits a template into literal text, identifiers and expressions; `topLevels` are the context's names. */
export function scanTemplate(template: string, topLevels: ReadonlySet<string>): Token[] {
  const chars = [...template];
  const tokens: Token[] = [];
  let body = '';
  const flush = () => {
    if (body !== '') tokens.push({ type: 'body', text: body });
    body = '';
  };
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    const next = chars[i + 1];
    if (c !== '@') {
      body += c;
      i++;
    } else if (next === '@') {
      body += '@';
      i += 2;
    } else if (next === '(') {
      const end = expressionEnd(chars, i + 2);
      if (end === undefined) {
        // unbalanced: the rest of the template is literal text
        body += chars.slice(i).join('');
        i = chars.length;
      } else {
        flush();
        tokens.push({ type: 'expression', source: chars.slice(i + 2, end).join('') });
        i = end + 1;
      }
    } else if (next !== undefined && NAME_CHAR.test(next)) {
      let j = i + 1;
      while (j < chars.length) {
        if (NAME_CHAR.test(chars[j])) j++;
        else if (chars[j] === '.' && j + 1 < chars.length && NAME_CHAR.test(chars[j + 1])) j += 2;
        else break;
      }
      const identifier = chars.slice(i + 1, j).join('');
      if (topLevels.has(identifier.split('.')[0].toLowerCase())) {
        flush();
        tokens.push({ type: 'identifier', source: identifier });
      } else {
        body += '@' + identifier;
      }
      i = j;
    } else {
      body += '@';
      i++;
    }
  }
  flush();
  return tokens;
}

/** The index of the `)` closing an expression whose body starts at `start`, skipping text literals. */
function expressionEnd(chars: string[], start: number): number | undefined {
  let depth = 1;
  for (let i = start; i < chars.length; i++) {
    const c = chars[i];
    if (c === '"') {
      let escaped = false;
      for (i++; i < chars.length; i++) {
        if (chars[i] === '"' && !escaped) break;
        escaped = chars[i] === '\\';
      }
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return undefined;
}

/** The names a template identifier may start with: the context's properties, supported or not. */
function topLevelsOf(root: XObject): Set<string> {
  return new Set([...root.properties.keys(), ...root.unsupported].map((name) => name.toLowerCase()));
}

export interface Evaluation<T> {
  value: T;
  /** Errors as RapidPro would log them, e.g. `@fields.age: object has no property 'age'`. */
  errors: string[];
}

function evaluateToken(token: { type: 'identifier' | 'expression'; source: string }, template: string, root: XObject, env: EvaluationEnvironment): XValue {
  try {
    return evaluate(parseExpression(token.source), root, env);
  } catch (caught) {
    if (caught instanceof ExpressionSyntaxError || caught instanceof UnsupportedExpressionError) {
      throw new UnsupportedExpressionError(`${caught.message} (in ${JSON.stringify(template)})`);
    }
    throw caught;
  }
}

function describeToken(token: { type: 'identifier' | 'expression'; source: string }): string {
  return token.type === 'identifier' ? `@${token.source}` : `@(${token.source})`;
}

/** RapidPro truncates evaluated templates to this many characters (webhook bodies excepted). */
export const MAX_TEMPLATE_CHARS = 10000;

/** Evaluates `template` to text. */
export function evaluateTemplate(template: string, root: XObject, env: EvaluationEnvironment, options: { truncate?: boolean } = {}): Evaluation<string> {
  const errors: string[] = [];
  let output = '';
  for (const token of scanTemplate(template, topLevelsOf(root))) {
    if (token.type === 'body') {
      output += token.text;
      continue;
    }
    const value = evaluateToken(token, template, root, env);
    if (isError(value)) errors.push(`${describeToken(token)}: ${value.message}`);
    else output += render(value);
  }
  const runes = [...output];
  // gocommon's TruncateEllipsis: the first 9997 characters and "..."
  if (options.truncate !== false && runes.length > MAX_TEMPLATE_CHARS) output = runes.slice(0, MAX_TEMPLATE_CHARS - 3).join('') + '...';
  return { value: output, errors };
}

/** Evaluates `template`, keeping the typed value when it is a single `@identifier` or `@(expression)` (router operands, case arguments). */
export function evaluateTemplateValue(template: string, root: XObject, env: EvaluationEnvironment): Evaluation<XValue> {
  const trimmed = template.trim();
  const tokens = scanTemplate(trimmed, topLevelsOf(root));
  if (tokens.length === 1 && tokens[0].type !== 'body') {
    const value = evaluateToken(tokens[0], template, root, env);
    return { value, errors: isError(value) ? [`${describeToken(tokens[0])}: ${value.message}`] : [] };
  }
  const evaluated = evaluateTemplate(trimmed, root, env, { truncate: false });
  return { value: text(evaluated.value), errors: evaluated.errors };
}
