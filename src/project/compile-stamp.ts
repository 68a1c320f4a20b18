/**
 * Whether `cht compile-app-settings` would write what `app_settings.json` already holds: the
 * compile reads the app settings (`app_settings/`, `settings.inherit.json`), the entry points
 * cht-conf bundles with webpack (tasks.js, targets.js, contact-summary.templated.js and the
 * compiled phone code they require, dist/phone and dist/phone-bundle), purge.js, the project's
 * package.json (its `imports` map) and .eslintrc, and the cht-conf, webpack and terser it runs.
 * `build` records a fingerprint of all of them and of the output after each compile (in dist/,
 * which is not committed) and skips the compile (about 3 s) while neither has changed. A fresh
 * clone, any edit, a new compiled phone file or an edited app_settings.json compiles again.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';

export const STAMP_FILE = path.join('dist', '.compile-app-settings.json');

/** Root files cht-conf's compile-app-settings reads when they exist. */
const ROOT_FILES = [
  'settings.inherit.json', 'tasks.js', 'targets.js', 'contact-summary.templated.js', 'contact-summary.js', 'purge.js', 'purging.js',
  'task-schedules.json', 'tasks.json', 'targets.json', 'rules.nools.js', 'package.json', '.eslintrc',
];
/** Folders whose files it reads or bundles. */
const FOLDERS = ['app_settings', path.join('dist', 'phone'), path.join('dist', 'phone-bundle')];
/** The tools whose versions shape the output. */
const TOOLS = ['cht-conf', 'webpack', 'terser'];

interface Stamp {
  inputs: string;
  output: string;
}

/** The fingerprint of everything the compile reads. */
export function compileInputs(projectDir: string): string {
  const hash = createHash('sha256');
  const add = (name: string, content: Buffer | string): void => {
    hash.update(name).update('\0').update(content).update('\0');
  };
  for (const file of ROOT_FILES) {
    const absolute = path.join(projectDir, file);
    if (fs.existsSync(absolute)) add(file, fs.readFileSync(absolute));
  }
  for (const folder of FOLDERS) {
    for (const file of filesUnder(path.join(projectDir, folder))) {
      const relative = path.relative(projectDir, file);
      // TypeScript's declarations and build info are not bundled
      if (/\.d\.ts$/.test(file) || path.basename(file) === '.tsbuildinfo') continue;
      add(relative, fs.readFileSync(file));
    }
  }
  const requireFromProject = createRequire(path.join(projectDir, 'package.json'));
  for (const tool of TOOLS) {
    let version = 'absent';
    try {
      version = (requireFromProject(`${tool}/package.json`) as { version: string }).version;
    } catch {
      // a tool cht-conf cannot find either: the compile will say so
    }
    add(tool, version);
  }
  return hash.digest('hex');
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const absolute = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(absolute));
    else if (entry.isFile()) out.push(absolute);
  }
  return out;
}

function outputHash(projectDir: string): string | undefined {
  const file = path.join(projectDir, 'app_settings.json');
  return fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : undefined;
}

/** True when app_settings.json is what compiling the current inputs wrote last time. */
export function compileIsFresh(projectDir: string): boolean {
  const file = path.join(projectDir, STAMP_FILE);
  if (!fs.existsSync(file)) return false;
  let stamp: Stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(file, 'utf8')) as Stamp;
  } catch {
    return false;
  }
  return stamp.output === outputHash(projectDir) && stamp.inputs === compileInputs(projectDir);
}

/** Records the inputs and the output of the compile that just ran. */
export function recordCompile(projectDir: string): void {
  const output = outputHash(projectDir);
  if (!output) return;
  const stamp: Stamp = { inputs: compileInputs(projectDir), output };
  fs.mkdirSync(path.join(projectDir, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(projectDir, STAMP_FILE), `${JSON.stringify(stamp)}\n`);
}

/** Forgets the last compile (before one that may fail half-way). */
export function forgetCompile(projectDir: string): void {
  fs.rmSync(path.join(projectDir, STAMP_FILE), { force: true });
}
