/**
 * Every translation key the app shows must exist in English, French and Swahili, and every
 * XLSForm question labelled in English must be labelled in French and Swahili too: CHT shows a
 * raw key (or an empty question) to a user whose language lacks it.
 */
import * as fs from 'fs';
import { closest } from '../closest';
import { CheckProject } from '../project';
import { Problem, error } from '../problem';
import { parseProperties } from '../properties';
import { XlsForm, languageOf } from '../../xlsform';
import { BASE_PROFILE_KEYS } from '../../phone/kit/contact-summary';
import { translationKeysOf } from '../../phone/kit/rules';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'French' },
  { code: 'sw', name: 'Swahili' },
] as const;

/** A key and who uses it (for the message). */
interface KeyUse {
  key: string;
  user: string;
}

export function checkTranslations(project: CheckProject): Problem[] {
  const uses = translationKeyUses(project);
  const problems: Problem[] = [];
  for (const { code } of LANGUAGES) {
    const file = `translations/messages-${code}.properties`;
    if (!project.exists(file)) {
      problems.push(error(file, undefined, `the ${code} translations file is missing`, `create it with the ${uses.length} keys the app uses`));
      continue;
    }
    const messages = parseProperties(fs.readFileSync(project.abs(file), 'utf8'));
    const seen = new Set<string>();
    for (const { key, user } of uses) {
      if (seen.has(key)) continue;
      seen.add(key);
      if (messages.get(key)) continue;
      const suggestion = messages.has(key) ? undefined : closest(key, messages.keys());
      problems.push(error(file, undefined, `${messages.has(key) ? 'empty' : 'missing'} translation "${key}" (used by ${user})`,
        suggestion ? `did you mean "${suggestion}"? Fix the key or add "${key} = …"` : `add "${key} = …"`));
    }
  }
  return problems;
}

function translationKeyUses(project: CheckProject): KeyUse[] {
  const uses: KeyUse[] = [];
  const add = (key: string | undefined, user: string): void => {
    if (key) uses.push({ key, user });
  };
  // the toolkit's standard profile fields (labels and translated values), on every person and place profile
  for (const key of BASE_PROFILE_KEYS) add(key, 'the contact summary (src/phone/kit/contact-summary.ts)');
  for (const workflow of project.workflows) {
    for (const key of translationKeysOf(workflow.rules)) add(key, `workflow ${workflow.id}`);
    for (const target of workflow.rules.targets) {
      add(target.subtitle_translation_key, `target ${target.id}`);
      add(target.percentage_count_translation_key, `target ${target.id}`);
    }
  }
  const base = 'app_settings/base_settings.json';
  if (project.exists(base)) {
    const settings = safeJson(project, base);
    for (const type of arrayOf(settings, 'contact_types')) {
      for (const field of ['name_key', 'group_key', 'create_key', 'edit_key', 'primary_contact_key']) {
        add(stringOf(type, field), `contact type ${stringOf(type, 'id')} (${base})`);
      }
    }
    const roles = isRecord(settings) ? settings.roles : undefined;
    if (isRecord(roles)) for (const [id, role] of Object.entries(roles)) add(stringOf(role, 'name'), `role ${id} (${base})`);
  }
  return uses;
}

/** An XLSForm row with an English label needs a French and a Swahili one. */
export function checkFormLabels(form: XlsForm): Problem[] {
  const problems: Problem[] = [];
  const sheets = [
    { sheet: 'survey', columns: form.surveyColumns, rows: form.survey.map((row) => ({ row: row.row, name: row.name || row.type, cells: row.cells })) },
    { sheet: 'choices', columns: form.choiceColumns, rows: form.choices.map((row) => ({ row: row.row, name: `${row.list}/${row.name}`, cells: row.cells })) },
  ];
  for (const { sheet, columns, rows } of sheets) {
    const english = columns.find((column) => languageOf(column) === 'en') ?? columns.find((column) => languageOf(column) === '');
    if (!english) continue;
    for (const { code, name } of LANGUAGES.filter((language) => language.code !== 'en')) {
      const column = columns.find((candidate) => languageOf(candidate) === code);
      const labelled = rows.filter((row) => (row.cells[english] ?? '').trim() !== '');
      if (!column) {
        if (labelled.length) problems.push(error(form.file, sheet, `no label::${code} column (${labelled.length} rows have an English label)`, `add a label::${code} column with the ${name} labels`));
        continue;
      }
      for (const row of labelled) {
        if ((row.cells[column] ?? '').trim() === '') {
          problems.push(error(form.file, `${sheet} row ${row.row}`, `missing ${name} label for "${row.name}"`, `fill in ${column}`));
        }
      }
    }
  }
  return problems;
}

function safeJson(project: CheckProject, file: string): unknown {
  try {
    return project.readJson(file);
  } catch {
    return undefined; // reported by the secrets/JSON rules; no keys to check then
  }
}

function arrayOf(value: unknown, key: string): unknown[] {
  const child = isRecord(value) ? value[key] : undefined;
  return Array.isArray(child) ? child : [];
}

function stringOf(value: unknown, key: string): string | undefined {
  const child = isRecord(value) ? value[key] : undefined;
  return typeof child === 'string' ? child : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
