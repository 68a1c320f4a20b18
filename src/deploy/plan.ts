/**
 * What a deploy will change on CHT, read from CHT without writing anything: which forms and
 * translation docs it creates or overwrites, which settings keys it replaces and which CHT keeps,
 * which credentials it stores over existing ones, and CHT's default forms the project does not
 * use. `--dry-run` prints this and stops; a real deploy prints it first and again as "overwrote".
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseProperties } from '../check/properties';
import { ChtAdmin, CouchDoc, JsonRecord, isRecord } from './cht-admin';
import { canonical } from './settings';

/**
 * CHT 4.11's default app forms: what `api/src/upload-default-docs.js` loads into an instance that
 * has no settings yet (cht-core 4.11.0 `config/default/forms/app`, built into default-docs by
 * `scripts/build/build-config.sh`). Its default contact forms (`clinic`, `district_hospital`,
 * `health_center`, `person`, create/edit) are replaced by the project's own.
 */
export const DEFAULT_APP_FORMS_411 = [
  'death_report', 'delivery', 'pnc_danger_sign_follow_up_baby', 'pnc_danger_sign_follow_up_mother', 'pregnancy',
  'pregnancy_danger_sign', 'pregnancy_danger_sign_follow_up', 'pregnancy_facility_visit_reminder', 'pregnancy_home_visit',
  'replace_user', 'undo_death_report',
] as const;

export type DocChange = 'create' | 'replace' | 'update' | 'unchanged';

export interface DocPlan {
  id: string;
  change: DocChange;
  /** For translations: what happens to CHT's custom translations. */
  note?: string;
}

export interface CredentialPlan {
  key: string;
  /** What the credential is for, and its shape (never its value). */
  purpose: string;
  /** Whether CHT holds it now; undefined when CHT did not let us look. */
  exists: boolean | undefined;
  /** `store`: set (over any value); `keep`: left as it is; `generate`: a new random secret is stored. */
  action: 'store' | 'keep' | 'generate';
}

export interface SettingsPlan {
  added: string[];
  /** Keys CHT has with another value: overwritten. */
  replaced: string[];
  unchanged: string[];
  /** Keys CHT has that the project does not set: CHT keeps them (cht-conf uploads with replace=1). */
  kept: string[];
}

export interface DeployPlan {
  forms: DocPlan[];
  translations: DocPlan[];
  settings: SettingsPlan;
  credentials: CredentialPlan[];
  /** CHT's default app forms on CHT that the project neither ships nor names in its settings. */
  unusedDefaultForms: { id: string; rev: string }[];
  /** Settings keys CHT keeps that name one of those forms (they go with them). */
  settingsOnUnusedDefaults: string[];
}

export interface CredentialRequest {
  key: string;
  purpose: string;
  /** `store` always; `keep-or-generate` keeps an existing value or generates one; `given` stores a given value. */
  mode: 'store' | 'keep-or-generate';
}

export interface PlanOptions {
  cht: ChtAdmin;
  projectDir: string;
  /** The settings deploy uploads. */
  settings: JsonRecord;
  credentials: readonly CredentialRequest[];
}

interface LocalForm {
  id: string;
  xml: string;
  properties: JsonRecord;
}

/** The form doc properties cht-conf 6.6 uploads (lib/upload-forms.js), plus the id it reads from the XForm. */
const FORM_PROPERTIES = ['title', 'context', 'icon', 'xml2sms', 'subject_key', 'hidden_fields', 'duplicate_check', 'internalId'];

export async function planDeploy(options: PlanOptions): Promise<DeployPlan> {
  const { cht, projectDir } = options;
  const [remoteForms, remoteTranslations, remoteSettings] = await Promise.all([
    cht.docsWithPrefix('form:'),
    cht.docsWithPrefix('messages-'),
    cht.settings(),
  ]);
  const remoteById = new Map(remoteForms.map((doc) => [doc._id, doc]));
  const local = localForms(projectDir);

  const forms: DocPlan[] = [];
  for (const form of local) forms.push({ id: form.id, change: await formChange(cht, form, remoteById.get(form.id)) });

  const translations = localTranslations(projectDir).map(({ id, values }) => translationPlan(id, values, remoteTranslations.find((doc) => doc._id === id)));

  const credentials: CredentialPlan[] = [];
  for (const request of options.credentials) {
    const exists = await cht.credentialExists(request.key);
    const action = request.mode === 'store' ? 'store' : exists === false ? 'generate' : 'keep';
    credentials.push({ key: request.key, purpose: request.purpose, exists, action });
  }

  const shipped = new Set(local.map((form) => form.id));
  const named = namedForms(options.settings);
  const unusedDefaultForms = DEFAULT_APP_FORMS_411
    .map((name) => remoteById.get(`form:${name}`))
    .filter((doc): doc is CouchDoc => doc !== undefined && !shipped.has(doc._id) && !named.has(doc._id.slice('form:'.length)))
    .map((doc) => ({ id: doc._id, rev: doc._rev }));
  const settings = settingsPlan(options.settings, remoteSettings);
  const unusedNames = new Set(unusedDefaultForms.map((form) => form.id.slice('form:'.length)));
  const settingsOnUnusedDefaults = settings.kept.filter((key) => stringsIn(remoteSettings[key]).some((value) => unusedNames.has(value)));

  return { forms, translations, settings, credentials, unusedDefaultForms, settingsOnUnusedDefaults };
}

