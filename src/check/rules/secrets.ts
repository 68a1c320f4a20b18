/**
 * No credential in a committed file or in the compiled app settings: CHT keeps credentials in its
 * encrypted store (`value_key` / `password_key` name them) and RapidPro reads them from workspace
 * globals (`@globals.cht_auth`), so a literal token anywhere in the tree is a leak.
 *
 * Scanned: the files git lists (tracked, or new and not ignored) plus `app_settings.json`; outside
 * a git checkout, every file below the project except node_modules, .git and dist.
 * Allowed: a line containing `check:allow-secret`, and a file whose first lines say
 * `check:allow-secrets-in-file` (test fixtures that hold fake tokens on purpose).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CheckProject } from '../project';
import { Problem, error } from '../problem';
import { isRecord } from './translations';

const LINE_MARKER = 'check:allow-secret';
const FILE_MARKER = 'check:allow-secrets-in-file';
const SKIPPED = /(^|\/)(node_modules|\.git|dist)\/|(^|\/)package-lock\.json$/;
const BINARY_EXTENSIONS = /\.(xlsx|xls|png|jpe?g|gif|ico|pdf|zip|gz|tgz|woff2?|ttf|eot)$/i;
/** JSON-with-comments files that are not meant for JSON.parse. */
const JSONC = /(^|\/)(tsconfig[^/]*|jsconfig[^/]*|\.vscode\/[^/]*)\.json$/;
const MAX_BYTES = 2_000_000;

/** Values that stand for a secret in docs and examples rather than being one. */
const PLACEHOLDER = /^(…|\.{3}|<[^>]*>|\[redacted\]|\$\{.*\}|\{\{.*\}\}|@.*|\*+|x+|changeme|example.*|your[-_ ].*|(user(name)?|pass(word)?|pwd|secret|token|admin):?)$/i;

/** RFC 2606 / 6761 names and loopback: credentials for them are examples or local test servers. */
const RESERVED_HOST = /(^|\.)(example\.(com|org|net)|example|test|invalid|localhost)$|^127\.0\.0\.1$/i;

interface Pattern {
  test: RegExp;
  /** The capture group holding the secret value (checked against placeholders). */
  group: number;
  /** The capture group holding a host: hosts reserved for documentation and tests are allowed. */
  host?: number;
  what: string;
  fix: string;
}

const PATTERNS: Pattern[] = [
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
    test: /\bhttps?:\/\/([^\s:/@"'`<>]+):([^\s@/"'`<>]+)@([A-Za-z0-9.-]+)/gi,
    group: 2,
    host: 3,
    what: 'a URL with a user and password',
    fix: 'remove the credentials from the URL, change the password, and pass them through the environment',
  },
];

/** JSON keys whose non-empty literal string value is a secret. */
const SECRET_KEY = /(^|_|-)(password|passwd|token|secret|api_?key)$/i;

export function checkSecrets(project: CheckProject): Problem[] {
  const problems: Problem[] = [];
  for (const file of filesToScan(project)) {
    const absolute = project.abs(file);
    let bytes: Buffer;
    try {
      const stat = fs.statSync(absolute);
      if (!stat.isFile() || stat.size > MAX_BYTES) continue;
      bytes = fs.readFileSync(absolute);
    } catch {
      continue; // listed by git but deleted in the working tree
    }
    if (bytes.subarray(0, 8000).includes(0)) continue; // binary
    const text = bytes.toString('utf8');
    if (text.split('\n', 10).some((line) => line.includes(FILE_MARKER))) continue;
    problems.push(...scanText(file, text));
    if (file.endsWith('.json')) problems.push(...scanJson(file, text));
  }
  return problems;
}

function filesToScan(project: CheckProject): string[] {
  const git = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: project.dir, encoding: 'utf8' });
  const inRepo = git.status === 0 && fs.existsSync(path.join(project.dir, '.git'));
  const files = inRepo ? git.stdout.split('\0').filter(Boolean) : walk(project.dir, '');
  if (project.exists('app_settings.json')) files.push('app_settings.json');
  return [...new Set(files)].filter((file) => !SKIPPED.test(file) && !BINARY_EXTENSIONS.test(file)).sort();
}

function walk(root: string, relative: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED.test(`${child}/`)) files.push(...walk(root, child));
    } else if (entry.isFile()) files.push(child);
  }
  return files;
}

function scanText(file: string, text: string): Problem[] {
  const problems: Problem[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.includes(LINE_MARKER)) return;
    for (const pattern of PATTERNS) {
      for (const match of line.matchAll(pattern.test)) {
        if (PLACEHOLDER.test(match[pattern.group])) continue;
        if (pattern.host !== undefined && RESERVED_HOST.test(match[pattern.host])) continue;
        problems.push(error(file, `line ${index + 1}`, `${pattern.what} is committed here`, pattern.fix));
      }
    }
  });
  return problems;
}

/** `"password": "…"`-style keys with a literal value, anywhere in a JSON document. */
function scanJson(file: string, text: string): Problem[] {
  let document: unknown;
  try {
    document = JSON.parse(text) as unknown;
  } catch (caught) {
    if (JSONC.test(file)) return []; // tsconfig and editor settings allow comments
    return [error(file, undefined, `not valid JSON (${caught instanceof Error ? caught.message : String(caught)})`, 'fix the syntax (a trailing comma or a missing quote)')];
  }
  const problems: Problem[] = [];
  const visit = (value: unknown, where: string): void => {
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${where}[${index}]`));
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const place = where ? `${where}.${key}` : key;
      if (SECRET_KEY.test(key) && typeof child === 'string' && child.trim() && !PLACEHOLDER.test(child.trim())) {
        problems.push(error(file, place, `"${key}" holds a literal secret`, 'remove it (and rotate it); keep secrets in the CHT credential store or the environment, and name them with a *_key setting'));
      }
      visit(child, place);
    }
  };
  visit(document, '');
  return problems;
}
