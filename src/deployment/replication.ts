/**
 * Which documents CHT 4.11 replicates to an offline user, computed from the settings and the docs
 * the way the server decides it. Written from cht-core 4.11.0's own rules (read, not copied):
 *
 * - `ddocs/medic-db/medic/views/docs_by_replication_key/map.js`: the key a doc replicates by. A
 *   report's key is its subject (`patient_id`, then `place_id`, then `fields.patient_uuid`, at the
 *   top level or in `fields`), else its submitter `contact._id`; a report whose errors say the
 *   subject was not found falls back to the submitter; an incoming SMS replicates by its sender,
 *   an outgoing one by its first recipient; contacts by their own `_id`; tasks by `user`, targets by
 *   `owner`; nothing found is `_unassigned`. The value records the submitter, `private` (from
 *   `fields.private`) and, with `fields.needs_signoff`, the doc is also keyed by every ancestor of
 *   the submitter.
 * - `ddocs/medic-db/medic/views/contacts_by_depth/map.js`: a contact is keyed by itself (depth 0)
 *   and by each ancestor with how many levels up it is.
 * - `api/src/services/authorization.js` (`getAuthorizationContext`, `getDocsByReplicationKey`,
 *   `isSensitive`, `isAllowedDepth`): a user's subjects are every contact (`_id` and shortcode)
 *   within `replication_depth` levels of each of their facilities (the deepest depth of their roles;
 *   no setting means unlimited), plus `_all`, their user-settings doc and, with
 *   `district_admins_access_unallocated_messages` and `can_view_unallocated_data_records`,
 *   `_unassigned`. A doc replicates when one of its keys is a subject, unless it is *sensitive*
 *   (private, about the user's own contact or facility, submitted by someone the user cannot see),
 *   and, with a `report_depth`, a report only when its subject is at most that deep (or the user
 *   submitted it).
 * - `api/src/services/replication.js`: what the purge marked for the user's set of roles is
 *   removed from that list (and deleted from the phone at the next sync).
 * - `shared-libs/user-management/src/roles.js` `isOffline`: online users (`mm-online`, `_admin`,
 *   or only roles configured `offline: false`) do not replicate: CHT proxies their requests to
 *   CouchDB, where every configured role is a member of the medic database.
 */

/** The settings replication reads (`app_settings.json`). */
export interface ReplicationSettings {
  replication_depth?: readonly { role: string; depth: number | string; report_depth?: number | string }[];
  permissions?: Readonly<Record<string, readonly string[]>>;
  roles?: Readonly<Record<string, { offline?: boolean }>>;
  district_admins_access_unallocated_messages?: boolean;
}

/** A CouchDB doc as the views see it. */
export interface Doc {
  _id: string;
  type?: string;
  [key: string]: unknown;
}

/** A CHT user: roles, the places they are assigned to and their own contact. */
export interface ChtUser {
  name: string;
  roles: readonly string[];
  /** Their places (`facility_id`; several with `can_have_multiple_places`). */
  facilityIds: readonly string[];
  contactId: string;
}

export interface ReplicationValue {
  type: string | undefined;
  subject?: string;
  submitter?: string;
  private?: true;
  needs_signoff?: true;
}

export interface ViewRow<K, V> {
  id: string;
  key: K;
  value: V;
}

const ALL = '_all';
const UNASSIGNED = '_unassigned';
const ONLINE_ROLE = 'mm-online';
const DB_ADMIN_ROLE = '_admin';
/** Docs every user replicates (`docs_by_replication_key` emits `_all` for them). */
const SHARED_IDS = new Set(['resources', 'branding', 'partners', 'service-worker-meta', 'zscore-charts', 'settings', 'privacy-policies']);
/** The contact doc types the views know (hierarchy types, and `contact` for configurable ones). */
export const CONTACT_DOC_TYPES: readonly string[] = ['contact', 'person', 'clinic', 'health_center', 'district_hospital'];

type Fields = Record<string, unknown>;
const fieldsOf = (doc: Doc): Fields | undefined => (doc.fields && typeof doc.fields === 'object' ? doc.fields as Fields : undefined);
const idOf = (value: unknown): string | undefined => (value && typeof value === 'object' && typeof (value as Doc)._id === 'string' ? (value as Doc)._id : undefined);
const truthy = (value: unknown): boolean => Boolean(value);

/** The subject a report replicates by (before the `_unassigned` default). */
function subjectOf(doc: Doc): string | undefined {
  const fields = fieldsOf(doc);
  if (doc.form) {
    const errors = Array.isArray(doc.errors) ? doc.errors as { code?: unknown }[] : [];
    if (idOf(doc.contact) && errors.some((error) => error?.code === 'registration_not_found' || error?.code === 'invalid_patient_id')) {
      return idOf(doc.contact);
    }
    const first = [doc.patient_id, fields?.patient_id, doc.place_id, fields?.place_id, fields?.patient_uuid, idOf(doc.contact)].find(truthy);
    return first === undefined ? undefined : String(first);
  }
  if (doc.sms_message) return idOf(doc.contact);
  if (doc.kujua_message) {
    const tasks = Array.isArray(doc.tasks) ? doc.tasks as { messages?: { contact?: unknown }[] }[] : [];
    return idOf(tasks[0]?.messages?.[0]?.contact);
  }
  return undefined;
}

