/**
 * One purge run over a set of docs for one set of roles, grouped as CHT 4.11's sentinel groups
 * them (`sentinel/src/lib/purging.js`): each contact with the reports whose subject is that contact
 * and the messages keyed to it; a report replicated by its submitter (no subject of its own) alone
 * with an empty contact; each unallocated doc alone. Only ids of the group passed count.
 */
import { CONTACT_DOC_TYPES, Doc, contactSubjectIds, replicationKeys } from './replication';

/** `app_settings.purge.fn` as sentinel calls it. */
export type PurgeFn = (userCtx: { roles: string[] }, contact: Doc | Record<string, never>, reports: Doc[], messages: Doc[]) => unknown;

/** The function CHT compiles from `app_settings.purge.fn` (sentinel: `eval('(' + fn + ')')`). */
export function compilePurgeFn(source: string): PurgeFn {
  const compiled: unknown = (0, eval)(`(${source})`);
  if (typeof compiled !== 'function') throw new Error('app_settings.purge.fn is not a function');
  return compiled as PurgeFn;
}

const REPORT_SUBJECT_PROPERTIES = ['patient_id', 'patient_uuid', 'place_id', 'place_uuid'] as const;

/** registration-utils `getSubjectId`: the report's subject as purging groups it. */
function reportSubject(doc: Doc): string | undefined {
  const fields = (doc.fields ?? {}) as Record<string, unknown>;
  for (const property of REPORT_SUBJECT_PROPERTIES) {
    const value = doc[property] || fields[property];
    if (value) return String(value);
  }
  return undefined;
}

interface Group {
  contact: Doc | Record<string, never>;
  reports: Doc[];
  messages: Doc[];
  ids: Set<string>;
}

/** The ids one purge run marks as purged for users with exactly `roles`. */
export function purgedIds(fn: PurgeFn, docs: readonly Doc[], roles: readonly string[]): Set<string> {
  const byId = new Map(docs.map((doc) => [doc._id, doc]));
  const rows = docs.flatMap(replicationKeys);
  const groups: Group[] = [];
  const contactIds = new Set(docs.filter((doc) => CONTACT_DOC_TYPES.includes(doc.type ?? '')).map((doc) => doc._id));
  const alone = new Set<string>();

  for (const contact of docs.filter((doc) => contactIds.has(doc._id))) {
    const subjects = contactSubjectIds(contact);
    const group: Group = { contact, reports: [], messages: [], ids: new Set([contact._id]) };
    for (const row of rows) {
      if (!subjects.includes(row.key) || contactIds.has(row.id) || row.value.type !== 'data_record') continue;
      if (row.value.needs_signoff && row.key !== row.value.subject) continue;
      const doc = byId.get(row.id) as Doc;
      if (doc.form) {
        if (reportSubject(doc) === row.key) {
          group.reports.push(doc);
          group.ids.add(doc._id);
        } else if (!alone.has(doc._id)) {
          alone.add(doc._id);
          groups.push({ contact: {}, reports: [doc], messages: [], ids: new Set([doc._id]) });
        }
      } else {
        group.messages.push(doc);
        group.ids.add(doc._id);
      }
    }
    groups.push(group);
  }
  for (const row of rows.filter((candidate) => candidate.key === '_unassigned')) {
    const doc = byId.get(row.id) as Doc;
    groups.push(doc.form
      ? { contact: {}, reports: [doc], messages: [], ids: new Set([doc._id]) }
      : { contact: {}, reports: [], messages: [doc], ids: new Set([doc._id]) });
  }

  const purged = new Set<string>();
  for (const group of groups) {
    const result = fn({ roles: [...new Set(roles)].sort() }, group.contact, group.reports, group.messages);
    if (!Array.isArray(result)) continue;
    for (const id of result) if (typeof id === 'string' && group.ids.has(id)) purged.add(id);
  }
  return purged;
}
