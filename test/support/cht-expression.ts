/**
 * Evaluates a CHT expression the way the 4.11 webapp does (`webapp/src/ts/providers/parse.provider.ts`):
 * an Angular template expression compiled into a function of a context object, in which
 *
 * - a bare name reads the context (`user` → `ctx.user`); a name the context lacks is undefined —
 *   there is no global scope, so `cht`, `Utils` or `window` are undefined too;
 * - a property read is null-safe (`a.b` compiles to `a && a.b`), and so is a call
 *   (`a.f(x)` compiles to `a && a.f && a.f(x)`);
 * - `+` and `-` treat undefined as absent (`_plus`/`_minus`); the other operators are JavaScript's.
 *
 * The rules engine shows a target when `!!parse(target.context)({ user })` (`rules-engine.service.ts`),
 * with `user` the logged-in user's contact doc; forms use `{ contact, user, summary }`. Only the
 * grammar CHT configurations use is supported (no pipes, assignments or literal maps); anything
 * else throws, so a test cannot pass on an expression this evaluator misreads.
 */

type Token =
  | { kind: 'name'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'op'; value: string };

const OPERATORS = ['===', '!==', '==', '!=', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '%', '!', '.', ',', '(', ')', '[', ']', '?', ':'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) { i++; continue; }
    if (/[A-Za-z_$]/.test(ch)) {
      const match = /^[A-Za-z_$][\w$]*/.exec(source.slice(i));
      if (!match) throw new Error(`unexpected "${ch}" in ${source}`);
      tokens.push({ kind: 'name', value: match[0] });
      i += match[0].length;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const match = /^\d+(\.\d+)?/.exec(source.slice(i));
      if (!match) throw new Error(`unexpected "${ch}" in ${source}`);
      tokens.push({ kind: 'number', value: Number(match[0]) });
      i += match[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let value = '';
      let j = i + 1;
      while (j < source.length && source[j] !== ch) {
        if (source[j] === '\\') j++;
        value += source[j];
        j++;
      }
      if (j >= source.length) throw new Error(`unterminated string in ${source}`);
      tokens.push({ kind: 'string', value });
      i = j + 1;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (!op) throw new Error(`unsupported "${ch}" in ${source}`);
    tokens.push({ kind: 'op', value: op });
    i += op.length;
  }
  return tokens;
}

type Context = Record<string, unknown>;
type Node = (ctx: Context) => unknown;
/** A node that can be called: it also evaluates its receiver, for null-safe method calls. */
type Member = Node & { receiver?: Node; key?: string | Node };

const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1, '&&': 2,
  '==': 3, '!=': 3, '===': 3, '!==': 3,
  '<': 4, '>': 4, '<=': 4, '>=': 4,
  '+': 5, '-': 5,
  '*': 6, '/': 6, '%': 6,
};

const plus = (a: unknown, b: unknown): unknown => (a === undefined ? b : b === undefined ? a : (a as number) + (b as number));
const minus = (a: unknown, b: unknown): unknown => ((a ?? 0) as number) - ((b ?? 0) as number);

function binary(op: string, a: unknown, b: unknown): unknown {
  switch (op) {
    case '+': return plus(a, b);
    case '-': return minus(a, b);
    case '*': return (a as number) * (b as number);
    case '/': return (a as number) / (b as number);
    case '%': return (a as number) % (b as number);
    case '<': return (a as number) < (b as number);
    case '>': return (a as number) > (b as number);
    case '<=': return (a as number) <= (b as number);
    case '>=': return (a as number) >= (b as number);
    // eslint-disable-next-line eqeqeq
    case '==': return a == b;
    // eslint-disable-next-line eqeqeq
    case '!=': return a != b;
    case '===': return a === b;
    case '!==': return a !== b;
    default: throw new Error(`unsupported operator ${op}`);
  }
}

