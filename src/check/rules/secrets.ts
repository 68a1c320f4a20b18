/**
 * No credential in a committed file or in the compiled app settings: CHT keeps credentials in its
 * encrypted store (`value_key` / `password_key` name them) and RapidPro reads them from workspace
 * globals (`@globals.cht_auth`), so a literal token anywhere in the tree is a leak.
 *
 * Scanned: the files git lists (tracked — even when ignored, e.g. a force-added `.env` — or new
 * and not ignored) plus `app_settings.json`; outside a git checkout, every file below the project
 * except node_modules, .git and dist. Every file is read, whatever its size, in chunks.
 *
 * What is looked for (./secret-scan.ts says exactly what counts):
 * - in every file, binary ones included: the high-confidence shapes (RapidPro token, literal
 *   Authorization value, URL with a password);
 * - by file type, a secret-named setting with a literal value: `.env`/shell, `.properties`,
 *   YAML/INI/TOML, source code, JSON keys, and the cells of spreadsheets (`.xlsx`, `.xls`, `.ods`).
 *   Test code (`test/`, `*.spec.*`, `*.test.*`) runs local fake servers with fake passwords, and
 *   translation files (`messages-*.properties`) hold words like "Password" as UI text: both get
 *   the high-confidence shapes only.
 * Allowed: a line containing `check:allow-secret`, and a file whose first lines say
 * `check:allow-secrets-in-file` (fixtures that hold fake tokens on purpose).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { StringDecoder } from 'string_decoder';
import * as XLSX from 'xlsx';
import { CheckProject } from '../project';
import { Problem, error, warning } from '../problem';
import { LineFinding, findConfigAssignment, findEnvAssignment, findShapes, findSourceAssignment, isPlaceholder, isSecretName } from './secret-scan';
import { isRecord } from './translations';

const LINE_MARKER = 'check:allow-secret';
const FILE_MARKER = 'check:allow-secrets-in-file';
const SKIPPED = /(^|\/)(node_modules|\.git|dist)\/|(^|\/)package-lock\.json$/;
/** JSON-with-comments files that are not meant for JSON.parse. */
const JSONC = /(^|\/)(tsconfig[^/]*|jsconfig[^/]*|\.vscode\/[^/]*)\.json$/;
/** Larger JSON files are not parsed whole; their lines get the source-code scan instead. */
const MAX_PARSED_JSON_BYTES = 64 * 1024 * 1024;

/** Read size, and the longest stretch of one line scanned at once (a minified file is one line). */
const CHUNK_BYTES = 1024 * 1024;
/** Kept from the end of a long line's scanned stretch, so a secret across the cut is still seen. */
const OVERLAP_CHARS = 8 * 1024;

type Kind = 'env' | 'properties' | 'config' | 'source' | 'json' | 'workbook' | 'text';

function kindOf(file: string): Kind {
  const base = path.basename(file);
  if (/^\.env(\..*)?$/.test(base) || /\.(env|sh|bash|zsh)$/.test(base)) return 'env';
  if (/\.(xlsx|xlsm|xls|ods)$/i.test(base)) return 'workbook';
  if (/\.properties$/.test(base)) return 'properties';
  if (/\.(ya?ml|ini|cfg|conf|toml)$/.test(base)) return 'config';
  if (/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|py|rb|go|java|kt|cs|php|swift)$/.test(base)) return 'source';
  if (/\.json$/.test(base)) return 'json';
  return 'text';
}

/** Files whose fake credentials are expected: only the high-confidence shapes apply. */
function shapesOnly(file: string): boolean {
  return /(^|\/)(test|tests|__tests__)\//.test(file) || /\.(spec|test)\.[a-z]+$/.test(file) || /(^|\/)messages-[^/]*\.properties$/.test(file);
}

export function checkSecrets(project: CheckProject): Problem[] {
  const problems: Problem[] = [];
  for (const file of filesToScan(project)) {
    const absolute = project.abs(file);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      continue; // listed by git but deleted in the working tree
    }
    if (!stat.isFile()) continue;
    try {
      problems.push(...scanFile(file, absolute, stat.size));
    } catch (caught) {
      const code = (caught as NodeJS.ErrnoException).code ?? (caught instanceof Error ? caught.message : String(caught));
      problems.push(warning(file, undefined, `could not be read (${code}), so it was not checked for secrets`, 'make it readable and run check again'));
    }
  }
  return problems;
}

function scanFile(file: string, absolute: string, size: number): Problem[] {
  const kind = kindOf(file);
  if (kind === 'workbook') return scanWorkbook(file, absolute);
  const head = readHead(absolute);
  if (head.includes(0)) return scanBinary(file, absolute);
  if (head.toString('utf8').split('\n', 10).some((line) => line.includes(FILE_MARKER))) return [];

  const keyValues = shapesOnly(file) ? undefined : lineScanner(kind, size);
  const problems: Problem[] = [];
  forEachLine(absolute, 'utf8', (line, number) => {
    if (line.includes(LINE_MARKER)) return;
    const found = [...findShapes(line), ...(keyValues ? keyValues(line) : [])];
    for (const finding of found) problems.push(error(file, `line ${number}`, finding.what, finding.fix));
  });
  if (kind === 'json' && size <= MAX_PARSED_JSON_BYTES) problems.push(...scanJson(file, fs.readFileSync(absolute, 'utf8'), !shapesOnly(file)));
  return problems;
}

