import * as fs from 'fs';
import * as path from 'path';

/** A folder this process cannot write in: a mode 0500 one, or /sys when running as root (which ignores modes). */
export function unwritableFolder(dir: string): string {
  if (process.getuid?.() === 0) return '/sys';
  const readOnly = path.join(dir, 'read-only');
  fs.mkdirSync(readOnly, 0o500);
  return readOnly;
}
