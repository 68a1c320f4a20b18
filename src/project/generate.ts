import * as fs from 'fs';
import * as path from 'path';

export interface GenerateOptions {
  /** Flow UUIDs by flow name, as resolved in a target RapidPro workspace (deploy). Defaults to the exported UUIDs. */
  flowUuids?: Readonly<Record<string, string>>;
}

/** Every file the workflows generate, as project-relative path → content. Pure: writes nothing. */
export function generatedFiles(_options: GenerateOptions = {}): Map<string, string> {
  return new Map();
}

/** Writes the generated files that changed; returns the paths written. */
export function writeGeneratedFiles(projectDir: string, options: GenerateOptions = {}): string[] {
  const written: string[] = [];
  for (const [relative, content] of generatedFiles(options)) {
    const target = path.join(projectDir, relative);
    if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === content) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    written.push(relative);
  }
  return written;
}
