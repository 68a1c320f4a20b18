/**
 * Every icon the configuration names must exist on CHT, or the app shows a blank where the icon
 * goes: with a `resources.json`, in it (cht-conf's upload replaces CHT's resources with it) and its
 * file in `resources/`; without one, among a fresh CHT 4.11's default icons.
 */
import * as fs from 'fs';
import * as path from 'path';
import { closest, didYouMean } from '../closest';
import { CheckProject } from '../project';
import { Problem, error, warning } from '../problem';
import { CHT_4_11_DEFAULT_ICONS, ICON_CONTENT_TYPES, iconUses } from '../../deployment/resources';

const RESOURCES = 'resources.json';

export function checkIcons(project: CheckProject): Problem[] {
  const problems: Problem[] = [];
  let baseSettings: { contact_types?: unknown } = {};
  if (project.exists('app_settings/base_settings.json')) {
    try {
      baseSettings = project.readJson('app_settings/base_settings.json') as { contact_types?: unknown };
    } catch {
      // the settings rules report a file that is not JSON
    }
  }
  const uses = iconUses(project.dir, project.workflows, baseSettings);

  let known: ReadonlySet<string>;
  let source: string;
  if (project.exists(RESOURCES)) {
    let resources: unknown;
    try {
      resources = project.readJson(RESOURCES);
    } catch (caught) {
      return [error(RESOURCES, undefined, `is not valid JSON (${caught instanceof Error ? caught.message : String(caught)})`, 'write it as { "icon-name": "file.svg", … }')];
    }
    if (!resources || typeof resources !== 'object' || Array.isArray(resources)) {
      return [error(RESOURCES, undefined, 'is not an object of icon names to files', 'write it as { "icon-name": "file.svg", … }')];
    }
    const entries = Object.entries(resources as Record<string, unknown>);
    for (const [name, file] of entries) {
      if (typeof file !== 'string' || !file) {
        problems.push(error(RESOURCES, `"${name}"`, 'names no file', 'give the file name in resources/, e.g. "icon-person.svg"'));
        continue;
      }
      if (!project.exists(path.posix.join('resources', file))) {
        problems.push(error(RESOURCES, `"${name}"`, `names resources/${file}, which does not exist`, `add the file or fix the name${didYouMean(closest(file, listResources(project)))}`));
      } else if (!ICON_CONTENT_TYPES[path.extname(file).toLowerCase()]) {
        problems.push(warning(RESOURCES, `"${name}"`, `resources/${file} is neither SVG nor PNG`, 'use an .svg or .png icon'));
      }
    }
    const referenced = new Set(entries.map(([, file]) => file));
    for (const file of listResources(project)) {
      if (!referenced.has(file)) problems.push(warning(`resources/${file}`, undefined, 'is named by no entry of resources.json, so cht-conf does not upload it', 'name it in resources.json or delete it'));
    }
    known = new Set(entries.map(([name]) => name));
    source = 'resources.json (which replaces CHT\'s icons when uploaded)';
  } else {
    known = new Set(CHT_4_11_DEFAULT_ICONS);
    source = 'CHT 4.11\'s default icons (the project has no resources.json)';
  }

  for (const use of uses) {
    if (known.has(use.icon)) continue;
    const suggestion = closest(use.icon, known);
    problems.push(error(use.file, use.place, `icon "${use.icon}" resolves to nothing: it is not in ${source}`,
      suggestion ? `did you mean "${suggestion}"? Use an existing name or add "${use.icon}" to resources.json with its file in resources/` : `add "${use.icon}" to resources.json with its file in resources/`));
  }
  return problems;
}

function listResources(project: CheckProject): string[] {
  const dir = project.abs('resources');
  if (!fs.existsSync(dir)) return [];
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else files.push(child);
    }
  };
  walk('');
  return files.sort();
}
