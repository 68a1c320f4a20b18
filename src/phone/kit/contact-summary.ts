/**
 * Contact summary (`contact-summary.templated.js`): the types after cht-conf's contact-summary
 * emitter, the profile card a workflow contributes (`workflowSummary`, whose labels derive from the
 * workflow id and a declared list of keys), the standard profile fields every CHT app shows, and
 * the composition of them all.
 *
 * CHT gives a place's profile the reports of the persons under it too
 * (webapp `contact-view-model-generator.service.ts` `loadReports`), so a workflow's card is built
 * only for the contact types it describes (persons by default) and from the reports about that
 * contact alone; its fields and cards also carry `appliesToType`, which cht-conf's emitter checks.
 */
import { ContactDoc, ReportDoc } from './docs';
import { Keyed, profileKey } from './keys';
import { LOCALES, Locale } from './locale';
import { PERSON_ROLES, PersonRole } from './roles';

export interface SummaryField {
  label: string;
  /** Text, a number, or what the filter expects (e.g. the lineage array for `lineage`). */
  value: unknown;
  appliesToType?: string | string[];
  appliesIf?: (contact: ContactDoc, report?: ReportDoc) => boolean;
  filter?: 'age' | 'phone' | 'relativeDay' | 'simpleDate' | 'dateOfDeath' | 'weeksPregnant' | 'lineage' | 'resourceIcon' | 'translate';
  translate?: boolean;
  context?: Record<string, unknown>;
  icon?: string;
  width?: 3 | 4 | 6 | 12;
}

export interface SummaryCard {
  label: string;
  appliesToType?: string | string[];
  appliesIf?: (contact: ContactDoc, report?: ReportDoc) => boolean;
  modifyContext?: (context: Record<string, unknown>) => void;
  fields: SummaryField[];
}

/** What `contact-summary.templated.js` exports. `context` is readable in forms as `instance('contact-summary')/context/…`. */
export interface ContactSummary {
  fields: SummaryField[];
  cards: SummaryCard[];
  context: Record<string, unknown>;
}

/** What one workflow adds to a contact's profile. */
export type SummaryPart = Partial<ContactSummary>;

/** The profile label or value key `contact.profile.<workflow>.<key>`. */
export type ProfileKey<W extends string, K extends string> = `contact.profile.${W}.${K}`;

/** A workflow's contribution to the contact summary, with the profile keys it may use. */
export interface WorkflowSummary<W extends string = string, K extends string = string> extends Keyed<ProfileKey<W, K>> {
  readonly keys: readonly ProfileKey<W, K>[];
  /** The contact types whose profile shows this part (e.g. `person`). */
  readonly contactTypes: readonly [string, ...string[]];
  /** The part for one contact of those types, from the reports about that contact only. */
  summarize(contact: ContactDoc, reports: ReportDoc[]): SummaryPart;
}

/**
 * Declares a workflow's profile card and context. `summarize` receives `label(key)`, which only
 * accepts the declared keys, so every label and translated value the profile shows has a key
 * that exists.
 */
export function workflowSummary<const W extends string, const K extends string>(
  workflow: W,
  keys: readonly K[],
  summarize: (contact: ContactDoc, reports: ReportDoc[], label: (key: K) => ProfileKey<W, K>) => SummaryPart,
  options: { contactTypes?: readonly [string, ...string[]] } = {},
): WorkflowSummary<W, K> {
  const label = (key: K): ProfileKey<W, K> => profileKey(workflow, key);
  return {
    keys: keys.map(label),
    contactTypes: options.contactTypes ?? ['person'],
    summarize: (contact, reports) => summarize(contact, reports, label),
  };
}

export { PERSON_ROLES };
export type { PersonRole };

/** The sexes the person form records (`sex`). */
export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

/**
 * The keys of the standard profile fields (what the person and place forms store), shown on every
 * profile before the workflows' parts; the toolkit's own keys, generated with the others
 * (src/project/translations.ts) and checked by `check` like every workflow's.
 */