/** `medic/docs_by_replication_key`: the keys (subjects) a doc replicates by. */
export function replicationKeys(doc: Doc): ViewRow<string, ReplicationValue>[] {
  const row = (key: string, value: ReplicationValue): ViewRow<string, ReplicationValue> => ({ id: doc._id, key, value });
  if (SHARED_IDS.has(doc._id) || doc.type === 'form' || doc.type === 'translations') return [row(ALL, { type: doc.type })];
  const value: ReplicationValue = { type: doc.type };
  switch (doc.type) {
    case 'data_record': {
      const fields = fieldsOf(doc);
      value.subject = subjectOf(doc) || UNASSIGNED;
      const submitter = idOf(doc.contact);
      if (doc.form && submitter) value.submitter = submitter;
      if (fields?.private) value.private = true;
      const rows = [row(value.subject, { ...value })];
      if (fields?.needs_signoff && doc.contact) {
        const signoff = { ...value, needs_signoff: true as const };
        for (let ancestor: unknown = doc.contact; ancestor; ancestor = (ancestor as Doc).parent) {
          const id = idOf(ancestor);
          if (id && id !== value.subject) rows.push(row(id, signoff));
        }
      }
      return rows;
    }
    case 'task':
      return typeof doc.user === 'string' ? [row(doc.user, value)] : [];
    case 'target':
      return typeof doc.owner === 'string' ? [row(doc.owner, value)] : [];
    default:
      return CONTACT_DOC_TYPES.includes(doc.type ?? '') ? [row(doc._id, value)] : [];
  }
}

/** `medic/contacts_by_depth`: a contact keyed by itself and its ancestors, with the levels between; the value is its shortcode. */
export function contactsByDepth(doc: Doc): ViewRow<[string] | [string, number], string | undefined>[] {
  if (!CONTACT_DOC_TYPES.includes(doc.type ?? '')) return [];
  const shortcode = (doc.patient_id ?? doc.place_id) as string | undefined;
  const rows: ViewRow<[string] | [string, number], string | undefined>[] = [];
  let depth = 0;
  for (let node: unknown = doc; node; node = (node as Doc).parent, depth++) {
    const id = idOf(node);
    if (!id) continue;
    rows.push({ id: doc._id, key: [id], value: shortcode }, { id: doc._id, key: [id, depth], value: shortcode });
  }
  return rows;
}

/** The subject ids CHT treats as one contact: `_id`, `patient_id`, `place_id` (registration-utils `getSubjectIds`). */
export function contactSubjectIds(contact: Doc | undefined): string[] {
  if (!contact) return [];
  return [...new Set([contact._id, contact.patient_id, contact.place_id].filter((id): id is string => typeof id === 'string' && id !== ''))];
}

export function isDbAdmin(roles: readonly string[]): boolean {
  return roles.includes(DB_ADMIN_ROLE);
}

/** Offline users replicate; online users read CouchDB through CHT's proxy. */
export function isOffline(settings: ReplicationSettings, roles: readonly string[]): boolean {
  if (isDbAdmin(roles) || roles.includes(ONLINE_ROLE)) return false;
  const configured = settings.roles ?? {};
  const known = roles.some((role) => configured[role]);
  return !known || roles.some((role) => configured[role]?.offline);
}

export function hasPermission(settings: ReplicationSettings, roles: readonly string[], permission: string): boolean {
  if (isDbAdmin(roles)) return true;
  return (settings.permissions?.[permission] ?? []).some((role) => roles.includes(role));
}

/** The user's contact depth and report depth: the deepest of their roles' settings; -1 is unlimited. */
export function depthOf(settings: ReplicationSettings, roles: readonly string[]): { contactDepth: number; reportDepth: number } {
  const depth = { contactDepth: -1, reportDepth: -1 };
  for (const role of roles) {
    const setting = settings.replication_depth?.find((candidate) => candidate.role === role);
    const value = setting ? parseInt(String(setting.depth), 10) : NaN;
    if (!Number.isNaN(value) && value > depth.contactDepth) {
      depth.contactDepth = value;
      const report = setting?.report_depth === undefined ? NaN : parseInt(String(setting.report_depth), 10);
      depth.reportDepth = Number.isNaN(report) ? -1 : report;
    }
  }
  return depth;
}

export interface AuthorizationContext {
  user: ChtUser;
  contactDepth: number;
  reportDepth: number;
  /** Every replication key the user may read. */
  subjects: Set<string>;
  /** How deep below the user's facility each subject is (only kept with a report depth). */
  subjectDepths: Map<string, number>;
  /** The ids that make a private report about the user sensitive: their contact and places, with shortcodes. */
  sensitiveSubjects: Set<string>;
}

