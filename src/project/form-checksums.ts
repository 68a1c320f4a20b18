/**
 * Which XLSForms need converting. `forms/checksums.json` records the SHA-256 of each `.xlsx` whose
 * `.xml` was last converted from it, so a rebuild with nothing changed converts nothing, and a
 * test can tell an edited `.xlsx` whose `.xml` was not rebuilt (a stale form) in milliseconds.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { stableJson } from './stable-json';

export const FORM_KINDS = ['app', 'contact'] as const;
export type FormKind = (typeof FORM_KINDS)[number];
export const CHECKSUMS_FILE = 'forms/checksums.json';

/** `<kind>/<name>` → SHA-256 of the `.xlsx`. */
export type FormChecksums = Record<string, string>;

export interface FormSource {
  kind: FormKind;
  /** The form name: the file name without `.xlsx`. */
  name: string;
  key: string;
  xlsx: string;
  xml: string;
}

export function formSources(projectDir: string): FormSource[] {
  return FORM_KINDS.flatMap((kind) => {
    const dir = path.join(projectDir, 'forms', kind);
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true })
      // A folder named *.xlsx is not a form (check reports it); Excel's ~$ lock files neither.
      .filter((entry) => entry.isFile() && entry.name.endsWith('.xlsx') && !entry.name.startsWith('~$'))
      .map((entry) => entry.name)
      .sort()
      .map((file) => {
        const name = file.slice(0, -'.xlsx'.length);
        return { kind, name, key: `${kind}/${name}`, xlsx: path.join(dir, file), xml: path.join(dir, `${name}.xml`) };
      });
  });
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function readChecksums(projectDir: string): FormChecksums {
  const file = path.join(projectDir, CHECKSUMS_FILE);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as FormChecksums) : {};
}

export function writeChecksums(projectDir: string, checksums: FormChecksums): void {
  const sorted = Object.fromEntries(Object.entries(checksums).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(path.join(projectDir, CHECKSUMS_FILE), stableJson(sorted));
}

/** Forms whose `.xml` is missing or was converted from a different `.xlsx`. */
export function formsToConvert(projectDir: string): FormSource[] {
  const recorded = readChecksums(projectDir);
  return formSources(projectDir).filter((form) => !fs.existsSync(form.xml) || recorded[form.key] !== sha256File(form.xlsx));
}
