/**
 * The build benchmark, in a throwaway copy of the project (node_modules symlinked) so the repo's
 * files are never rewritten: `build --force` (every form converted), then `build` with nothing
 * changed, which should skip every form whose .xlsx checksum matches its last conversion.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SKIP = new Set(['node_modules', '.git']);

export interface BuildResult {
  fullMs: number[];
  rebuildMs: number[];
  /** The rebuild said no form needed converting. */
  rebuildSkippedForms: boolean;
}

export function copyProject(root: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cht-rapidpro-bench-'));
  for (const entry of fs.readdirSync(root)) {
    if (SKIP.has(entry)) continue;
    fs.cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function build(dir: string, force: boolean): { ms: number; output: string } {
  const start = performance.now();
  const result = spawnSync(process.execPath, [path.join(dir, 'dist', 'cli', 'index.js'), 'build', ...(force ? ['--force'] : [])], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`build${force ? ' --force' : ''} failed (exit ${result.status}):\n${output.slice(-2000)}`);
  return { ms, output };
}

export function runBuildBench(root: string, runs: number, log: (line: string) => void): BuildResult {
  const dir = copyProject(root);
  try {
    const fullMs: number[] = [];
    const rebuildMs: number[] = [];
    let rebuildSkippedForms = true;
    for (let i = 0; i < runs; i++) {
      fullMs.push(build(dir, true).ms);
      const again = build(dir, false);
      rebuildMs.push(again.ms);
      rebuildSkippedForms = rebuildSkippedForms && /forms: up to date/.test(again.output);
      log(`build: full ${Math.round(fullMs[i])} ms, rebuild ${Math.round(again.ms)} ms`);
    }
    return { fullMs, rebuildMs, rebuildSkippedForms };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
