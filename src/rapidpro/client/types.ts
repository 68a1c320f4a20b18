/**
 * Shapes of RapidPro's REST API v2 (read from nyaruka/rapidpro's serializers). Only the fields this
 * project reads are typed strictly; RapidPro may add more, which pass through untouched.
 */

/** `{ "uuid", "name" }` references RapidPro embeds in other objects. */
export interface RapidProRef {
  uuid: string;
  name: string;
}

/** One result a flow declares (`flows.json` → `results`). */
export interface RapidProFlowResult {
  key: string;
  name: string;
  categories: string[];
  node_uuids?: string[];
}

/** An item of `GET /api/v2/flows.json`. */
export interface RapidProFlow {
  uuid: string;
  name: string;
  type: string;
  archived: boolean;
  labels?: RapidProRef[];
  expires?: number;
  runs?: Record<string, number>;
  results?: RapidProFlowResult[];
  parent_refs?: string[];
  created_on: string;
  modified_on: string;
}

/** One result of a run (`runs.json` → `values.<key>`). `value` is always text in API v2. */
export interface RapidProRunValue {
  name: string;
  value: string;
  category: string | null;
  node: string;
  time: string;
  input?: string;
}

/** An item of `GET /api/v2/runs.json`: one contact's path through one flow. */
export interface RapidProRun {
  uuid: string;
  id?: number;
  flow: RapidProRef;
  contact: { uuid: string; urn: string | null; name: string | null };
  start: { uuid: string } | null;
  responded: boolean;
  path: { node: string; time: string; exit?: string }[] | null;
  values: Record<string, RapidProRunValue>;
  created_on: string;
  modified_on: string;
  exited_on: string | null;
  exit_type: 'completed' | 'interrupted' | 'expired' | 'failed' | null;
}

/** Filters of `runs.json`. `after`/`before` bound `modified_on` inclusively (`__gte`/`__lte`). */
export interface RunFilter {
  flow?: string;
  uuid?: string;
  contact?: string;
  after?: string;
  before?: string;
  /** Ascending `modified_on` instead of RapidPro's default newest-first. */
  reverse?: boolean;
  responded?: boolean;
  /** False drops `path` from every run: smaller pages when only `values` matter. */
  paths?: boolean;
}

/** `POST /api/v2/flow_starts.json`. At least one of urns, contacts, groups; at most 100 of each. */
export interface FlowStartRequest {
  flow: string;
  urns?: string[];
  contacts?: string[];
  groups?: string[];
  /** Read in the flow as `@trigger.params.<key>`; at most 10,000 characters as JSON. */
  params?: Record<string, unknown>;
  restart_participants?: boolean;
  exclude_active?: boolean;
}

export type FlowStartStatus = 'pending' | 'queued' | 'starting' | 'started' | 'completed' | 'failed' | 'interrupted';

/** The 201 answer to a flow start: the start is asynchronous, `status` tells how far it got. */
export interface FlowStart {
  uuid: string;
  flow: RapidProRef;
  status: FlowStartStatus;
  groups: RapidProRef[];
  contacts: RapidProRef[];
  params: Record<string, unknown>;
  restart_participants?: boolean;
  exclude_active?: boolean;
  created_on: string;
  modified_on: string;
}

/** An item of `GET /api/v2/contacts.json`. */
export interface RapidProContact {
  uuid: string;
  name: string | null;
  language: string | null;
  urns: string[];
  groups: RapidProRef[];
  fields: Record<string, string | number | null>;
  status?: string;
  created_on: string;
  modified_on: string;
  last_seen_on?: string | null;
  blocked?: boolean;
  stopped?: boolean;
}

export interface ContactFilter {
  uuid?: string;
  urn?: string;
  group?: string;
  after?: string;
  before?: string;
  reverse?: boolean;
}

/** Body of a contact create or update. Unknown `fields` keys are rejected by RapidPro. */
export interface ContactWrite {
  name?: string | null;
  /** ISO 639-3, e.g. `eng`, `fra`, `swa`. */
  language?: string | null;
  urns?: string[];
  /** Group UUIDs or names. */
  groups?: string[];
  fields?: Record<string, string | null>;
}

/** Which contact an update targets: by UUID or by one of its URNs. */
export type ContactLookup = { uuid: string } | { urn: string };

/** `POST /api/v2/broadcasts.json`: `text` is one string or translations by ISO 639-3 code. */
export interface BroadcastRequest {
  text: string | Record<string, string>;
  urns?: string[];
  contacts?: string[];
  groups?: string[];
}

export interface Broadcast {
  id?: number;
  uuid?: string;
  urns: string[];
  contacts: RapidProRef[];
  groups: RapidProRef[];
  text: string | Record<string, string>;
  status?: string;
  created_on: string;
}

export type ContactFieldType = 'text' | 'number' | 'datetime' | 'state' | 'district' | 'ward';

/** An item of `GET /api/v2/fields.json`. Older servers only send `label`/`value_type`. */
export interface RapidProField {
  key: string;
  name?: string;
  type?: ContactFieldType;
  label?: string;
  value_type?: string;
  featured?: boolean;
  priority?: number;
}

export interface FieldCreateRequest {
  name: string;
  type: ContactFieldType;
}

/** One page of a cursor-paginated list. `next` is an absolute URL or null on the last page. */
export interface RapidProPage<T> {
  next: string | null;
  previous: string | null;
  results: T[];
}
