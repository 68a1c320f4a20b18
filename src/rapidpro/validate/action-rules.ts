/**
 * Per-type rules for actions: the required fields and limits of goflow's action envelopes
 * (`validate:"…"` tags) and `Validate()` methods in flows/actions, and the flows, groups and
 * contact fields an action refers to (RapidPro's import resolves or creates those).
 */
import type { FlowContext } from './flow-rules';
import { migratesTo } from './flow-rules';
import { describe, isNonEmptyString, isRecord, JsonRecord, runeLength } from './json';
import { ACTION_FLOW_TYPES, CONTACT_STATUSES, FLOW_TYPES, HTTP_METHODS } from './known-types';
import { isUuid } from '../uuid';
import { utf8Length } from '../flow/utf8';

type Report = (message: string) => void;

/** An action's reference to another flow. */
export interface FlowRefUse {
  uuid: string;
  name: string;
  via: string;
  node?: string;
}

/** A reference to a contact group by UUID (references by `name_match` are resolved at run time). */
export interface GroupRefUse {
  uuid: string;
  name: string;
  via: string;
  node?: string;
}

/** A reference to a contact field by key. */
export interface FieldRefUse {
  key: string;
  name: string;
  via: string;
  node?: string;
}

/** Everything a flow refers to outside itself, with where it does. */
export interface Dependencies {
  flows: Array<FlowRefUse & { flow: string }>;
  groups: Array<GroupRefUse & { flow: string }>;
  fields: Array<FieldRefUse & { flow: string }>;
}

/** The checks an action rule can make. */
interface ActionCheck {
  error: Report;
  warning: Report;
  context: FlowContext;
  group(ref: GroupRefUse): void;
  field(ref: FieldRefUse): void;
  flow(ref: FlowRefUse): void;
}

/** Checks one action and records the flows, groups and fields it refers to in `context.dependencies`. */
export function checkAction(action: unknown, context: FlowContext): void {
  const report = context.report;
  const at = { flow: context.flowLabel, node: context.node };
  const refer = {
    group: (ref: GroupRefUse) => context.dependencies.groups.push({ ...ref, ...at }),
    field: (ref: FieldRefUse) => context.dependencies.fields.push({ ...ref, ...at }),
    flow: (ref: FlowRefUse) => context.dependencies.flows.push({ ...ref, ...at }),
  };
  if (!isRecord(action)) {
    report.error(`action is ${describe(action)}, not an object`);
    return;
  }
  const type = action.type;
  const label = `action ${isNonEmptyString(action.uuid) ? action.uuid : '(no uuid)'}`;
  const say = (message: string) => report.error(`${label}: ${message}`);
  if (!isUuid(action.uuid)) say(`uuid ${describe(action.uuid)} is not a valid UUID`);
  if (!isNonEmptyString(type)) {
    say('has no type');
    return;
  }
  const allowed = ACTION_FLOW_TYPES[type];
  if (!allowed) {
    say(`unknown action type "${type}"`);
    return;
  }
  // a flow of unknown type is reported once at flow level, not for every action
  if (isKnownFlowType(context.flowType) && !(allowed as readonly string[]).includes(context.flowType)) {
    say(`action type "${type}" is not allowed in a ${context.flowType} flow`);
  }
  const check = ACTION_RULES[type];
  check?.(action, {
    error: (message) => say(`${type}: ${message}`),
    warning: (message) => report.warning(`${label}: ${type}: ${message}`),
    context,
    ...refer,
  });
}

function isKnownFlowType(flowType: string): boolean {
  return (FLOW_TYPES as readonly string[]).includes(flowType);
}

type ActionRule = (action: JsonRecord, check: ActionCheck) => void;

/** A rule that only reports errors. */
const rule = (check: (action: JsonRecord, report: Report) => void): ActionRule => (action, c) => check(action, c.error);

