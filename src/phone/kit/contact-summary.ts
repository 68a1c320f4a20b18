/**
 * Contact summary (`contact-summary.templated.js`): the types after cht-conf's contact-summary
 * emitter, the profile card a workflow contributes (`workflowSummary`, whose labels derive from the
 * workflow id and a declared list of keys), and the composition of every workflow's part.
 */
import { ContactDoc, ReportDoc } from './docs';
import { Keyed, profileKey } from './keys';

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
): WorkflowSummary<W, K> {
  const label = (key: K): ProfileKey<W, K> => profileKey(workflow, key);
  return {
    keys: keys.map(label),
    summarize: (contact, reports) => summarize(contact, reports, label),
  };
}

/** The roles the person form records (`role` on a person), each shown as `contact.role.<role>`. */
export const PERSON_ROLES = ['chw', 'chw_supervisor', 'traced_contact', 'other'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Keys of the base fields every profile shows. */
export const BASE_PROFILE_KEYS = ['contact.profile.phone', 'contact.profile.role', 'contact.profile.contact'] as const;
export type BaseProfileKey = (typeof BASE_PROFILE_KEYS)[number] | `contact.role.${PersonRole}`;

/** The base fields every contact shows, then each workflow's fields, cards and context. */
export function composeSummary(contact: ContactDoc, reports: ReportDoc[], lineage: ContactDoc[], parts: readonly (WorkflowSummary | undefined)[]): ContactSummary {
  const isPerson = contact.type === 'person' || contact.contact_type === 'person';
  const base: SummaryField[] = isPerson
    ? [
      { label: 'contact.profile.phone', value: contact.phone, filter: 'phone', width: 4 },
      { label: 'contact.profile.role', value: contact.role ? `contact.role.${contact.role}` : undefined, translate: true, width: 4 },
      { label: 'contact.parent', value: lineage, filter: 'lineage', width: 12 },
    ]
    : [{ label: 'contact.profile.contact', value: contact.name, width: 12 }];
  const summary: ContactSummary = { fields: base, cards: [], context: {} };
  for (const part of parts) {
    const added = part?.summarize(contact, reports);
    if (!added) continue;
    summary.fields.push(...(added.fields ?? []));
    summary.cards.push(...(added.cards ?? []));
    Object.assign(summary.context, added.context ?? {});
  }
  return summary;
}