/** The project's XForms as cht-conf uploads them: `forms/app/<name>.xml` → `form:<name>`, `forms/contact/person-create.xml` → `form:contact:person:create`. */
function localForms(projectDir: string): LocalForm[] {
  const forms: LocalForm[] = [];
  for (const kind of ['app', 'contact']) {
    const dir = path.join(projectDir, 'forms', kind);
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.xml')).sort()) {
      const base = file.slice(0, -'.xml'.length);
      const xml = fs.readFileSync(path.join(dir, file), 'utf8');
      const properties: JsonRecord = { title: xml.substring(xml.indexOf('<h:title>') + 9, xml.indexOf('</h:title>')) };
      // cht-conf gives contact forms this context unless their properties say otherwise.
      if (kind === 'contact') properties.context = { person: false, place: false };
      const internalId = /<model.*?>[^]*?<instance>[^]*?id="([^"]*)"[^]*?<\/instance>[^]*?<\/model>/.exec(xml)?.[1];
      if (internalId) properties.internalId = internalId;
      const propertiesFile = path.join(dir, `${base}.properties.json`);
      if (fs.existsSync(propertiesFile)) {
        const extra = JSON.parse(fs.readFileSync(propertiesFile, 'utf8')) as unknown;
        if (isRecord(extra)) for (const key of FORM_PROPERTIES) if (extra[key] !== undefined) properties[key] = extra[key];
      }
      // upload-contact-forms passes id_prefix "contact:" (cht-conf fn/upload-contact-forms.js).
      forms.push({ id: `form:${kind === 'contact' ? 'contact:' : ''}${base.replace(/-/g, ':')}`, xml, properties });
    }
  }
  return forms;
}

/** create (not on CHT), replace (CHT's XForm differs), update (only its properties differ) or unchanged. */
async function formChange(cht: ChtAdmin, form: LocalForm, remote: CouchDoc | undefined): Promise<DocChange> {
  if (!remote) return 'create';
  const attachment = Object.keys(remote._attachments ?? {}).find((name) => name === 'xml' || (name.endsWith('.xml') && name !== 'model.xml'));
  const remoteXml = attachment ? await cht.attachment(remote._id, attachment) : undefined;
  if (remoteXml !== form.xml) return 'replace';
  const differs = FORM_PROPERTIES.some((key) => form.properties[key] !== undefined && canonical(form.properties[key]) !== canonical(remote[key]));
  return differs ? 'update' : 'unchanged';
}

function localTranslations(projectDir: string): { id: string; values: Record<string, string> }[] {
  const dir = path.join(projectDir, 'translations');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter((name) => /^messages-.+\.properties$/.test(name))
    .sort()
    .map((name) => {
      const entries = parseProperties(fs.readFileSync(path.join(dir, name), 'utf8'));
      return { id: name.slice(0, -'.properties'.length), values: Object.fromEntries([...entries].map(([key, value]) => [key, unescapeProperty(value)])) };
    });
}

/** cht-conf replaces a translation doc's `custom` map (CHT's built-in `generic` map stays). */
function translationPlan(id: string, values: Record<string, string>, remote: CouchDoc | undefined): DocPlan {
  const count = Object.keys(values).length;
  if (!remote) return { id, change: 'create', note: `new language doc with ${count} custom translations` };
  const current = isRecord(remote.custom) ? remote.custom : isRecord(remote.values) ? remote.values : {};
  const currentKeys = Object.keys(current);
  if (!currentKeys.length) return { id, change: 'update', note: `adds ${count} custom translations (CHT's built-in ones stay)` };
  const dropped = currentKeys.filter((key) => !(key in values)).length;
  const changed = currentKeys.filter((key) => key in values && current[key] !== values[key]).length;
  const added = Object.keys(values).filter((key) => !(key in current)).length;
  if (!dropped && !changed && !added) return { id, change: 'unchanged' };
  const parts = [changed ? `${changed} changed` : '', added ? `${added} added` : '', dropped ? `${dropped} on CHT not in the project dropped` : ''].filter(Boolean);
  return { id, change: 'replace', note: `replaces CHT's custom translations (${parts.join(', ')})` };
}

/** Java properties escapes in a value: `\n`, `\t`, `\uXXXX`, `\x` → x. */
function unescapeProperty(value: string): string {
  return value.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_match, escaped: string) => {
    if (escaped.length === 5) return String.fromCharCode(parseInt(escaped.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', f: '\f' } as Record<string, string>)[escaped] ?? escaped;
  });
}

