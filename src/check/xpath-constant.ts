/**
 * Decides whether an XPath `relevant` expression is constant false — only when it can be proved
 * from literals (`false()`, `0`, `1 = 2`, `'a' = 'b'`, `not(true())`, `x and false()`). Anything
 * that reads a field or calls another function is unknown, so `check` never guesses.
 */
type Value = boolean | number | string | undefined; // undefined: unknown

export function isProvablyFalse(expression: string): boolean {
  const tokens = tokenize(expression);
  if (!tokens) return false;
  const parser = new Parser(tokens);
  const value = parser.or();
  if (!parser.done() || value === undefined) return false;
  return toBoolean(value) === false;
}

function tokenize(text: string): string[] | undefined {
  const tokens: string[] = [];
  // numbers | strings | operators | ${field} references and paths (unknown operands) | names | anything else
  const pattern = /\s*(?:(\d+(?:\.\d+)?|\.\d+)|('[^']*'|"[^"]*")|(!=|<=|>=|=|<|>|\(|\)|,)|(\$\{[^}]*\}|\.{1,2}(?:\/[\w.-]*)*|\/[\w./-]*)|([A-Za-z_][\w.-]*(?::[\w.-]+)?)|(\S))\s*/y;
  let position = 0;
  while (position < text.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (!match) break;
    position = pattern.lastIndex;
    const token = match.slice(1).find((part) => part !== undefined);
    if (token !== undefined) tokens.push(token);
  }
  return position >= text.length || !text.slice(position).trim() ? tokens : undefined;
}

function toBoolean(value: Value): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return value.length > 0;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: string[]) {}

  done(): boolean {
    return this.index >= this.tokens.length;
  }

  private peek(): string | undefined {
    return this.tokens[this.index];
  }

  or(): Value {
    let left = this.and();
    while (this.peek() === 'or') {
      this.index++;
      const right = this.and();
      const [a, b] = [toBoolean(left), toBoolean(right)];
      left = a === true || b === true ? true : a === false && b === false ? false : undefined;
    }
    return left;
  }

  private and(): Value {
    let left = this.comparison();
    while (this.peek() === 'and') {
      this.index++;
      const right = this.comparison();
      const [a, b] = [toBoolean(left), toBoolean(right)];
      left = a === false || b === false ? false : a === true && b === true ? true : undefined;
    }
    return left;
  }

  private comparison(): Value {
    let left = this.primary();
    for (let op = this.peek(); op && ['=', '!=', '<', '>', '<=', '>='].includes(op); op = this.peek()) {
      this.index++;
      const right = this.primary();
      left = compare(op, left, right);
    }
    return left;
  }

  private primary(): Value {
    const token = this.tokens[this.index++];
    if (token === undefined) return undefined;
    if (token === '(') {
      const value = this.or();
      if (this.tokens[this.index++] !== ')') this.index = this.tokens.length + 1;
      return value;
    }
    if (/^(\d|\.\d)/.test(token)) return Number(token);
    if (/^['"]/.test(token)) return token.slice(1, -1);
    if (this.peek() === '(' && ['true', 'false', 'not'].includes(token)) {
      this.index++;
      if (token === 'not') {
        const inner = toBoolean(this.or());
        this.expect(')');
        return inner === undefined ? undefined : !inner;
      }
      this.expect(')');
      return token === 'true';
    }
    // A path, a variable, another function: unknown. Skip its arguments if it is a call.
    if (this.peek() === '(') {
      let depth = 0;
      do {
        const next = this.tokens[this.index++];
        if (next === '(') depth++;
        else if (next === ')') depth--;
        else if (next === undefined) break;
      } while (depth > 0);
    }
    return undefined;
  }

  private expect(token: string): void {
    if (this.tokens[this.index] === token) this.index++;
    else this.index = this.tokens.length + 1; // malformed: `done()` fails, so nothing is proved
  }
}

function compare(op: string, left: Value, right: Value): Value {
  if (left === undefined || right === undefined) return undefined;
  if (typeof left === 'boolean' || typeof right === 'boolean') {
    if (op !== '=' && op !== '!=') return undefined;
    const equal = toBoolean(left) === toBoolean(right);
    return op === '=' ? equal : !equal;
  }
  if (op === '=' || op === '!=') {
    const equal = typeof left === 'number' || typeof right === 'number' ? Number(left) === Number(right) : left === right;
    return op === '=' ? equal : !equal;
  }
  const [a, b] = [Number(left), Number(right)];
  if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
  return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
}