const ACTION_RULES: Readonly<Record<string, ActionRule>> = {
  send_msg: (a, c) => checkMessage(a, c),
  send_broadcast: (a, c) => {
    checkMessage(a, c);
    checkOtherContacts(a, c);
  },
  say_msg: rule((a, report) => requireText(a, 'text', 10000, report)),
  play_audio: rule((a, report) => requireText(a, 'audio_url', 8192, report)),
  send_email: rule((a, report) => {
    if (!Array.isArray(a.addresses) || a.addresses.length === 0) report('needs at least one address');
    requireText(a, 'subject', 1000, report);
    requireText(a, 'body', 10000, report);
  }),
  set_contact_field: (a, c) => {
    if (!isRecord(a.field) || !isNonEmptyString(a.field.key)) c.error('needs a field with a key');
    else if (runeLength(a.field.key) > 64) c.error(`field key "${a.field.key}" is longer than 64 characters`);
    else c.field({ key: a.field.key, name: typeof a.field.name === 'string' ? a.field.name : '', via: 'set_contact_field' });
    optionalText(a, 'value', 10000, c.error);
  },
  set_contact_language: rule((a, report) => optionalText(a, 'language', 1000, report)),
  set_contact_name: rule((a, report) => optionalText(a, 'name', 1000, report)),
  set_contact_timezone: rule((a, report) => optionalText(a, 'timezone', 1000, report)),
  set_contact_status: rule((a, report) => {
    if (typeof a.status !== 'string' || !CONTACT_STATUSES.has(a.status)) report(`status ${describe(a.status)} is not one of ${[...CONTACT_STATUSES].join(', ')}`);
  }),
  add_contact_urn: rule((a, report) => requireText(a, 'path', 1000, report)),
  add_contact_groups: (a, c) => {
    if (!Array.isArray(a.groups)) c.error('needs a groups list');
    else checkGroupRefs(a.groups, 'add_contact_groups', c);
  },
  remove_contact_groups: (a, c) => {
    if (a.groups !== undefined && a.groups !== null && !Array.isArray(a.groups)) c.error('groups must be a list');
    if (Array.isArray(a.groups)) checkGroupRefs(a.groups, 'remove_contact_groups', c);
    if (a.all_groups === true && Array.isArray(a.groups) && a.groups.length > 0) c.error("can't name groups when all_groups is true");
  },
  add_input_labels: rule((a, report) => {
    if (!Array.isArray(a.labels)) report('needs a labels list');
  }),
  set_run_result: (a, c) => {
    checkResultName(a.name, 'name', c, true);
    optionalText(a, 'value', 10000, c.error);
    if (a.category !== undefined && a.category !== '') checkCategoryName(a.category, 'category', c);
  },
  set_run_local: rule((a, report) => {
    if (!isNonEmptyString(a.local)) report('needs a local');
    if (!['set', 'increment', 'clear'].includes(String(a.operation))) report(`operation ${describe(a.operation)} is not set, increment or clear`);
  }),
  call_webhook: (a, c) => {
    webhookRule(a, c);
    checkResultName(a.result_name, 'result_name', c, false);
  },
  call_resthook: (a, c) => {
    requireText(a, 'resthook', 1000, c.error);
    checkResultName(a.result_name, 'result_name', c, false);
  },
  call_classifier: (a, c) => {
    requireText(a, 'input', 10000, c.error);
    checkResultName(a.result_name, 'result_name', c, true);
  },
  call_llm: rule((a, report) => {
    if (!isRecord(a.llm)) report('needs an llm');
    requireText(a, 'instructions', 10000, report);
    if (!isNonEmptyString(a.output_local)) report('needs an output_local');
  }),
  open_ticket: rule((a, report) => optionalText(a, 'note', 10000, report)),
  request_optin: rule((a, report) => {
    if (!isRecord(a.optin) || !isUuid(a.optin.uuid)) report('needs an optin with a valid uuid');
  }),
  transfer_airtime: rule((a, report) => {
    if (!isRecord(a.amounts)) report('needs amounts');
  }),
  enter_flow: (a, c) => flowReference(a, 'enter_flow', c),
  start_session: (a, c) => {
    checkOtherContacts(a, c);
    flowReference(a, 'start_session', c);
  },
};

const webhookRule = rule((a, report) => {
  if (typeof a.method !== 'string' || !HTTP_METHODS.has(a.method)) report(`method ${describe(a.method)} is not one of ${[...HTTP_METHODS].join(', ')}`);
    requireText(a, 'url', 8192, report);
    if (a.headers !== undefined && a.headers !== null) {
      if (!isRecord(a.headers)) report('headers must be an object');
      else {
        const names = Object.keys(a.headers);
        if (names.length > 10) report(`has ${names.length} headers, at most 10 are allowed`);
        for (const name of names) {
          if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) report(`header "${name}" is not a valid HTTP header name`);
          const value = a.headers[name];
          if (typeof value !== 'string') report(`header "${name}" must be text`);
          else if (runeLength(value) > 5000) report(`header "${name}" is longer than 5000 characters`);
        }
      }
    }
    optionalText(a, 'body', 20000, report);
});

function requireText(a: JsonRecord, property: string, max: number, report: Report): void {
  const value = a[property];
  if (!isNonEmptyString(value)) report(`needs a non-empty ${property}`);
  else if (runeLength(value) > max) report(`${property} is longer than ${max} characters`);
}