function settingsPlan(uploaded: JsonRecord, remote: JsonRecord): SettingsPlan {
  const plan: SettingsPlan = { added: [], replaced: [], unchanged: [], kept: [] };
  for (const key of Object.keys(uploaded).sort()) {
    if (!(key in remote)) plan.added.push(key);
    else if (sameSetting(key, uploaded[key], remote[key])) plan.unchanged.push(key);
    else plan.replaced.push(key);
  }
  plan.kept = Object.keys(remote).filter((key) => !(key in uploaded)).sort();
  return plan;
}

/** CHT adds its default permissions to whatever is uploaded (services/settings.js): compare ours only. */
function sameSetting(key: string, ours: unknown, theirs: unknown): boolean {
  if (key === 'permissions' && isRecord(ours) && isRecord(theirs)) {
    return Object.keys(ours).every((permission) => canonical(ours[permission]) === canonical(theirs[permission]));
  }
  return canonical(ours) === canonical(theirs);
}

/** Every string in a JSON value. */
function stringsIn(value: unknown): string[] {
  const found: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length) {
    const item = stack.pop();
    if (typeof item === 'string') found.push(item);
    else if (Array.isArray(item)) stack.push(...item);
    else if (isRecord(item)) stack.push(...Object.values(item));
  }
  return found;
}

/** Default form names the settings name, as a value or quoted inside code (task and target rules). */
function namedForms(settings: JsonRecord): Set<string> {
  const strings = stringsIn(settings);
  return new Set(DEFAULT_APP_FORMS_411.filter((name) => strings.some((text) => text === name || new RegExp(`["'\`]${name}["'\`]`).test(text))));
}

// ---------------------------------------------------------------------------------------------
// Reporting

export function overwrites(plan: DeployPlan): string[] {
  return [
    ...plan.forms.filter((doc) => doc.change === 'replace').map((doc) => `${doc.id} (CHT's XForm differs)`),
    ...plan.translations.filter((doc) => doc.change === 'replace').map((doc) => `${doc.id} custom translations`),
    ...plan.settings.replaced.map((key) => `setting ${key}`),
    ...plan.credentials.filter((credential) => credential.action === 'store' && credential.exists).map((credential) => `credential ${credential.key}`),
  ];
}

/** The plan for people: what is created, overwritten, kept, and what an option would remove. */
export function describePlan(plan: DeployPlan, options: { removeDefaultForms: boolean; future: boolean }): string[] {
  const will = options.future ? 'would' : 'will';
  const lines: string[] = [];
  const byChange = (docs: DocPlan[], change: DocChange) => docs.filter((doc) => doc.change === change).map((doc) => doc.id);
  const forms = plan.forms;
  lines.push(`forms (${forms.length}): ${[
    count(byChange(forms, 'create'), 'new'),
    count(byChange(forms, 'replace'), "overwrite CHT's differing copy"),
    count(byChange(forms, 'update'), 'update properties'),
    count(byChange(forms, 'unchanged'), 'unchanged'),
  ].filter(Boolean).join('; ')}`);
  for (const doc of plan.translations) lines.push(`translations ${doc.id}: ${doc.note ?? doc.change}`);
  const settings = plan.settings;
  lines.push(`settings: ${[
    count(settings.added, 'added'),
    count(settings.replaced, 'overwritten (differ on CHT)'),
    settings.unchanged.length ? `${settings.unchanged.length} unchanged` : '',
  ].filter(Boolean).join('; ') || 'nothing to upload'}`);
  if (settings.kept.length) lines.push(`settings CHT keeps (not in the project): ${settings.kept.join(', ')}`);
  for (const credential of plan.credentials) {
    const state = credential.exists === undefined ? 'CHT did not say whether it exists' : credential.exists ? 'exists' : 'absent';
    const action = credential.action === 'keep'
      ? 'kept as it is'
      : credential.action === 'generate'
        ? `${will} be generated and stored`
        : credential.exists ? `${will} be overwritten` : `${will} be stored`;
    lines.push(`credential ${credential.key} (${credential.purpose}): ${state}, ${action}`);
  }
  if (plan.unusedDefaultForms.length) {
    const ids = plan.unusedDefaultForms.map((form) => form.id).join(', ');
    const settingsNote = plan.settingsOnUnusedDefaults.length ? ` and the settings that name them (${plan.settingsOnUnusedDefaults.join(', ')})` : '';
    lines.push(options.removeDefaultForms
      ? `CHT's default forms the project does not use: ${ids} — ${will} be deleted${settingsNote}`
      : `CHT's default forms the project does not use stay: ${ids}${settingsNote ? ` (settings naming them: ${plan.settingsOnUnusedDefaults.join(', ')})` : ''}; --remove-default-forms deletes them`);
  }
  const overwritten = overwrites(plan);
  lines.push(overwritten.length ? `overwrites on CHT: ${overwritten.join(', ')}` : 'overwrites on CHT: none');
  return lines;
}

function count(ids: string[], what: string): string {
  return ids.length ? `${ids.length} ${what}${ids.length <= 12 ? ` (${ids.join(', ')})` : ''}` : '';
}
