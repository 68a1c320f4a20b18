import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Top-level entries a deploy copy never needs: history, and dependencies (linked instead of copied). */
const SKIPPED = new Set(['.git', 'node_modules']);

/**
 * Copies the project into a fresh temporary folder so deploy can write workspace-specific files
 * (flow UUIDs) without touching the committed ones. `node_modules` is linked, not copied: cht-conf
 * and its webpack build resolve their dependencies from the project.
 */
export function copyProject(projectDir: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cht-rapidpro-deploy-'));
  for (const entry of fs.readdirSync(projectDir)) {
    if (SKIPPED.has(entry)) continue;
    fs.cpSync(path.join(projectDir, entry), path.join(copy, entry), { recursive: true });
  }
  const modules = path.join(projectDir, 'node_modules');
  if (fs.existsSync(modules)) fs.symlinkSync(modules, path.join(copy, 'node_modules'), 'junction');
  return copy;
}

/** Writes project-relative files into the copy. */
export function writeFiles(dir: string, files: ReadonlyMap<string, string>): void {
  for (const [relative, content] of files) {
    const target = path.resolve(dir, relative);
    if (!target.startsWith(dir + path.sep)) throw new Error(`generated file path ${relative} leaves the project folder`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}

/**
 * Brings back cht-conf's `.snapshots` (its record of what it last uploaded to each instance), so
 * the next deploy can still tell our earlier upload from someone else's edit on the server.
 */
export function keepSnapshots(copy: string, projectDir: string): void {
  const snapshots = path.join(copy, '.snapshots');
  if (fs.existsSync(snapshots)) fs.cpSync(snapshots, path.join(projectDir, '.snapshots'), { recursive: true });
}

export function removeCopy(copy: string): void {
  fs.rmSync(copy, { recursive: true, force: true });
}