/** `r && r[key]`, as the provider reads properties. */
const read = (receiver: unknown, key: unknown): unknown =>
  receiver && (receiver as Record<string, unknown>)[String(key)];

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[], private readonly source: string) {}

  parse(): Node {
    const node = this.conditional();
    if (this.at < this.tokens.length) throw new Error(`unexpected "${this.describe(this.tokens[this.at])}" in ${this.source}`);
    return node;
  }

  private describe(token: Token | undefined): string {
    return token ? String(token.value) : 'end';
  }

  private peekOp(value: string): boolean {
    const token = this.tokens[this.at];
    return !!token && token.kind === 'op' && token.value === value;
  }

  private expectOp(value: string): void {
    if (!this.peekOp(value)) throw new Error(`expected "${value}" but got "${this.describe(this.tokens[this.at])}" in ${this.source}`);
    this.at++;
  }

  private conditional(): Node {
    const condition = this.binary(1);
    if (!this.peekOp('?')) return condition;
    this.at++;
    const yes = this.conditional();
    this.expectOp(':');
    const no = this.conditional();
    return (ctx) => (condition(ctx) ? yes(ctx) : no(ctx));
  }

  private binary(minPrecedence: number): Node {
    let left = this.unary();
    for (;;) {
      const token = this.tokens[this.at];
      const precedence = token && token.kind === 'op' ? BINARY_PRECEDENCE[token.value] : undefined;
      if (precedence === undefined || precedence < minPrecedence) return left;
      this.at++;
      const right = this.binary(precedence + 1);
      const op = token.value as string;
      const l = left;
      if (op === '&&') left = (ctx) => l(ctx) && right(ctx);
      else if (op === '||') left = (ctx) => l(ctx) || right(ctx);
      else left = (ctx) => binary(op, l(ctx), right(ctx));
    }
  }

  private unary(): Node {
    if (this.peekOp('!')) {
      this.at++;
      const operand = this.unary();
      return (ctx) => !operand(ctx);
    }
    if (this.peekOp('-')) {
      this.at++;
      const operand = this.unary();
      return (ctx) => -(operand(ctx) as number);
    }
    return this.postfix(this.primary());
  }

  private primary(): Member {
    const token = this.tokens[this.at++];
    if (!token) throw new Error(`unexpected end of ${this.source}`);
    if (token.kind === 'string' || token.kind === 'number') {
      const value = token.value;
      return () => value;
    }
    if (token.kind === 'name') {
      const literals: Record<string, unknown> = { true: true, false: false, null: null, undefined };
      if (token.value in literals) {
        const value = literals[token.value];
        return () => value;
      }
      const name = token.value;
      const node: Member = (ctx) => read(ctx, name);
      node.receiver = (ctx) => ctx;
      node.key = name;
      return node;
    }
    if (token.value === '(') {
      const inner = this.conditional();
      this.expectOp(')');
      return inner;
    }
    if (token.value === '[') {
      const items: Node[] = [];
      while (!this.peekOp(']')) {
        items.push(this.conditional());
        if (!this.peekOp(']')) this.expectOp(',');
      }
      this.at++;
      return (ctx) => items.map((item) => item(ctx));
    }
    throw new Error(`unexpected "${token.value}" in ${this.source}`);
  }

  private postfix(node: Member): Node {
    for (;;) {
      if (this.peekOp('.')) {
        this.at++;
        const token = this.tokens[this.at++];
        if (!token || token.kind !== 'name') throw new Error(`expected a property name in ${this.source}`);
        const receiver = node;
        const name = token.value;
        const next: Member = (ctx) => read(receiver(ctx), name);
        next.receiver = receiver;
        next.key = name;
        node = next;
      } else if (this.peekOp('[')) {
        this.at++;
        const key = this.conditional();
        this.expectOp(']');
        const receiver = node;
        const next: Member = (ctx) => read(receiver(ctx), key(ctx));
        next.receiver = receiver;
        next.key = key;
        node = next;
      } else if (this.peekOp('(')) {
        this.at++;
        const args: Node[] = [];
        while (!this.peekOp(')')) {
          args.push(this.conditional());
          if (!this.peekOp(')')) this.expectOp(',');
        }
        this.at++;
        const { receiver, key: member } = node;
        if (!receiver || member === undefined) throw new Error(`only methods can be called in ${this.source}`);
        node = (ctx) => {
          const target = receiver(ctx) as Record<string, unknown> | undefined;
          const key = typeof member === 'string' ? member : String(member(ctx));
          const fn = target && target[key];
          return fn && (fn as (...values: unknown[]) => unknown).apply(target, args.map((arg) => arg(ctx)));
        };
      } else {
        return node;
      }
    }
  }
}

/** Compiles an expression; the result evaluates it against a context (e.g. `{ user }`). */
export function compileExpression(source: string): (ctx: Context) => unknown {
  const node = new Parser(tokenize(source), source).parse();
  return (ctx) => node({ ...ctx });
}

/** Whether CHT 4.11 shows a target with this `context` to a user whose contact doc is `user`. */
export function targetVisibleTo(context: string | undefined, user: unknown): boolean {
  return context ? !!compileExpression(context)({ user }) : true;
}