/** The per-line secret-named-setting scan for a kind of file, if it has one. */
function lineScanner(kind: Kind, size: number): ((line: string) => LineFinding[]) | undefined {
  switch (kind) {
    case 'env': return findEnvAssignment;
    case 'properties': return (line) => findConfigAssignment(line, false);
    case 'config': return (line) => findConfigAssignment(line, true);
    case 'source': return findSourceAssignment;
    // Parsed whole (keys with their paths) unless too large: then `"password": "…"` line by line.
    case 'json': return size > MAX_PARSED_JSON_BYTES ? findSourceAssignment : undefined;
    default: return undefined;
  }
}

function readHead(absolute: string): Buffer {
  const fd = fs.openSync(absolute, 'r');
  try {
    const buffer = Buffer.alloc(8000);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Calls `visit` for every line of the file, reading it in chunks so no file is too large. A line
 * longer than a chunk is visited in stretches that overlap, all under its own line number.
 */
export function forEachLine(absolute: string, encoding: 'utf8' | 'latin1', visit: (line: string, number: number) => void): void {
  const fd = fs.openSync(absolute, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    const decoder = new StringDecoder(encoding);
    let carry = '';
    let number = 1;
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      const lines = (carry + decoder.write(buffer.subarray(0, read))).split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) visit(line, number++);
      if (carry.length > CHUNK_BYTES) {
        visit(carry, number);
        carry = carry.slice(-OVERLAP_CHARS);
      }
    }
    carry += decoder.end();
    if (carry) visit(carry, number);
  } finally {
    fs.closeSync(fd);
  }
}

/** Binary files: the high-confidence shapes over the raw bytes (a token stored uncompressed is still a token). */
function scanBinary(file: string, absolute: string): Problem[] {
  const problems: Problem[] = [];
  forEachLine(absolute, 'latin1', (line) => {
    for (const finding of findShapes(line)) problems.push(error(file, 'binary content', finding.what, finding.fix));
  });
  return problems;
}

/**
 * Spreadsheets: every cell of every sheet (its text and its formula) gets the high-confidence
 * shapes and the `name = value` / `name: value` scan, since an app builder can paste a token into
 * a calculation, a default or a note.
 */
function scanWorkbook(file: string, absolute: string): Problem[] {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(fs.readFileSync(absolute), { type: 'buffer', cellFormula: true, cellHTML: false });
  } catch (caught) {
    const reason = caught instanceof Error ? caught.message : String(caught);
    return [warning(file, undefined, `cannot be read as a workbook (${reason}), so its cells were not checked for secrets`, 'save it again from Excel or LibreOffice')];
  }
  const problems: Problem[] = [];
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    for (const [address, cell] of Object.entries(sheet)) {
      if (address.startsWith('!')) continue;
      const value = cell as XLSX.CellObject;
      for (const text of [value.v === undefined || value.v === null ? '' : String(value.v), value.f ?? '']) {
        if (!text || text.includes(LINE_MARKER)) continue;
        for (const line of text.split(/\r?\n/)) {
          for (const finding of [...findShapes(line), ...(shapesOnly(file) ? [] : findConfigAssignment(line, false))]) {
            problems.push(error(file, `sheet "${name}" cell ${address}`, finding.what, finding.fix));
          }
        }
      }
    }
  }
  return problems;
}

function filesToScan(project: CheckProject): string[] {
  const git = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: project.dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const inRepo = git.status === 0 && fs.existsSync(path.join(project.dir, '.git'));
  const files = inRepo ? git.stdout.split('\0').filter(Boolean) : walk(project.dir, '');
  if (project.exists('app_settings.json')) files.push('app_settings.json');
  return [...new Set(files)].filter((file) => !SKIPPED.test(file)).sort();
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

/** `"password": "…"`-style keys with a literal value, anywhere in a JSON document. */
function scanJson(file: string, text: string, keyValues: boolean): Problem[] {
  let document: unknown;
  try {
    document = JSON.parse(text) as unknown;
  } catch (caught) {
    if (JSONC.test(file)) return []; // tsconfig and editor settings allow comments
    return [error(file, undefined, `not valid JSON (${caught instanceof Error ? caught.message : String(caught)})`, 'fix the syntax (a trailing comma or a missing quote)')];
  }
  if (!keyValues) return [];
  const problems: Problem[] = [];
  // Iterative, so a deeply nested document cannot overflow the stack.
  const stack: { value: unknown; where: string }[] = [{ value: document, where: '' }];
  while (stack.length) {
    const { value, where } = stack.pop() as { value: unknown; where: string };
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, where: `${where}[${index}]` }));
      continue;
    }
    if (!isRecord(value)) continue;
    for (const [key, child] of Object.entries(value)) {
      const place = where ? `${where}.${key}` : key;
      if (isSecretName(key) && typeof child === 'string' && !isPlaceholder(child) && !child.includes(LINE_MARKER)) {
        problems.push(error(file, place, `"${key}" holds a literal secret`, 'remove it (and rotate it); keep secrets in the CHT credential store or the environment, and name them with a *_key setting'));
      }
      stack.push({ value: child, where: place });
    }
  }
  return problems.sort((a, b) => String(a.place).localeCompare(String(b.place)));
}
