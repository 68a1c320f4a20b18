/**
 * Per-type rules for actions: the required fields and limits of goflow's action envelopes
 * (`validate:"…"` tags) and `Validate()` methods in flows/actions.
 */
import { describe, isNonEmptyString, isRecord, JsonRecord, runeLength } from './json';
import { ACTION_FLOW_TYPES, CONTACT_STATUSES, FLOW_TYPES, HTTP_METHODS } from './known-types';
import { isUuid } from '../uuid';

type Report = (message: string) => void;

/** An action's references to other flows, for the export-level cross-reference check. */
export interface FlowRefUse {
  uuid: string;
  name: string;
  via: string;
}

/** Checks one action; returns the flows it enters or starts. */
export function checkAction(action: unknown, flowType: string, report: Report): FlowRefUse[] {
  if (!isRecord(action)) {
    report(`action is ${describe(action)}, not an object`);
    return [];
  }
  const type = action.type;
  const label = `action ${isNonEmptyString(action.uuid) ? action.uuid : '(no uuid)'}`;
  const say = (message: string) => report(`${label}: ${message}`);
  if (!isUuid(action.uuid)) say(`uuid ${describe(action.uuid)} is not a valid UUID`);
  if (!isNonEmptyString(type)) {
    say('has no type');
    return [];
  }
  const allowed = ACTION_FLOW_TYPES[type];
  if (!allowed) {
    say(`unknown action type "${type}"`);
    return [];
  }
  // a flow of unknown type is reported once at flow level, not for every action
  if (isKnownFlowType(flowType) && !(allowed as readonly string[]).includes(flowType)) {
    say(`action type "${type}" is not allowed in a ${flowType} flow`);
  }
  const check = ACTION_RULES[type];
  return check ? check(action, (message) => say(`${type}: ${message}`)) : [];
}

function isKnownFlowType(flowType: string): boolean {
  return (FLOW_TYPES as readonly string[]).includes(flowType);
}

type ActionRule = (action: JsonRecord, report: Report) => FlowRefUse[];

/** A rule for an action that refers to no other flow. */
const rule = (check: (action: JsonRecord, report: Report) => void): ActionRule => (action, report) => {
  check(action, report);
  return [];
};

const ACTION_RULES: Readonly<Record<string, ActionRule>> = {
  send_msg: rule((a, report) => checkMessage(a, report)),
  send_broadcast: rule((a, report) => {
    checkMessage(a, report);
    checkOtherContacts(a, report);
  }),
  say_msg: rule((a, report) => requireText(a, 'text', 10000, report)),
  play_audio: rule((a, report) => requireText(a, 'audio_url', 8192, report)),
  send_email: rule((a, report) => {
    if (!Array.isArray(a.addresses) || a.addresses.length === 0) report('needs at least one address');
    requireText(a, 'subject', 1000, report);
    requireText(a, 'body', 10000, report);
  }),
  set_contact_field: rule((a, report) => {
    if (!isRecord(a.field) || !isNonEmptyString(a.field.key)) report('needs a field with a key');
    else if (runeLength(a.field.key) > 64) report(`field key "${a.field.key}" is longer than 64 characters`);
    optionalText(a, 'value', 10000, report);
  }),
  set_contact_language: rule((a, report) => optionalText(a, 'language', 1000, report)),
  set_contact_name: rule((a, report) => optionalText(a, 'name', 1000, report)),
  set_contact_timezone: rule((a, report) => optionalText(a, 'timezone', 1000, report)),
  set_contact_status: rule((a, report) => {
    if (typeof a.status !== 'string' || !CONTACT_STATUSES.has(a.status)) report(`status ${describe(a.status)} is not one of ${[...CONTACT_STATUSES].join(', ')}`);
  }),
  add_contact_urn: rule((a, report) => requireText(a, 'path', 1000, report)),
  add_contact_groups: rule((a, report) => {
    if (!Array.isArray(a.groups)) report('needs a groups list');
    else checkGroupRefs(a.groups, report);
  }),
  remove_contact_groups: rule((a, report) => {
    if (a.groups !== undefined && a.groups !== null && !Array.isArray(a.groups)) report('groups must be a list');
    if (Array.isArray(a.groups)) checkGroupRefs(a.groups, report);
    if (a.all_groups === true && Array.isArray(a.groups) && a.groups.length > 0) report("can't name groups when all_groups is true");
  }),
  add_input_labels: rule((a, report) => {
    if (!Array.isArray(a.labels)) report('needs a labels list');
  }),
  set_run_result: rule((a, report) => {
    checkResultName(a.name, 'name', report, true);
    optionalText(a, 'value', 10000, report);
    if (a.category !== undefined && a.category !== '' && (typeof a.category !== 'string' || runeLength(a.category) > 64)) {
      report(`category ${describe(a.category)} must be text of at most 64 characters`);
    }
  }),
  set_run_local: rule((a, report) => {
    if (!isNonEmptyString(a.local)) report('needs a local');
    if (!['set', 'increment', 'clear'].includes(String(a.operation))) report(`operation ${describe(a.operation)} is not set, increment or clear`);
  }),
  call_webhook: rule((a, report) => {
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
    checkResultName(a.result_name, 'result_name', report, false);
  }),
  call_resthook: rule((a, report) => {
    requireText(a, 'resthook', 1000, report);
    checkResultName(a.result_name, 'result_name', report, false);
  }),
  call_classifier: rule((a, report) => {
    requireText(a, 'input', 10000, report);
    checkResultName(a.result_name, 'result_name', report, true);
  }),
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
  enter_flow: (a, report) => flowReference(a, 'enter_flow', report),
  start_session: (a, report) => {
    checkOtherContacts(a, report);
    return flowReference(a, 'start_session', report);
  },
};

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