export const BASE_PROFILE_KEYS = [
  'contact.profile.shortcode',
  'contact.profile.age',
  'contact.profile.sex',
  ...SEXES.map((sex): `contact.profile.sex.${Sex}` => `contact.profile.sex.${sex}`),
  'contact.profile.phone',
  'contact.profile.role',
  ...PERSON_ROLES.map((role): `contact.role.${PersonRole}` => `contact.role.${role}`),
  'contact.profile.sms-language',
  ...LOCALES.map((locale): `contact.profile.language.${Locale}` => `contact.profile.language.${locale}`),
  'contact.profile.parent',
  'contact.profile.notes',
  'contact.profile.contact',
  'contact.profile.contact-phone',
] as const;
export type BaseProfileKey = (typeof BASE_PROFILE_KEYS)[number];

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => (values as readonly unknown[]).includes(value);

/** The contact's type id as CHT reads it (`contact_type` for the generic `contact` type). */
export const contactTypeOf = (contact: ContactDoc): string => contact.type === 'contact' ? String(contact.contact_type) : contact.type;

const REPORT_SUBJECT_PROPERTIES = ['patient_id', 'patient_uuid', 'place_id', 'place_uuid'] as const;

/** Whether a report is about this contact (by `_id`, shortcode or place id), as CHT links reports to contacts. */
export function isAbout(report: ReportDoc, contact: ContactDoc): boolean {
  const ids = [contact._id, contact.patient_id, contact.place_id].filter((id): id is string => !!id);
  const fields = (report.fields ?? {}) as Record<string, unknown>;
  return REPORT_SUBJECT_PROPERTIES.some((property) => ids.includes(report[property] as string) || ids.includes(fields[property] as string));
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

/** The standard fields: for a person what the person form stores, for a place its primary contact. */
export function baseFields(contact: ContactDoc, lineage: ContactDoc[]): SummaryField[] {
  const fields: SummaryField[] = [];
  const add = (label: BaseProfileKey, value: unknown, rest: Omit<SummaryField, 'label' | 'value'> = {}): void => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && !value.length)) fields.push({ label, value, ...rest });
  };
  const hasParent = lineage.some((place) => !!place);
  if (contactTypeOf(contact) === 'person') {
    const role = contact.role;
    add('contact.profile.shortcode', text(contact.patient_id), { width: 4 });
    add('contact.profile.age', text(contact.date_of_birth), { filter: 'age', width: 4 });
    if (isOneOf(SEXES, contact.sex)) add('contact.profile.sex', `contact.profile.sex.${contact.sex}`, { translate: true, width: 4 });
    add('contact.profile.phone', text(contact.phone), { filter: 'phone', width: 4 });
    if (role === 'other' && text(contact.role_other)) add('contact.profile.role', text(contact.role_other), { width: 4 });
    else if (isOneOf(PERSON_ROLES, role)) add('contact.profile.role', `contact.role.${role}`, { translate: true, width: 4 });
    if (isOneOf(LOCALES, contact.preferred_language)) {
      add('contact.profile.sms-language', `contact.profile.language.${contact.preferred_language}`, { translate: true, width: 4 });
    }
  } else {
    const primary = contact.contact && typeof contact.contact === 'object' ? (contact.contact as ContactDoc) : undefined;
    add('contact.profile.contact', text(primary?.name), { width: 6 });
    add('contact.profile.contact-phone', text(primary?.phone), { filter: 'phone', width: 6 });
  }
  if (hasParent) add('contact.profile.parent', lineage, { filter: 'lineage', width: 12 });
  add('contact.profile.notes', text(contact.notes), { width: 12 });
  return fields;
}

/**
 * The profile: the standard fields, then each workflow's fields, cards and context — a workflow
 * only on the contact types it describes, from the reports about the contact itself.
 */
export function composeSummary(contact: ContactDoc, reports: ReportDoc[], lineage: ContactDoc[], parts: readonly (WorkflowSummary | undefined)[]): ContactSummary {
  const type = contactTypeOf(contact);
  const summary: ContactSummary = { fields: baseFields(contact, lineage ?? []), cards: [], context: {} };
  const own = (reports ?? []).filter((report) => isAbout(report, contact));
  for (const part of parts) {
    if (!part || !part.contactTypes.includes(type)) continue;
    const added = part.summarize(contact, own);
    const appliesToType = [...part.contactTypes];
    summary.fields.push(...(added.fields ?? []).map((field) => ({ appliesToType, ...field })));
    summary.cards.push(...(added.cards ?? []).map((card) => ({ appliesToType, ...card })));
    Object.assign(summary.context, added.context ?? {});
  }
  return summary;
}
