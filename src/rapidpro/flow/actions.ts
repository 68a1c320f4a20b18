/**
 * Actions a flow node runs, before the builder gives them UUIDs. Webhook calls and subflows are
 * not here: they need routing on their outcome, so they are whole nodes (`FlowBuilder.callWebhook`,
 * `FlowBuilder.enterFlow`).
 */
import { FieldDefinition, FieldReference, GroupDefinition, GroupReference } from './types';
import { Text } from './text';

export interface SendMsgSpec {
  readonly type: 'send_msg';
  readonly text: Text;
  readonly quickReplies: readonly Text[];
}

export interface SendBroadcastSpec {
  readonly type: 'send_broadcast';
  readonly text: Text;
  /** Each recipient is a literal URN (`tel:+254…`) or an expression (`@trigger.params.chw_phone`). */
  readonly to: readonly string[];
}

export interface SetContactFieldSpec {
  readonly type: 'set_contact_field';
  readonly field: FieldReference;
  readonly value: string;
}

export interface SetContactLanguageSpec {
  readonly type: 'set_contact_language';
  readonly language: string;
}

export interface SetContactNameSpec {
  readonly type: 'set_contact_name';
  readonly name: string;
}

export interface AddContactGroupsSpec {
  readonly type: 'add_contact_groups';
  readonly groups: readonly GroupReference[];
}

export interface RemoveContactGroupsSpec {
  readonly type: 'remove_contact_groups';
  /** `'all'` removes the contact from every (non-smart) group. */
  readonly groups: readonly GroupReference[] | 'all';
}

export interface SetRunResultSpec {
  readonly type: 'set_run_result';
  readonly name: string;
  readonly value: string;
  readonly category?: string;
}

/** An action to put in a node with `FlowBuilder.actions`. */
export type ActionSpec =
  | SendMsgSpec
  | SendBroadcastSpec
  | SetContactFieldSpec
  | SetContactLanguageSpec
  | SetContactNameSpec
  | AddContactGroupsSpec
  | RemoveContactGroupsSpec
  | SetRunResultSpec;

/** RapidPro shows at most 10 quick replies (the 14.1 migration drops the rest). */
export const MAX_QUICK_REPLIES = 10;

/** Sends `text` to the contact, with optional quick-reply buttons (channels without buttons ignore them). */
export function sendMsg(text: Text, options: { quickReplies?: readonly Text[] } = {}): SendMsgSpec {
  const quickReplies = options.quickReplies ?? [];
  if (quickReplies.length > MAX_QUICK_REPLIES) {
    throw new Error(`sendMsg: ${quickReplies.length} quick replies, RapidPro allows at most ${MAX_QUICK_REPLIES}`);
  }
  return { type: 'send_msg', text, quickReplies };
}

/**
 * Sends `text` to other people than the contact, e.g. `sendBroadcast({ to: ['@trigger.params.chw_phone'], text })`
 * alerts the health worker. An expression recipient may evaluate to a URN or a phone number.
 */
export function sendBroadcast(spec: { to: readonly string[]; text: Text }): SendBroadcastSpec {
  if (spec.to.length === 0) throw new Error('sendBroadcast: needs at least one recipient');
  for (const recipient of spec.to) {
    if (!recipient.includes('@') && !/^[a-z]+:.+/.test(recipient)) {
      throw new Error(`sendBroadcast: recipient "${recipient}" is neither an expression (@…) nor a URN (tel:+…)`);
    }
  }
  return { type: 'send_broadcast', text: spec.text, to: spec.to };
}

/** Saves `value` (a template) in a contact field. An empty value clears the field. */
export function setContactField(field: FieldDefinition | FieldReference, value: string): SetContactFieldSpec {
  return { type: 'set_contact_field', field: { key: field.key, name: field.name }, value };
}

/** Sets the contact's language (a template evaluating to an ISO 639-3 code, e.g. `@trigger.params.language`). */
export function setContactLanguage(language: string): SetContactLanguageSpec {
  return { type: 'set_contact_language', language };
}

/** Sets the contact's name (a template, e.g. `@trigger.params.name`): an empty value clears it, a template that fails leaves it unchanged. */
export function setContactName(name: string): SetContactNameSpec {
  return { type: 'set_contact_name', name };
}

/** Adds the contact to plain (non-smart) groups. */
export function addToGroups(...groups: Array<GroupDefinition | GroupReference>): AddContactGroupsSpec {
  if (groups.length === 0) throw new Error('addToGroups: needs at least one group');
  return { type: 'add_contact_groups', groups: groups.map(groupReference) };
}

/** Removes the contact from plain (non-smart) groups. */
export function removeFromGroups(...groups: Array<GroupDefinition | GroupReference>): RemoveContactGroupsSpec {
  if (groups.length === 0) throw new Error('removeFromGroups: needs at least one group (or use removeFromAllGroups)');
  return { type: 'remove_contact_groups', groups: groups.map(groupReference) };
}

/** Removes the contact from every plain group. */
export function removeFromAllGroups(): RemoveContactGroupsSpec {
  return { type: 'remove_contact_groups', groups: 'all' };
}

/** Saves a run result without asking anything, e.g. the score of a quiz. */
export function setRunResult(name: string, value: string, category?: string): SetRunResultSpec {
  return category === undefined ? { type: 'set_run_result', name, value } : { type: 'set_run_result', name, value, category };
}

function groupReference(group: GroupDefinition | GroupReference): GroupReference {
  return { uuid: group.uuid, name: group.name };
}
