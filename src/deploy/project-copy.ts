import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * What cht-conf's upload actions read from a project (CHT_CONF_ACTIONS): the XForms with their
 * properties and media, translations, resources, database indexes, and package.json (cht-conf
 * checks the project's cht-conf version). `app_settings.json` is written by deploy. Nothing else
 * is copied: no sources, no tests, no node_modules.
 */
const COPIED = ['package.json', 'forms/app', 'forms/contact', 'translations', 'resources.json', 'resources', 'database-indexes.json'];

/** Spreadsheets and Excel lock files stay behind: cht-conf uploads the converted `.xml`. */
const NOT_UPLOADED = /\.(xlsx|xls)$|(^|\/)~\$/;

/** The folder the temporary copies go in; one per deploy, readable by its owner only (mkdtemp: 0700). */
export const COPY_PREFIX = 'cht-rapidpro-deploy-';

/**
 * Copies what cht-conf uploads into a fresh temporary folder, so deploy can write the settings
 * for one workspace (flow UUIDs, the RapidPro URL) without touching the committed files, and so
 * cht-conf's `.snapshots/` stays in the copy and goes with it.
 */
export function copyProject(projectDir: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), COPY_PREFIX));
  try {
    for (const entry of COPIED) {
      const source = path.join(projectDir, entry);
      if (!fs.existsSync(source)) continue;
      fs.cpSync(source, path.join(copy, entry), { recursive: true, filter: (file) => !NOT_UPLOADED.test(file) });
    }
  } catch (error) {
    removeCopy(copy);
    throw error;
  }
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

export function removeCopy(copy: string): void {
  fs.rmSync(copy, { recursive: true, force: true });
}
