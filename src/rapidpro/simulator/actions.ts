/**
 * What each action does to the simulated session, after goflow's `flows/actions/*.go`. Templates
 * that fail make `set_*` actions do nothing (goflow skips them); messages are still sent with the
 * failed parts empty. Action types the simulator does not model are refused.
 */
import { Action, FlowNode } from '../flow/types';
import { goTrimSpace } from './excellent/case-tests';
import { UnsupportedExpressionError } from './excellent/errors';
import { Session } from './session';
import { RunState } from './state';

/** goflow's limit on the JSON kept as a webhook result's `extra`. */
const RESULT_EXTRA_MAX_BYTES = 10000;

export function executeAction(session: Session, run: RunState, node: FlowNode, action: Action, where: string): void {
  switch (action.type) {
    case 'send_msg': {
      const { values: [text], language } = session.translate(run, action.uuid, 'text', [action.text]);
      const quickReplies = session
        .translate(run, action.uuid, 'quick_replies', action.quick_replies ?? [])
        .values.map((reply) => session.text(run, reply, `${where} quick reply`).value)
        .filter((reply) => {
          if (reply === '') session.errors.push(`${where}: quick reply evaluated to empty string and will be ignored`);
          return reply !== '';
        });
      const message = { to: session.contact.urn, text: session.text(run, text, where).value, quickReplies, language };
      session.messages.push(message);
      session.emit({ type: 'msg_created', to: message.to, text: message.text, quick_replies: quickReplies, language });
      return;
    }
    case 'send_broadcast':
      return sendBroadcast(session, run, action, where);
    case 'set_contact_field': {
      const { value, ok } = session.text(run, action.value, where);
      if (!ok) return;
      const key = action.field.key;
      if (!session.contact.fieldTypes.has(key)) {
        session.errors.push(`${where}: contact field "${key}" does not exist in the workspace`);
        return;
      }
      const trimmed = goTrimSpace(value);
      const newValue = trimmed === '' ? null : trimmed;
      if ((session.contact.fields.get(key) ?? null) !== newValue) session.emit({ type: 'contact_field_changed', field: key, value: newValue });
      session.contact.fields.set(key, newValue);
      return;
    }
    case 'set_contact_name': {
      const { value, ok } = session.text(run, action.name, where);
      if (!ok) return;
      const name = goTrimSpace(value);
      if (name !== session.contact.name) session.emit({ type: 'contact_name_changed', name });
      session.contact.name = name;
      return;
    }
    case 'set_contact_language': {
      const { value, ok } = session.text(run, action.language, where);
      if (!ok) return;
      const language = goTrimSpace(value);
      if (language !== '' && !/^[a-z]{3}$/.test(language)) {
        session.errors.push(`${where}: "${language}" is not a valid language code`);
        return;
      }
      if (language !== session.contact.language) session.emit({ type: 'contact_language_changed', language });
      session.contact.language = language;
      return;
    }
    case 'add_contact_groups':
    case 'remove_contact_groups': {
      const before = new Set(session.contact.groups);
      changeGroups(session, run, action, where);
      const added = [...session.contact.groups].filter((group) => !before.has(group));
      const removed = [...before].filter((group) => !session.contact.groups.has(group));
      if (added.length > 0 || removed.length > 0) session.emit({ type: 'contact_groups_changed', added, removed });
      return;
    }
    case 'set_run_result': {
      const { value, ok } = session.text(run, action.value, where);
      if (!ok) return;
      const category = action.category ?? '';
      const localized = session.translate(run, action.uuid, 'category', [category]).values[0];
      session.saveResult(run, { name: action.name, value, category, categoryLocalized: localized === category ? '' : localized, node: node.uuid, input: '' });
      return;
    }
    case 'call_webhook':
      return callWebhook(session, run, node, action, where);
    case 'enter_flow': {
      const flow = session.flows.get(action.flow.uuid);
      if (!flow) {
        session.errors.push(`${where}: unable to find flow "${action.flow.name}"`);
        run.status = 'failed';
        return;
      }
      if (flow.type !== run.flow.type && flow.type !== 'messaging_background') {
        session.errors.push(`${where}: can't enter ${flow.type} flow "${flow.name}" from a ${run.flow.type} flow`);
        run.status = 'failed';
        return;
      }
      session.pushFlow(flow, action.terminal === true);
      return;
    }
    default:
      throw new UnsupportedExpressionError(`the action type ${(action as { type: string }).type} is not supported by the simulator`);
  }
}

function changeGroups(session: Session, run: RunState, action: Extract<Action, { type: 'add_contact_groups' | 'remove_contact_groups' }>, where: string): void {
  if (action.type === 'remove_contact_groups' && action.all_groups) {
    for (const group of [...session.contact.groups]) if (!session.smartGroups.has(group)) session.contact.groups.delete(group);
    return;
  }
  for (const group of action.groups ?? []) {
    const name = groupName(session, run, group, where);
    if (name === undefined) continue;
    if (session.smartGroups.has(name)) {
      session.errors.push(`${where}: "${name}" is a smart group, membership follows its query`);
      continue;
    }
    if (action.type === 'add_contact_groups') session.contact.groups.add(name);
    else session.contact.groups.delete(name);
  }
}

