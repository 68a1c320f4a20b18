/**
 * What counts as a committed secret, line by line, and what is only a placeholder for one.
 * Used by the `secrets` rule (./secrets.ts), which decides which files get which scan.
 *
 * Two kinds of evidence:
 * - **High-confidence shapes**, looked for in every file whatever its type: a RapidPro API token
 *   after `Token `, a literal `Authorization: Basic|Token|Bearer …` value, a URL carrying a
 *   password for a host that is not reserved for documentation or tests.
 * - **A secret-named setting with a literal value**, in the syntax of the file: `.env` and shell
 *   (`RAPIDPRO_TOKEN=…`), `.properties`/YAML/INI/TOML (`password = …`), source code
 *   (`password: '…'`, `const apiToken = "…"`), JSON keys (./secrets.ts), spreadsheet cells
 *   (`token=…` in a cell).
 *
 * A secret-named setting is one whose name ends with a secret word: `password`, `passwd`,
 * `passphrase`, `pwd`, `pass`, `secret`, `token`, `apikey`, or the pairs `api key`, `access key`,
 * `secret key`, `private key` (words split at `_`, `-`, `.` and camelCase). `password_key`,
 * `value_key`, `token_type` are names *of* credentials or other things, not secrets.
 */

/** Why a value is not a secret but a stand-in for one. Exact, so a real password is never taken for one. */
const PLACEHOLDER_PATTERNS: RegExp[] = [
  /^$/,
  // Elisions and masks made only of these characters: …, ..., ***, •••, xxxx, XXXX.
  /^[.…*•xX]+$/,
  // <your token>, <api token>
  /^<[^<>]*>$/,
  // ${RAPIDPRO_TOKEN}, $RAPIDPRO_TOKEN, {{ token }}, ${{ secrets.TOKEN }} (CI), %TOKEN%
  /^\$\{[^}]*\}$/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/,
  /^\{\{[^}]*\}\}$/,
  /^\$\{\{[^}]*\}\}$/,
  /^%[A-Za-z_][A-Za-z0-9_]*%$/,
  // RapidPro expressions: @globals.cht_auth, @(…)
  /^@(\(.*\)|[a-z_]+(\.[a-z0-9_]+)+)$/i,
  // your-token, your api token, your_password (letters only: "your-token-2024" is a value)
  /^your[-_ ][a-z][a-z _-]*$/i,
  // The [redacted] mark this toolkit prints.
  /^\[redacted\]$/i,
];

/** Whole values (case-insensitive, `-`/`_`/space ignored) that name a secret instead of being one. */
const PLACEHOLDER_WORDS = new Set([
  'changeme', 'secret', 'password', 'passwd', 'token', 'apitoken', 'apikey',
  'redacted', 'placeholder', 'example', 'sample', 'dummy', 'none', 'null', 'nil', 'undefined', 'todo', 'tbd',
  'fixme', 'empty', 'mytoken', 'mypassword', 'mysecret',
]);

/**
 * True when `raw` (one pair of matching quotes allowed around it) is a placeholder: empty, an
 * elision (`…`, `***`, `xxxx`), a template (`<…>`, `${…}`, `$NAME`, `{{…}}`, `%NAME%`), a RapidPro
 * expression (`@globals.x`), `your-…` in letters only, or one of a few words naming a secret
 * (`changeme`, `password`, `token`, …). Anything else — `admin`, `pass`, `admin-pass`,
 * `changeme2024`, `example123!` — is a value: weak passwords are still real ones.
 */
export function isPlaceholder(raw: string): boolean {
  const value = unquote(raw.trim()).trim();
  if (PLACEHOLDER_PATTERNS.some((pattern) => pattern.test(value))) return true;
  return PLACEHOLDER_WORDS.has(value.toLowerCase().replace(/[-_ ]/g, ''));
}

const SECRET_LAST_WORDS = new Set(['password', 'passwd', 'passphrase', 'pwd', 'pass', 'secret', 'token', 'apikey']);
const SECRET_LAST_PAIRS = new Set(['api key', 'access key', 'secret key', 'private key']);

/** The words of an identifier or setting name: `RAPIDPRO_TOKEN`, `chtPassword`, `db.password`, `api-key`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/** True for a name that holds a secret (ends with a secret word), false for names of credentials (`password_key`). */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (!words.length) return false;
  return SECRET_LAST_WORDS.has(words[words.length - 1]) || SECRET_LAST_PAIRS.has(words.slice(-2).join(' '));
}

