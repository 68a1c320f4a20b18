/**
 * The build benchmark, in a throwaway copy of the project (node_modules symlinked) so the repo's
 * files are never rewritten: what `npm run build` runs (`tsc -b`, then `cht-rapidpro build`),
 * first from nothing (no dist/, `build --force`: every form converted, app_settings.json compiled),
 * then with nothing changed, which should compile no TypeScript, skip cht-conf's compile and
 * convert no form.
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
  /** The rebuild said app_settings.json was up to date. */
  rebuildSkippedCompile: boolean;
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

function run(dir: string, args: string[], what: string): string {
  const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${output.slice(-2000)}`);
  return output;
}

/** `npm run build` (without npm's own start-up): tsc -b, then build. */
function build(dir: string, force: boolean): { ms: number; output: string } {
  const start = performance.now();
  run(dir, [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], 'tsc -b');
  const output = run(dir, [path.join(dir, 'dist', 'cli', 'index.js'), 'build', ...(force ? ['--force'] : [])], `build${force ? ' --force' : ''}`);
  return { ms: performance.now() - start, output };
}

export function runBuildBench(root: string, runs: number, log: (line: string) => void): BuildResult {
  const dir = copyProject(root);
  try {
    const fullMs: number[] = [];
    const rebuildMs: number[] = [];
    let rebuildSkippedForms = true;
    let rebuildSkippedCompile = true;
    for (let i = 0; i < runs; i++) {
      fs.rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
      fullMs.push(build(dir, true).ms);
      const again = build(dir, false);
      rebuildMs.push(again.ms);
      rebuildSkippedForms = rebuildSkippedForms && /forms: up to date/.test(again.output);
      rebuildSkippedCompile = rebuildSkippedCompile && /app_settings\.json up to date/.test(again.output);
      log(`build: full ${Math.round(fullMs[i])} ms, nothing changed ${Math.round(again.ms)} ms`);
    }
    return { fullMs, rebuildMs, rebuildSkippedForms, rebuildSkippedCompile };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
