import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface ChtConfResult {
  ok: boolean;
  output: string;
}

/** Runs cht-conf's `cht` with offline actions (never uploads) in a project folder (or `cwd`, a copy of it). */
export function runChtConf(projectDir: string, actions: string[], forms: string[] = [], env: NodeJS.ProcessEnv = process.env, cwd = projectDir): ChtConfResult {
  const cht = path.join(projectDir, 'node_modules', '.bin', 'cht');
  const args = [...actions, '--skip-version-check', ...(forms.length ? ['--', ...forms] : [])];
  const result = spawnSync(cht, args, { cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { ok: result.status === 0, output };
}

/**
 * Converts and validates the named XLSForms of `forms/<kind>/` without touching the committed
 * `.xml` until every one of them converted and validated: cht-conf deletes a form's `.xml` before
 * converting it, so converting in place would lose the committed XForm of a form that fails. The
 * folder is copied to a temporary project, converted there, and each new `.xml` moved into place
 * only when the whole run succeeded.
 */
export function convertForms(projectDir: string, kind: 'app' | 'contact', names: readonly string[], env: NodeJS.ProcessEnv = process.env): ChtConfResult {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'cht-rapidpro-convert-'));
  try {
    const packageJson = path.join(projectDir, 'package.json');
    if (fs.existsSync(packageJson)) fs.copyFileSync(packageJson, path.join(temp, 'package.json'));
    const formsDir = path.join(projectDir, 'forms', kind);
    const tempForms = path.join(temp, 'forms', kind);
    fs.cpSync(formsDir, tempForms, { recursive: true });
    const result = runChtConf(projectDir, [`convert-${kind}-forms`, `validate-${kind}-forms`], [...names], env, temp);
    if (!result.ok) return result;
    const missing = names.filter((name) => !fs.existsSync(path.join(tempForms, `${name}.xml`)));
    if (missing.length) return { ok: false, output: `${result.output}\nERROR cht-conf wrote no XForm for: ${missing.join(', ')}` };
    for (const name of names) {
      // Copy next to the target, then rename: a reader never sees a half-written .xml.
      const target = path.join(formsDir, `${name}.xml`);
      const staged = `${target}.${process.pid}.tmp`;
      fs.copyFileSync(path.join(tempForms, `${name}.xml`), staged);
      fs.renameSync(staged, target);
    }
    return result;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** The lines of cht-conf output worth showing a user when it fails. */
export function chtConfErrors(output: string): string[] {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const lines = plain.split('\n').filter((line) => /ERROR|Error:|error/.test(line));
  return lines.length ? lines.slice(0, 20) : plain.split('\n').slice(-20);
}