export function unquote(value: string): string {
  const match = /^(["'`])([\s\S]*)\1$/.exec(value);
  return match ? match[2] : value;
}

/** One thing found in a line (the rule adds the file and the place). */
export interface LineFinding {
  what: string;
  fix: string;
}

const ROTATE = 'remove it, revoke or change it where it is valid, and keep it in the environment or the CHT credential store instead';

/**
 * RFC 2606 / 6761 names and loopback: credentials for them are examples or local test servers. So
 * are the generic one-word hosts of documentation (`https://user:pass@host`).
 */
const RESERVED_HOST = /(^|\.)(example\.(com|org|net)|example|test|invalid|localhost)$|^127\.0\.0\.1$|^\[::1\]$|^(host|hostname|server|domain)$/i;

interface Shape {
  test: RegExp;
  /** The capture group holding the secret value (checked against placeholders). */
  group: number;
  /** The capture group holding a host: hosts reserved for documentation and tests are allowed. */
  host?: number;
  what: string;
  fix: string;
}

/** The high-confidence shapes, looked for in every file. */
const SHAPES: Shape[] = [
  {
    test: /\bToken\s+([0-9a-f]{40})\b/gi,
    group: 1,
    what: 'a RapidPro/TextIt API token',
    fix: 'remove it, revoke it in RapidPro, and store it with `cht-conf` credentials or an environment variable',
  },
  {
    test: /\bAuthorization["']?\s*[:=,]\s*["'`]?(?:Basic|Token|Bearer)\s+([A-Za-z0-9+/=._~-]{8,})/gi,
    group: 1,
    what: 'a literal Authorization header value',
    fix: 'remove it, revoke it, and read it from the credential store (value_key) or @globals.cht_auth',
  },
  {
    test: /\bhttps?:\/\/([^\s:/@"'`<>]+):([^\s@/"'`<>]+)@([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])/gi,
    group: 2,
    host: 3,
    what: 'a URL with a user and password',
    fix: 'remove the credentials from the URL, change the password, and pass them through the environment',
  },
];

/** High-confidence shapes in one line (or one cell, or one chunk of a binary file). */
export function findShapes(text: string): LineFinding[] {
  const found: LineFinding[] = [];
  for (const shape of SHAPES) {
    for (const match of text.matchAll(shape.test)) {
      if (isPlaceholder(match[shape.group])) continue;
      if (shape.host !== undefined && RESERVED_HOST.test(match[shape.host])) continue;
      found.push({ what: `${shape.what} is committed here`, fix: shape.fix });
    }
  }
  return found;
}

function literal(name: string): LineFinding {
  return { what: `"${name}" is set to a literal secret`, fix: ROTATE };
}

/** `.env` and shell: `RAPIDPRO_TOKEN=…`, `export CHT_PASSWORD="…"`. */
export function findEnvAssignment(line: string): LineFinding[] {
  const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$/.exec(line);
  if (!match || !isSecretName(match[1])) return [];
  const quoted = /^(["'])(.*)\1/.exec(match[2]);
  const value = quoted ? quoted[2] : match[2].replace(/\s+#.*$/, '');
  return isPlaceholder(value) ? [] : [literal(match[1])];
}

/**
 * `.properties`, YAML, INI, TOML: `password = …`, `api_key: …`, `- token: …`. Comments (`#`, `;`,
 * `!`) are skipped; YAML/INI/TOML values lose a trailing ` # comment` (in `.properties` a `#`
 * inside a value is part of it).
 */
export function findConfigAssignment(line: string, stripTrailingComment: boolean): LineFinding[] {
  if (/^\s*[#;!]/.test(line)) return [];
  const match = /^\s*(?:-\s+)?["']?([A-Za-z0-9_.$-]+)["']?\s*[:=]\s*(.*?)\s*$/.exec(line);
  if (!match || !isSecretName(match[1])) return [];
  const quoted = /^(["'])(.*)\1/.exec(match[2]);
  let value = quoted ? quoted[2] : match[2];
  if (!quoted && stripTrailingComment) value = value.replace(/\s+[#;].*$/, '');
  // A YAML block or an empty key opens a nested section, it holds no value itself.
  if (!quoted && /^[|>]?$/.test(value)) return [];
  return isPlaceholder(value) ? [] : [literal(match[1])];
}

/**
 * Source code (TypeScript, JavaScript, Python, Go…): a secret-named key or variable assigned a
 * quoted literal — an object key (`{ password: '…' }`, `"api-key": '…'`, at the start of a line or
 * after `{`, `,`, `(`), or an assignment (`const RAPIDPRO_TOKEN = "…"`, `this.token = '…'`,
 * `token := "…"`). A `:` elsewhere is a ternary or a type, not a key. Template literals with `${…}`
 * are computed, not literal.
 */
export function findSourceAssignment(line: string): LineFinding[] {
  const found: LineFinding[] = [];
  const pattern = /(?<![\w$])(["']?)([A-Za-z_$][\w$-]*)\1\s*(:=|:|=(?![=>]))\s*(['"`])((?:\\.|(?!\4)[^\\])*)\4/g;
  for (const match of line.matchAll(pattern)) {
    const [, , name, separator, quote, value] = match;
    if (separator === ':' && !/(^|[{,(])\s*$/.test(line.slice(0, match.index))) continue;
    if (!isSecretName(name)) continue;
    if (quote === '`' && value.includes('${')) continue;
    if (isPlaceholder(value)) continue;
    found.push(literal(name));
  }
  return found;
}
