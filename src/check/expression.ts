/**
 * Just enough of RapidPro's expression language to read a webhook body template such as
 * `@(json(object("_meta", object("form", "RP_X"), "patient_id", results.id.value, …)))`:
 * function calls, string literals and opaque operands. Used to list the keys the body sends.
 */

export type Expr =
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'string'; value: string }
  | { kind: 'other'; text: string };

export class ExpressionError extends Error {
  override name = 'ExpressionError';
}

/** Parses the inside of `@( … )` (or a whole `@(…)` template). */
export function parseTemplate(template: string): Expr {
  const trimmed = template.trim();
  const inner = trimmed.startsWith('@(') && trimmed.endsWith(')') ? trimmed.slice(2, -1) : trimmed;
  const parser = new Parser(inner);
  const expr = parser.expression();
  parser.skipSpace();
  if (!parser.done()) throw new ExpressionError(`unexpected "${parser.rest().slice(0, 20)}"`);
  return expr;
}

/**
 * The keys of a body `json(object(k1, v1, k2, v2, …))` and the nested objects' keys
 * (e.g. `_meta` → its keys). Throws `ExpressionError` when the body is not of that shape.
 */
export interface BodyObject {
  keys: string[];
  values: Map<string, Expr>;
}

export function bodyObject(template: string): BodyObject {
  let expr = parseTemplate(template);
  if (expr.kind === 'call' && expr.name === 'json' && expr.args.length === 1) expr = expr.args[0];
  return objectOf(expr);
}

export function objectOf(expr: Expr): BodyObject {
  if (expr.kind !== 'call' || expr.name !== 'object') throw new ExpressionError('the body is not json(object(…))');
  if (expr.args.length % 2 !== 0) throw new ExpressionError('object(…) has an odd number of arguments');
  const keys: string[] = [];
  const values = new Map<string, Expr>();
  for (let i = 0; i < expr.args.length; i += 2) {
    const key = expr.args[i];
    if (key.kind !== 'string') throw new ExpressionError(`object(…) key ${i / 2 + 1} is not a string literal`);
    keys.push(key.value);
    values.set(key.value, expr.args[i + 1]);
  }
  return { keys, values };
}

class Parser {
  private position = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.position >= this.text.length;
  }

  rest(): string {
    return this.text.slice(this.position);
  }

  skipSpace(): void {
    while (/\s/.test(this.text[this.position] ?? '')) this.position++;
  }

  /** An operand: a call, a string, or anything else up to the next top-level `,` or `)`. */
  expression(): Expr {
    this.skipSpace();
    const start = this.position;
    const call = /^([A-Za-z_][\w]*)\s*\(/.exec(this.rest());
    if (call) {
      this.position += call[0].length;
      const args: Expr[] = [];
      this.skipSpace();
      if (this.text[this.position] === ')') this.position++;
      else {
        for (;;) {
          args.push(this.expression());
          this.skipSpace();
          const next = this.text[this.position++];
          if (next === ')') break;
          if (next !== ',') throw new ExpressionError(`expected "," or ")" in ${call[1]}(…)`);
        }
      }
      const expr: Expr = { kind: 'call', name: call[1].toLowerCase(), args };
      return this.atEnd() ? expr : this.other(start);
    }
    if (this.text[this.position] === '"') {
      const value = this.string();
      return this.atEnd() ? { kind: 'string', value } : this.other(start);
    }
    return this.other(start);
  }

  /** True when the operand ends here (so `"a" & x` is not mistaken for a plain string). */
  private atEnd(): boolean {
    const save = this.position;
    this.skipSpace();
    const next = this.text[this.position];
    this.position = save;
    return next === undefined || next === ',' || next === ')';
  }

  private string(): string {
    let value = '';
    this.position++;
    while (this.position < this.text.length) {
      const char = this.text[this.position++];
      if (char === '\\') value += this.text[this.position++] ?? '';
      else if (char === '"') {
        if (this.text[this.position] === '"') { value += '"'; this.position++; } else return value;
      } else value += char;
    }
    throw new ExpressionError('unterminated string');
  }

  /** Skips a compound operand (operators, member access, nested calls) to the next top-level `,`/`)`. */
  private other(start: number): Expr {
    let depth = 0;
    while (this.position < this.text.length) {
      const char = this.text[this.position];
      if (char === '"') { this.string(); continue; }
      if (char === '(') depth++;
      else if (char === ')') { if (depth === 0) break; depth--; } else if (char === ',' && depth === 0) break;
      this.position++;
    }
    if (depth !== 0) throw new ExpressionError('unbalanced parentheses');
    return { kind: 'other', text: this.text.slice(start, this.position).trim() };
  }
}
