/**
 * Parser for the inside of `@(...)` and `@identifier` (goflow `antlr/Excellent3.g4`), by
 * precedence from loosest to tightest: `&`, `= !=`, `< <= > >=`, `+ -`, `* /`, `^`, unary `-`,
 * then atoms with calls, `.name` and `[index]` lookups. Anonymous functions (`(x) => ...`) are
 * refused: no function the simulator supports takes one.
 */
import { Decimal } from './decimal';

export type BinaryOperator = '&' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '^';

export type Expression =
  | { type: 'text'; value: string }
  | { type: 'number'; value: Decimal; source: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' }
  | { type: 'reference'; name: string }
  | { type: 'dot'; container: Expression; name: string }
  | { type: 'index'; container: Expression; lookup: Expression }
  | { type: 'call'; func: Expression; args: Expression[] }
  | { type: 'binary'; operator: BinaryOperator; left: Expression; right: Expression }
  | { type: 'negate'; operand: Expression };

/** An expression the simulator will not evaluate: malformed, or using syntax it does not support. */
export class ExpressionSyntaxError extends Error {
  override name = 'ExpressionSyntaxError';
}

type TokenType = 'text' | 'integer' | 'decimal' | 'name' | 'true' | 'false' | 'null' | 'op' | 'eof';

interface Token {
  type: TokenType;
  value: string;
  position: number;
}

const OPERATORS = ['=>', '!=', '<=', '>=', ',', '(', ')', '[', ']', '.', '+', '-', '*', '/', '^', '=', '<', '>', '&'];
const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{Nd}_]/u;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const chars = [...source];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    if (/[ \t\n\r]/.test(c)) {
      i++;
      continue;
    }
    const position = i;
    if (c === '"') {
      // same rule as goflow's scanner: a quote ends the text unless the character before it was a backslash
      let j = i + 1;
      let escaped = false;
      for (; j < chars.length; j++) {
        if (chars[j] === '"' && !escaped) break;
        escaped = chars[j] === '\\' ? true : false;
      }
      if (j >= chars.length) throw new ExpressionSyntaxError(`unterminated text starting at position ${position + 1}`);
      tokens.push({ type: 'text', value: chars.slice(i, j + 1).join(''), position });
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i;
      while (j < chars.length && /[0-9]/.test(chars[j])) j++;
      if (chars[j] === '.' && /[0-9]/.test(chars[j + 1] ?? '')) {
        j++;
        while (j < chars.length && /[0-9]/.test(chars[j])) j++;
        tokens.push({ type: 'decimal', value: chars.slice(i, j).join(''), position });
      } else {
        tokens.push({ type: 'integer', value: chars.slice(i, j).join(''), position });
      }
      i = j;
      continue;
    }
    if (NAME_START.test(c)) {
      let j = i;
      while (j < chars.length && NAME_START.test(chars[j])) j++;
      while (j < chars.length && NAME_PART.test(chars[j])) j++;
      const value = chars.slice(i, j).join('');
      const keyword = value.toLowerCase();
      tokens.push({ type: keyword === 'true' || keyword === 'false' || keyword === 'null' ? keyword : 'name', value, position });
      i = j;
      continue;
    }
    const operator = OPERATORS.find((op) => chars.slice(i, i + op.length).join('') === op);
    if (!operator) throw new ExpressionSyntaxError(`unexpected character "${c}" at position ${position + 1}`);
    tokens.push({ type: 'op', value: operator, position });
    i += operator.length;
  }
  tokens.push({ type: 'eof', value: '', position: chars.length });
  return tokens;
}