/** The views over a fixed set of docs, queried like CouchDB queries them. */
export class DocIndex {
  readonly byId: ReadonlyMap<string, Doc>;
  private readonly depthRows: ViewRow<[string] | [string, number], string | undefined>[];
  private readonly keyRows: ViewRow<string, ReplicationValue>[];

  constructor(readonly docs: readonly Doc[]) {
    this.byId = new Map(docs.map((doc) => [doc._id, doc]));
    this.depthRows = docs.flatMap(contactsByDepth);
    this.keyRows = docs.flatMap(replicationKeys);
  }

  contactsByDepth(keys: readonly ([string] | [string, number])[]): ViewRow<[string] | [string, number], string | undefined>[] {
    const wanted = new Set(keys.map((key) => JSON.stringify(key)));
    return this.depthRows.filter((row) => wanted.has(JSON.stringify(row.key)));
  }

  docsByReplicationKey(keys: ReadonlySet<string>): ViewRow<string, ReplicationValue>[] {
    return this.keyRows.filter((row) => keys.has(row.key));
  }
}

/** The user's replication subjects (`getAuthorizationContext`). */
export function authorizationContext(settings: ReplicationSettings, index: DocIndex, user: ChtUser): AuthorizationContext {
  const { contactDepth, reportDepth } = depthOf(settings, user.roles);
  const keys: ([string] | [string, number])[] = [];
  for (const facility of user.facilityIds) {
    if (contactDepth >= 0) for (let depth = 0; depth <= contactDepth; depth++) keys.push([facility, depth]);
    else keys.push([facility]);
  }
  const subjects = new Set<string>([ALL, `org.couchdb.user:${user.name}`]);
  const subjectDepths = new Map<string, number>();
  for (const row of index.contactsByDepth(keys)) {
    const ids = [row.id, ...(row.value ? [row.value] : [])];
    for (const id of ids) {
      subjects.add(id);
      if (reportDepth >= 0 && row.key.length === 2) subjectDepths.set(id, row.key[1]);
    }
  }
  if (settings.district_admins_access_unallocated_messages && hasPermission(settings, user.roles, 'can_view_unallocated_data_records')) {
    subjects.add(UNASSIGNED);
    subjectDepths.set(UNASSIGNED, 0);
  }
  const contact = index.byId.get(user.contactId);
  const sensitiveSubjects = new Set<string>([
    ...user.facilityIds.flatMap((id) => contactSubjectIds(index.byId.get(id))),
    ...contactSubjectIds(contact),
    ...user.facilityIds,
    user.contactId,
  ]);
  return { user, contactDepth, reportDepth, subjects, subjectDepths, sensitiveSubjects };
}

/** A private report about the user's own contact or place, submitted by someone the user cannot see. */
export function isSensitive(context: AuthorizationContext, row: ViewRow<string, ReplicationValue>): boolean {
  const { key: subject, value } = row;
  if (!subject || !value.submitter || !value.private) return false;
  if (!context.sensitiveSubjects.has(subject)) return false;
  return !context.subjects.has(value.submitter);
}

/** With a `report_depth`, a report replicates only when one of its keys is at most that deep, or the user submitted it. */
export function isAllowedDepth(context: AuthorizationContext, rows: readonly ViewRow<string, ReplicationValue>[]): boolean {
  if (context.reportDepth < 0) return true;
  if (rows[0]?.value.type !== 'data_record') return true;
  return rows.some((row) => {
    if (row.value.submitter === context.user.contactId) return true;
    const depth = context.subjectDepths.get(row.key);
    return depth !== undefined && depth <= context.reportDepth;
  });
}

/** The ids of the docs CHT lets the user replicate (`getDocsByReplicationKey` + `filterAllowedDocIds`), before purging. */
export function allowedDocIds(settings: ReplicationSettings, index: DocIndex, user: ChtUser): Set<string> {
  const context = authorizationContext(settings, index, user);
  const rows = index.docsByReplicationKey(context.subjects);
  const rowsById = new Map<string, ViewRow<string, ReplicationValue>[]>();
  for (const row of rows) rowsById.set(row.id, [...(rowsById.get(row.id) ?? []), row]);
  const allowed = new Set<string>([`org.couchdb.user:${user.name}`]);
  for (const row of rows) {
    if (isSensitive(context, row)) continue;
    if (isAllowedDepth(context, rowsById.get(row.id) ?? [])) allowed.add(row.id);
  }
  return allowed;
}

/** What a user's phone holds after replication: CHT's allowed docs minus what the purge marked for the user's roles. */
export function replicatedDocIds(settings: ReplicationSettings, index: DocIndex, user: ChtUser, purged: ReadonlySet<string> = new Set()): Set<string> {
  if (!isOffline(settings, user.roles)) {
    throw new Error(`user ${user.name} (roles ${user.roles.join(', ')}) is an online user: CHT does not replicate to them, it proxies their requests to CouchDB`);
  }
  const allowed = allowedDocIds(settings, index, user);
  for (const id of purged) allowed.delete(id);
  return allowed;
}
