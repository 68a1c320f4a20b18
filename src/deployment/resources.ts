/**
 * Icons: the names the configuration uses (contact types, tasks, targets, record forms, app forms)
 * and what they resolve to on CHT.
 *
 * CHT looks an icon name up in the `resources` doc (`resources: { name: file }` plus the files as
 * attachments). cht-conf 6.6 `upload-resources` builds that doc from `resources.json` and the
 * files in `resources/` and *replaces* the one on CHT (attaching only the files the json names):
 * once a project ships `resources.json`, only its names exist. Without one, an instance keeps what
 * it was given: on a fresh CHT 4.11 that is `config/default/resources.json` of cht-core 4.11.0
 * (uploaded by `api/src/upload-default-docs.js` before any configuration), listed below.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Workflow } from '../workflows/workflow';

/** The icon names a fresh CHT 4.11.0 instance has (cht-core `config/default/resources.json`). */
export const CHT_4_11_DEFAULT_ICONS: readonly string[] = [
  'icon-area', 'icon-branch', 'icon-calendar', 'icon-child', 'icon-children', 'icon-clinic', 'icon-death-general',
  'icon-death-maternal', 'icon-death-neonatal', 'icon-family', 'icon-follow-up', 'icon-healthcare', 'icon-household',
  'icon-immunization', 'icon-infant', 'icon-mother-child', 'icon-new-person', 'icon-nurse', 'icon-off', 'icon-on',
  'icon-person', 'icon-pregnancy', 'icon-pregnancy-danger', 'icon-risk', 'icon-treatment',
  'medic-clinic', 'medic-district-hospital', 'medic-health-center', 'medic-person',
];

/** File types CHT serves as icons. */
export const ICON_CONTENT_TYPES: Readonly<Record<string, string>> = { '.svg': 'image/svg+xml', '.png': 'image/png' };

/** One place the configuration names an icon. */
export interface IconUse {
  icon: string;
  /** The file to fix, project-relative. */
  file: string;
  /** Where in it, e.g. `contact type health_center`, `task contact-tracing-symptomatic`. */
  place: string;
}

interface ContactTypeSetting {
  id?: unknown;
  icon?: unknown;
}

/** Every icon name the project's configuration uses. */
export function iconUses(projectDir: string, workflows: readonly Workflow[], baseSettings: { contact_types?: unknown }): IconUse[] {
  const uses: IconUse[] = [];
  const contactTypes = Array.isArray(baseSettings.contact_types) ? baseSettings.contact_types as ContactTypeSetting[] : [];
  for (const type of contactTypes) {
    if (typeof type.icon === 'string' && type.icon) uses.push({ icon: type.icon, file: 'app_settings/base_settings.json', place: `contact type ${String(type.id)}` });
  }
  for (const workflow of workflows) {
    const model = `src/phone/workflows/${workflow.id}/`;
    for (const task of workflow.rules.tasks) if (task.icon) uses.push({ icon: task.icon, file: `${model}tasks.ts`, place: `task ${task.name}` });
    for (const target of workflow.rules.targets) if (target.icon) uses.push({ icon: target.icon, file: `${model}targets.ts`, place: `target ${target.id}` });
    for (const record of workflow.rules.records) if (record.icon) uses.push({ icon: record.icon, file: `${model}model.ts`, place: `record form ${record.code}` });
  }
  // app forms: cht-conf reads `icon` from forms/app/<id>.properties.json
  const appDir = path.join(projectDir, 'forms', 'app');
  if (fs.existsSync(appDir)) {
    for (const name of fs.readdirSync(appDir).filter((file) => file.endsWith('.properties.json')).sort()) {
      let properties: unknown;
      try {
        properties = JSON.parse(fs.readFileSync(path.join(appDir, name), 'utf8'));
      } catch {
        continue; // not JSON: cht-conf reports it when it uploads the form
      }
      const icon = (properties as { icon?: unknown } | null)?.icon;
      if (typeof icon === 'string' && icon) uses.push({ icon, file: `forms/app/${name}`, place: 'icon' });
    }
  }
  return uses;
}