function optionalText(a: JsonRecord, property: string, max: number, report: Report): void {
  const value = a[property];
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') report(`${property} must be text, not ${describe(value)}`);
  else if (runeLength(value) > max) report(`${property} is longer than ${max} characters`);
}

function checkMessage(a: JsonRecord, c: ActionCheck): void {
  requireText(a, 'text', 10000, c.error);
  for (const [property, max] of [['quick_replies', 10], ['attachments', 10]] as const) {
    const values = a[property];
    if (values === undefined || values === null) continue;
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) c.error(`${property} must be a list of texts`);
    else if (values.length > max) {
      // the 14.1 migration keeps the first 10 quick replies
      if (property === 'quick_replies' && migratesTo(c.context.spec, [14, 1, 0])) c.warning(`has ${values.length} quick_replies: the import keeps the first ${max}`);
      else c.error(`has ${values.length} ${property}, at most ${max} are allowed`);
    }
  }
}

function checkOtherContacts(a: JsonRecord, c: ActionCheck): void {
  for (const property of ['groups', 'contacts', 'urns', 'legacy_vars']) {
    const values = a[property];
    if (values === undefined || values === null) continue;
    if (!Array.isArray(values)) c.error(`${property} must be a list`);
    else if (values.length > 100) c.error(`has ${values.length} ${property}, at most 100 are allowed`);
  }
  if (Array.isArray(a.groups)) checkGroupRefs(a.groups, String(a.type), c);
}

function checkGroupRefs(groups: unknown[], via: string, c: ActionCheck): void {
  if (groups.length > 100) c.error(`has ${groups.length} groups, at most 100 are allowed`);
  for (const group of groups) {
    if (!isRecord(group)) {
      c.error(`group ${describe(group)} is not an object`);
      continue;
    }
    const hasUuid = isNonEmptyString(group.uuid);
    const hasMatch = isNonEmptyString(group.name_match);
    if (hasUuid === hasMatch) c.error(`group ${describe(group)} needs either a uuid or a name_match`);
    else if (hasUuid && !isUuid(group.uuid)) c.error(`group uuid ${describe(group.uuid)} is not a valid UUID`);
    else if (isUuid(group.uuid)) c.group({ uuid: group.uuid, name: typeof group.name === 'string' ? group.name : '', via });
  }
}

/** Something that reports errors and, for what a migration repairs, warnings. */
interface NameReport {
  error: Report;
  warning: Report;
  context: Pick<FlowContext, 'spec'>;
}

/**
 * goflow's `result_name` rule: 1 to 64 characters; the 13.6 migration truncates longer names of
 * older flows to 64 bytes.
 */
export function checkResultName(name: unknown, property: string, c: NameReport, required: boolean): void {
  if (name === undefined || name === null || name === '') {
    if (required) c.error(`needs a ${property}`);
    return;
  }
  if (typeof name !== 'string') c.error(`${property} ${describe(name)} must be text of 1 to 64 characters`);
  else if (migratesTo(c.context.spec, [13, 6, 0])) {
    if (utf8Length(name) > 64) c.warning(`${property} ${describe(name)} is longer than 64 bytes: the import truncates it, and results.* lookups must use the shortened key`);
  } else if (runeLength(name) > 64) c.error(`${property} ${describe(name)} must be text of 1 to 64 characters`);
}

/**
 * goflow's `result_category` rule: 1 to 64 characters; the 13.6 migration truncates names of older
 * flows to 36 bytes, and the 14.0 migration names empty categories "Match".
 */
export function checkCategoryName(name: unknown, property: string, c: NameReport): void {
  if (typeof name !== 'string') {
    c.error(`${property} ${describe(name)} must be text of 1 to 64 characters`);
    return;
  }
  if (name === '' && migratesTo(c.context.spec, [14, 0, 0])) c.warning(`${property} has no name: the import names it "Match"`);
  else if (utf8Length(name) > 36 && migratesTo(c.context.spec, [13, 6, 0])) c.warning(`${property} ${describe(name)} is longer than 36 bytes: the import truncates it`);
  else if (name === '' || runeLength(name) > 64) c.error(`${property} ${describe(name)} must be 1 to 64 characters`);
}

function flowReference(a: JsonRecord, via: string, c: ActionCheck): void {
  const flow = a.flow;
  if (!isRecord(flow) || !isUuid(flow.uuid)) {
    c.error(`needs a flow with a valid uuid (got ${describe(flow)})`);
    return;
  }
  c.flow({ uuid: flow.uuid, name: typeof flow.name === 'string' ? flow.name : '', via });
}