/** Go's `strconv.Unquote` of a double-quoted literal; undefined where Go's fails (goflow then just strips the quotes). */
function goUnquote(literal: string): string | undefined {
  const body = literal.slice(1, -1);
  if (body.includes('\n')) return undefined;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
    if (next !== undefined && simple[next] !== undefined) out += simple[next];
    else if (next === 'x' || next === 'u' || next === 'U') {
      const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + length);
      if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex)) return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
      out += String.fromCodePoint(code);
      i += length;
    } else if (next !== undefined && /[0-7]/.test(next)) {
      const octal = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(octal) || parseInt(octal, 8) > 255) return undefined;
      out += String.fromCharCode(parseInt(octal, 8));
      i += 2;
    } else return undefined;
  }
  return out;
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  private peek(): Token {
    return this.tokens[this.index];
  }

  private isOp(...values: string[]): boolean {
    const token = this.peek();
    return token.type === 'op' && values.includes(token.value);
  }

  private next(): Token {
    return this.tokens[this.index++];
  }

  private expectOp(value: string): void {
    const token = this.next();
    if (token.type !== 'op' || token.value !== value) this.fail(token, `expected "${value}"`);
  }

  private fail(token: Token, message: string): never {
    const found = token.type === 'eof' ? 'the end' : `"${token.value}"`;
    throw new ExpressionSyntaxError(`${message} but found ${found} at position ${token.position + 1} of "${this.source}"`);
  }

  parse(): Expression {
    const expression = this.binary(0);
    if (this.peek().type !== 'eof') this.fail(this.peek(), 'expected the end of the expression');
    return expression;
  }

  private static readonly LEVELS: ReadonlyArray<readonly BinaryOperator[]> = [['&'], ['=', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/'], ['^']];

  private binary(level: number): Expression {
    if (level === Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    while (this.isOp(...Parser.LEVELS[level])) {
      const operator = this.next().value as BinaryOperator;
      left = { type: 'binary', operator, left, right: this.binary(level + 1) };
    }
    return left;
  }

  private unary(): Expression {
    if (this.isOp('-')) {
      this.next();
      return { type: 'negate', operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): Expression {
    const token = this.peek();
    switch (token.type) {
      case 'text':
        this.next();
        return { type: 'text', value: goUnquote(token.value) ?? token.value.slice(1, -1) };
      case 'integer':
      case 'decimal': {
        this.next();
        const value = Decimal.parse(token.value);
        if (!value || !value.inRange()) throw new ExpressionSyntaxError(`number ${token.value} is out of range in "${this.source}"`);
        return { type: 'number', value, source: token.value };
      }
      case 'true':
      case 'false':
        this.next();
        return { type: 'boolean', value: token.type === 'true' };
      case 'null':
        this.next();
        return { type: 'null' };
      default:
        return this.atom();
    }
  }

  private atom(): Expression {
    const token = this.next();
    let expression: Expression;
    if (token.type === 'name') expression = { type: 'reference', name: token.value };
    else if (token.type === 'op' && token.value === '(') {
      if (this.looksLikeAnonymousFunction()) {
        throw new ExpressionSyntaxError(`anonymous functions are not supported by the simulator ("${this.source}")`);
      }
      expression = this.binary(0);
      this.expectOp(')');
    } else this.fail(token, 'expected a value');

    for (;;) {
      if (this.isOp('(')) {
        this.next();
        const args: Expression[] = [];
        if (!this.isOp(')')) {
          args.push(this.binary(0));
          while (this.isOp(',')) {
            this.next();
            args.push(this.binary(0));
          }
        }
        this.expectOp(')');
        expression = { type: 'call', func: expression, args };
      } else if (this.isOp('.')) {
        this.next();
        const name = this.next();
        if (name.type !== 'name' && name.type !== 'integer') this.fail(name, 'expected a property name after "."');
        expression = { type: 'dot', container: expression, name: name.value };
      } else if (this.isOp('[')) {
        this.next();
        const lookup = this.binary(0);
        this.expectOp(']');
        expression = { type: 'index', container: expression, lookup };
      } else return expression;
    }
  }

  /** After "(": a list of names followed by ") =>". */
  private looksLikeAnonymousFunction(): boolean {
    let i = this.index;
    while (this.tokens[i]?.type === 'name') {
      i++;
      if (this.tokens[i]?.type === 'op' && this.tokens[i].value === ',') i++;
      else break;
    }
    return i > this.index && this.tokens[i]?.value === ')' && this.tokens[i + 1]?.value === '=>';
  }
}

/** Parses an expression; throws `ExpressionSyntaxError` naming the expression when it is malformed. */
export function parseExpression(source: string): Expression {
  return new Parser(tokenize(source), source).parse();
}