function checkMessage(a: JsonRecord, report: Report): void {
  requireText(a, 'text', 10000, report);
  for (const [property, max] of [['quick_replies', 10], ['attachments', 10]] as const) {
    const values = a[property];
    if (values === undefined || values === null) continue;
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) report(`${property} must be a list of texts`);
    else if (values.length > max) report(`has ${values.length} ${property}, at most ${max} are allowed`);
  }
}

function checkOtherContacts(a: JsonRecord, report: Report): void {
  for (const property of ['groups', 'contacts', 'urns', 'legacy_vars']) {
    const values = a[property];
    if (values === undefined || values === null) continue;
    if (!Array.isArray(values)) report(`${property} must be a list`);
    else if (values.length > 100) report(`has ${values.length} ${property}, at most 100 are allowed`);
  }
  if (Array.isArray(a.groups)) checkGroupRefs(a.groups, report);
}

function checkGroupRefs(groups: unknown[], report: Report): void {
  if (groups.length > 100) report(`has ${groups.length} groups, at most 100 are allowed`);
  for (const group of groups) {
    if (!isRecord(group)) {
      report(`group ${describe(group)} is not an object`);
      continue;
    }
    const hasUuid = isNonEmptyString(group.uuid);
    const hasMatch = isNonEmptyString(group.name_match);
    if (hasUuid === hasMatch) report(`group ${describe(group)} needs either a uuid or a name_match`);
    else if (hasUuid && !isUuid(group.uuid)) report(`group uuid ${describe(group.uuid)} is not a valid UUID`);
  }
}

/** goflow's `result_name` rule: 1 to 64 characters. */
export function checkResultName(name: unknown, property: string, report: Report, required: boolean): void {
  if (name === undefined || name === null || name === '') {
    if (required) report(`needs a ${property}`);
    return;
  }
  if (typeof name !== 'string' || runeLength(name) > 64) report(`${property} ${describe(name)} must be text of 1 to 64 characters`);
}

function flowReference(a: JsonRecord, via: string, report: Report): FlowRefUse[] {
  const flow = a.flow;
  if (!isRecord(flow) || !isUuid(flow.uuid)) {
    report(`needs a flow with a valid uuid (got ${describe(flow)})`);
    return [];
  }
  return [{ uuid: flow.uuid, name: typeof flow.name === 'string' ? flow.name : '', via }];
}
