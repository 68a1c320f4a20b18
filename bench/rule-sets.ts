/**
 * The `tasks.rules` bundles the benchmark runs, each built by the real cht-conf compile (its
 * `compileTasksAndTargets`: webpack with cht-conf's `lib.js`, minified, as `compile-app-settings`
 * does): ours is the one in the built `app_settings.json`; the baselines and the floor are
 * compiled from bench/baselines (TypeScript transpiled to CommonJS first, as an app would write
 * JavaScript) into a temporary project.
 */
import * as fs from 'fs';
import { createRequire } from 'node:module';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

export type RuleSetId = 'ours' | 'configCovid' | 'postOps' | 'floor' | 'chtOnly';

export interface RuleSet {
  id: RuleSetId;
  label: string;
  /** The compiled `tasks.rules`. */
  rules: string;
}

export const LABELS: Record<RuleSetId, string> = {
  ours: 'ours',
  configCovid: 'config-covid style',
  postOps: 'post-ops style',
  floor: 'floor',
  chtOnly: 'CHT + cht-conf only',
};

const ROOT = path.resolve(__dirname, '..');
const BASELINES = path.join(__dirname, 'baselines');
const DIRS: Record<Exclude<RuleSetId, 'ours'>, string> = {
  configCovid: 'config-covid-style',
  postOps: 'post-ops-style',
  floor: 'floor',
  chtOnly: 'cht-only',
};

interface Compiler {
  (projectDir: string, options: object): Promise<{ rules: string }>;
}

export async function ruleSets(appSettings: { tasks: { rules: string } }): Promise<RuleSet[]> {
  const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));
  // cht-conf logs every webpack build: keep the benchmark's output to its figures
  const log = requireFromRoot('cht-conf/src/lib/log') as { level: number; LEVEL_ERROR: number };
  const level = log.level;
  log.level = log.LEVEL_ERROR;
  const compile = requireFromRoot('cht-conf/src/lib/compilation/compile-tasks-and-targets') as Compiler;
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'cht-rapidpro-bench-rules-'));
  try {
    transpile(BASELINES, path.join(temp, 'baselines'));
    const sets: RuleSet[] = [{ id: 'ours', label: LABELS.ours, rules: appSettings.tasks.rules }];
    for (const [id, dir] of Object.entries(DIRS) as [Exclude<RuleSetId, 'ours'>, string][]) {
      const project = path.join(temp, `${dir}-project`);
      fs.mkdirSync(project);
      fs.writeFileSync(path.join(project, 'tasks.js'), `module.exports = require('../baselines/${dir}/tasks');\n`);
      fs.writeFileSync(path.join(project, 'targets.js'), `module.exports = require('../baselines/${dir}/targets');\n`);
      fs.writeFileSync(path.join(project, '.eslintrc'), JSON.stringify({ root: true, env: { es2020: true, node: true }, parserOptions: { ecmaVersion: 2020 } }));
      const compiled = await compile(project, { minifyScripts: true, haltOnWebpackWarning: false, haltOnLintMessage: false, haltOnSchemaError: true });
      sets.push({ id, label: LABELS[id], rules: compiled.rules });
    }
    return sets;
  } finally {
    log.level = level;
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** Every .ts under `from` as CommonJS .js under `to`, same layout (type-only imports vanish). */
function transpile(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      transpile(source, path.join(to, entry.name));
    } else if (entry.name.endsWith('.ts')) {
      const output = ts.transpileModule(fs.readFileSync(source, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
        fileName: entry.name,
      });
      fs.mkdirSync(to, { recursive: true });
      fs.writeFileSync(path.join(to, entry.name.replace(/\.ts$/, '.js')), output.outputText);
    }
  }
}