function groupName(session: Session, run: RunState, group: { uuid?: string; name?: string; name_match?: string }, where: string): string | undefined {
  if (group.name_match !== undefined) {
    const { value, ok } = session.text(run, group.name_match, where);
    return ok ? value : undefined;
  }
  return group.name;
}

/**
 * A broadcast recipient evaluated from an expression, as goflow resolves `legacy_vars`: a URN as
 * is, an E.164 number as a tel URN. Undefined for anything else.
 */
function recipientUrn(value: string): string | undefined {
  const trimmed = goTrimSpace(value);
  if (/^tel:\+?[0-9]{4,}$/.test(trimmed)) return trimmed;
  if (/^\+[0-9]{4,}$/.test(trimmed)) return `tel:${trimmed}`;
  if (/^(whatsapp|telegram|facebook|viber|mailto|ext|line|instagram):.+/.test(trimmed)) return trimmed;
  return undefined;
}

function sendBroadcast(session: Session, run: RunState, action: Extract<Action, { type: 'send_broadcast' }>, where: string): void {
  const raw = action as unknown as Record<string, unknown>;
  for (const property of ['groups', 'contacts', 'contact_query']) {
    const value = raw[property];
    if (value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)) {
      throw new UnsupportedExpressionError(`broadcasts to ${property} are not supported by the simulator`);
    }
  }
  const recipients = [...(action.urns ?? [])];
  for (const variable of action.legacy_vars ?? []) {
    const { value } = session.text(run, variable, where);
    const recipient = recipientUrn(value);
    if (recipient) recipients.push(recipient);
    else if (/^[0-9 ()-]{4,}$/.test(goTrimSpace(value))) {
      throw new UnsupportedExpressionError(`resolving the local phone number "${goTrimSpace(value)}" needs the workspace country; give it in E.164 form (+2547…)`);
    } else session.errors.push(`${where}: '${goTrimSpace(value)}' couldn't be resolved to a contact, group or URN`);
  }
  // goflow evaluates the broadcast in every language of the flow, each falling back to the base language
  const translations: Record<string, string> = {};
  for (const language of [run.flow.language, ...Object.keys(run.flow.localization ?? {})]) {
    const [text] = session.translate(run, action.uuid, 'text', [action.text], [language, run.flow.language]).values;
    translations[language] = session.text(run, text, where).value;
  }
  if (recipients.length === 0) return;
  session.broadcasts.push({ to: recipients, text: translations[run.flow.language], translations });
  session.emit({ type: 'broadcast_created', to: recipients, text: translations[run.flow.language], translations });
}

function callWebhook(session: Session, run: RunState, node: FlowNode, action: Extract<Action, { type: 'call_webhook' }>, where: string): void {
  run.webhook = null;
  const url = goTrimSpace(session.text(run, action.url, where).value);
  if (url === '') {
    session.errors.push(`${where}: webhook URL evaluated to empty string`);
    return;
  }
  if (!session.options.webhook) throw new UnsupportedExpressionError(`the flow calls ${action.method} ${url} but simulateFlow was given no webhook handler`);
  const method = action.method.toUpperCase();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(action.headers ?? {})) headers[name] = session.text(run, value, `${where} header ${name}`).value;
  const body = action.body ? session.text(run, action.body, `${where} body`, { truncate: false }).value : '';
  const request = { method, url, headers, body };
  const response = session.options.webhook({ ...request, headers: { ...headers } });
  session.webhooks.push({ ...request, status: response.status });
  session.emit({ type: 'webhook_called', ...request, headers: { ...headers }, status: response.status });

  let json: unknown;
  let hasJson = false;
  const responseBody = typeof response.body === 'string' ? response.body : '';
  if (responseBody.trim() !== '') {
    try {
      json = JSON.parse(responseBody);
      hasJson = true;
    } catch {
      hasJson = false;
    }
  }
  run.webhook = { method, url, status: response.status, headers: response.headers ?? {}, json, hasJson, jsonBytes: hasJson ? Buffer.byteLength(responseBody) : 0 };
  if (action.result_name) {
    const success = response.status >= 200 && response.status < 300;
    const extra = hasJson && Buffer.byteLength(responseBody) < RESULT_EXTRA_MAX_BYTES ? json : undefined;
    session.saveResult(run, {
      name: action.result_name,
      value: String(response.status),
      category: success ? 'Success' : 'Failure',
      categoryLocalized: '',
      node: node.uuid,
      input: `${method} ${url}`,
      extra,
    });
  }
}
