import { spawnSync } from 'child_process';
import * as path from 'path';

export interface ChtConfResult {
  ok: boolean;
  output: string;
}

/** Runs cht-conf's `cht` with offline actions (never uploads) in a project folder. */
export function runChtConf(projectDir: string, actions: string[], forms: string[] = [], env: NodeJS.ProcessEnv = process.env): ChtConfResult {
  const cht = path.join(projectDir, 'node_modules', '.bin', 'cht');
  const args = [...actions, '--skip-version-check', ...(forms.length ? ['--', ...forms] : [])];
  const result = spawnSync(cht, args, { cwd: projectDir, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { ok: result.status === 0, output };
}

/** The lines of cht-conf output worth showing a user when it fails. */
export function chtConfErrors(output: string): string[] {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const lines = plain.split('\n').filter((line) => /ERROR|Error:|error/.test(line));
  return lines.length ? lines.slice(0, 20) : plain.split('\n').slice(-20);
}
