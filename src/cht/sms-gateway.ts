/**
 * RapidPro as CHT's SMS gateway, CHT's half, as CHT 4.11.0 does it (read from cht-core
 * `api/src/services/messaging.js`, `services/rapidpro.js`, `controllers/rapidpro.js`,
 * `services/records.js`, `shared-libs/task-utils`, `transitions/update_clinics.js`): used by
 * `simulate` and by the tests that play both sides over HTTP on 127.0.0.1.
 *
 * Outgoing: every 60 s CHT takes up to 25 messages whose task is `pending` or
 * `forwarded-to-gateway` and, one after another, POSTs `{ urns: ['tel:<to>'], text }` to
 * `<sms.rapidpro.url>/api/v2/broadcasts.json` with `Authorization: Token <rapidpro:outgoing>`. It maps
 * the broadcast's `status` to a task state and keeps the broadcast `id` as the gateway reference,
 * which it later polls with `GET /api/v2/messages.json?broadcast=<id>`. Any failure (no answer, an
 * error status, an empty answer) leaves the message pending: it is sent again a minute later.
 *
 * The 4.11 pitfall: a status its map does not know leaves the message pending too. RapidPro since
 * v9.3.45 (September 2024, TextIt included) answers a new broadcast with `"status": "pending"`, which
 * 4.11 does not know: CHT then sends the same SMS again every minute (cht-core #9467, fixed in
 * 4.14.0 by treating an unknown status as queued and a 400 as failed).
 *
 * Incoming: `POST /api/v2/sms/rapidpro/incoming-messages` with `Authorization: Token <secret>` must
 * match the `rapidpro:incoming` credential; the body's `id`, `from` and `content` are required and
 * `id` must be new (it becomes the doc's `gateway_ref`). CHT saves an incoming SMS doc, parsed as a
 * form when its first word is a form code; update_clinics links it to the contact with that phone.
 */
import { JsonForm } from './json-form';
import { parseJsonBody } from '../util/json';

/** CHT 4.11's map of RapidPro message and broadcast statuses to its task states. */
export const CHT_4_11_RAPIDPRO_STATUSES: Readonly<Record<string, { success: boolean; state: string; detail: string; final?: true }>> = {
  queued: { success: true, state: 'received-by-gateway', detail: 'Queued' },
  wired: { success: true, state: 'forwarded-by-gateway', detail: 'Wired' },
  sent: { success: true, state: 'sent', detail: 'Sent' },
  delivered: { success: true, state: 'delivered', detail: 'Delivered', final: true },
  resent: { success: true, state: 'sent', detail: 'Resent' },
  errored: { success: false, state: 'received-by-gateway', detail: 'Errored' },
  failed: { success: false, state: 'failed', detail: 'Failed', final: true },
};

export const BROADCASTS_PATH = '/api/v2/broadcasts.json';
export const MESSAGES_PATH = '/api/v2/messages.json';
/** CHT's batch per minute. */
export const OUTGOING_BATCH = 25;

export interface GatewaySettings {
  sms?: { outgoing_service?: string; rapidpro?: { url?: string } };
}

/** A message CHT has to send: the task message's uuid, recipient and text. */
export interface OutgoingMessage {
  id: string;
  to: string;
  content: string;
}

export interface StateUpdate {
  messageId: string;
  gatewayRef: unknown;
  state: string;
  details: string;
}

/** What happened to one message in one sending round. */
export interface SendAttempt {
  message: OutgoingMessage;
  request: { method: 'POST'; url: string; headers: Record<string, string>; body: { urns: string[]; text: string } };
  /** The HTTP status, 0 when RapidPro did not answer. */
  status: number;
  response?: unknown;
  /** The update CHT saves, or why there is none (the message stays pending and goes again next round). */
  update?: StateUpdate;
  stillPending?: string;
}

/** CHT refuses to send at all: settings or credential missing (the messages stay pending). */
export class GatewayNotConfigured extends Error {
  override name = 'GatewayNotConfigured';
}

interface TaskMessage {
  uuid?: string;
  to?: string;
  message?: string;
}

interface MessageTask {
  state?: string;
  state_details?: string;
  gateway_ref?: unknown;
  state_history?: { state: string; state_details?: string; timestamp: string }[];
  messages?: TaskMessage[];
}

/** `messaging.getPendingMessages`: the messages of a doc CHT still has to send. */
export function pendingMessages(doc: Readonly<Record<string, unknown>>): OutgoingMessage[] {
  const tasks = [...(Array.isArray(doc.tasks) ? doc.tasks : []), ...(Array.isArray(doc.scheduled_tasks) ? doc.scheduled_tasks : [])] as MessageTask[];
  const pending: OutgoingMessage[] = [];
  for (const task of tasks) {
    if (task.state !== 'pending' && task.state !== 'forwarded-to-gateway') continue;
    for (const message of task.messages ?? []) {
      if (message.uuid && message.to && message.message) pending.push({ content: message.message, to: message.to, id: message.uuid });
    }
  }
  return pending;
}

function rapidproUrl(settings: GatewaySettings): string {
  const url = settings.sms?.rapidpro?.url;
  if (!url) throw new GatewayNotConfigured('No RapidPro URL configured. Refer to the RapidPro configuration documentation.');
  return url.replace(/\/+$/, '');
}

function checkToken(token: string | undefined): string {
  if (!token) throw new GatewayNotConfigured('No api key configured. Refer to the RapidPro configuration documentation.');
  return token;
}

type Fetch = typeof fetch;

/**
 * One sending round of CHT 4.11 (`rapidpro.send`): each message POSTed in turn; returns what
 * happened to each. Throws GatewayNotConfigured when the URL or `rapidpro:outgoing` is missing.
 */
export async function sendThroughRapidPro(settings: GatewaySettings, outgoingToken: string | undefined, messages: readonly OutgoingMessage[], fetchImpl: Fetch = fetch): Promise<SendAttempt[]> {
  const base = rapidproUrl(settings);
  const token = checkToken(outgoingToken);
  const attempts: SendAttempt[] = [];
  for (const message of messages) {
    const request: SendAttempt['request'] = {
      method: 'POST',
      url: `${base}${BROADCASTS_PATH}`,
      headers: { Authorization: `Token ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: { urns: [`tel:${message.to}`], text: message.content },
    };
    const attempt: SendAttempt = { message, request, status: 0 };
    attempts.push(attempt);
    let text: string;
    try {
      const response = await fetchImpl(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify(request.body) });
      attempt.status = response.status;
      text = await response.text();
    } catch (error) {
      attempt.stillPending = `RapidPro did not answer (${error instanceof Error ? error.message : String(error)}): sent again next round`;
      continue;
    }
    if (attempt.status < 200 || attempt.status > 299) {
      attempt.stillPending = `RapidPro answered ${attempt.status}: sent again next round (CHT 4.11 retries even a 400)`;
      continue;
    }
    const result = parseJsonBody(text);
    attempt.response = result;
    if (!result || typeof result !== 'object') {
      attempt.stillPending = 'empty answer from RapidPro: sent again next round';
      continue;
    }
    const status = (result as { status?: unknown }).status;
    const mapped = typeof status === 'string' ? CHT_4_11_RAPIDPRO_STATUSES[status] : undefined;
    if (!mapped) {
      attempt.stillPending = `broadcast status ${JSON.stringify(status)} is not one CHT 4.11 knows: the message stays pending and is sent again next round`;
      continue;
    }
    attempt.update = { messageId: message.id, gatewayRef: (result as { id?: unknown }).id, state: mapped.state, details: mapped.detail };
  }
  return attempts;
}

/** One poll of a sent message (`rapidpro.getRemoteState`): the first message of the broadcast decides. */
export async function pollRemoteState(settings: GatewaySettings, outgoingToken: string | undefined, gatewayRef: unknown, messageId: string, fetchImpl: Fetch = fetch): Promise<StateUpdate | undefined> {
  if (!gatewayRef) return undefined;
  const base = rapidproUrl(settings);
  const token = checkToken(outgoingToken);
  const response = await fetchImpl(`${base}${MESSAGES_PATH}?broadcast=${encodeURIComponent(String(gatewayRef))}`, {
    headers: { Authorization: `Token ${token}`, Accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`RapidPro answered ${response.status} to the status poll`);
  const result = parseJsonBody(await response.text()) as { results?: { status?: unknown }[] } | undefined;
  const first = result?.results?.[0];
  const mapped = typeof first?.status === 'string' ? CHT_4_11_RAPIDPRO_STATUSES[first.status] : undefined;
  if (!first) return undefined;
  if (!mapped) throw new Error(`message status ${JSON.stringify(first.status)} is not one CHT 4.11 knows`);
  return { messageId, gatewayRef, state: mapped.state, details: mapped.detail };
}

/** `task-utils.setTaskState` for each update whose message is on the doc; returns how many changed. */
export function applyStateUpdates(doc: Readonly<Record<string, unknown>>, updates: readonly StateUpdate[], now: Date): number {
  const tasks = [...(Array.isArray(doc.tasks) ? doc.tasks : []), ...(Array.isArray(doc.scheduled_tasks) ? doc.scheduled_tasks : [])] as MessageTask[];
  let changed = 0;
  for (const update of updates) {
    const task = tasks.find((candidate) => candidate.messages?.some((message) => message.uuid === update.messageId));
    if (!task) continue;
    task.state_history = task.state_history ?? [];
    const last = task.state_history[task.state_history.length - 1];
    const same = task.state === update.state && last?.state === update.state && (!update.details || task.state_details === update.details) && (!update.gatewayRef || task.gateway_ref === update.gatewayRef);
    if (same) continue;
    task.state = update.state;
    task.state_details = update.details;
    task.gateway_ref = update.gatewayRef;
    task.state_history.push({ state: update.state, state_details: update.details, timestamp: now.toISOString() });
    changed++;
  }
  return changed;
}

// ---------------------------------------------------------------- incoming

export interface IncomingRequest {
  headers: Readonly<Record<string, string | undefined>>;
  body: unknown;
}

export interface IncomingMessage {
  id: string;
  from: string;
  content: string;
}

/** CHT's answer, and the message it will save when it accepted one. */
export interface IncomingOutcome {
  status: number;
  body: { saved: number } | { code: number; error: string };
  message?: IncomingMessage;
}

const TOKEN_HEADER = /^Token\s+(.*)$/;

/**
 * The incoming-messages controller: the token check, then `messaging.processIncomingMessages`
 * (required fields, duplicate `id`). `seen` holds the gateway references CHT already has.
 */
export function acceptIncoming(request: IncomingRequest, incomingToken: string | undefined, seen: ReadonlySet<string>): IncomingOutcome {
  const refuse = (status: number, error: string): IncomingOutcome => ({ status, body: { code: status, error } });
  if (!request.body) return refuse(400, 'Request body is required');
  const header = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const given = header ? TOKEN_HEADER.exec(header)?.[1] : undefined;
  if (!given) return refuse(403, 'Missing authorization token');
  if (!incomingToken) return refuse(403, 'No incoming key configured');
  if (given !== incomingToken) return refuse(403, 'Incorrect token');
  const body = request.body as Record<string, unknown>;
  const message = { id: body.id, from: body.from, content: body.content };
  const complete = !!message.id && !!message.from && !!message.content;
  if (!complete || seen.has(String(message.id))) return refuse(400, 'Message was not saved');
  return { status: 200, body: { saved: 1 }, message: { id: String(message.id), from: String(message.from), content: String(message.content) } };
}

/** `smsparser.getFormCode`: the form code CHT reads from a message (muvuku `…!CODE!…`, or the first word). */
export function smsFormCode(message: string): string | undefined {
  if (message.split('!').length >= 3) return message.split('!')[1].toUpperCase();
  const match = /^\s*([^\s!\-,:#]+)[\s!\-,:#]*.*/s.exec(message);
  return match ? match[1].toUpperCase() : undefined;
}

export interface IncomingDoc {
  _id: string;
  type: 'data_record';
  from: string;
  /** Set when the first word is a form code CHT knows: CHT then parses the SMS as that form. */
  form: string | undefined;
  errors: { code: string }[];
  tasks: [];
  fields: Record<string, unknown>;
  reported_date: number;
  sms_message: { type: 'sms_message'; message: string; form: string | undefined; from: string; gateway_ref: string };
  contact?: { _id: string; parent?: unknown };
}

interface PhoneContact {
  _id: string;
  phone?: unknown;
  parent?: unknown;
}

/**
 * The doc CHT saves for an accepted message (`records.createByForm`), linked by update_clinics to
 * the contact whose `phone` is the sender's; an unknown sender gets `sys.facility_not_found`.
 */
export function incomingMessageDoc(message: IncomingMessage, options: { id: string; now: number; forms: Readonly<Record<string, JsonForm>>; contacts: readonly PhoneContact[] }): IncomingDoc {
  const code = smsFormCode(message.content);
  const form = code && options.forms[code] ? code : undefined;
  const errors: { code: string }[] = [];
  if (!message.content.trim()) errors.push({ code: 'sys.empty' });
  const sender = options.contacts.find((contact) => contact.phone === message.from);
  const doc: IncomingDoc = {
    _id: options.id,
    type: 'data_record',
    from: message.from,
    form,
    errors,
    tasks: [],
    fields: {},
    reported_date: options.now,
    sms_message: { type: 'sms_message', message: message.content, form: code, from: message.from, gateway_ref: message.id },
  };
  if (sender) doc.contact = { _id: sender._id, ...(sender.parent ? { parent: sender.parent } : {}) };
  else if (!form || !options.forms[form]?.public_form) errors.push({ code: 'sys.facility_not_found' });
  return doc;
}

/** The Messages tab (`medic-client/messages_by_contact_date`): under which contact (or number) a message doc shows, if it shows. */
export function messagesTabEntry(doc: { type?: unknown; form?: unknown; kujua_message?: unknown; sms_message?: unknown; tasks?: unknown; contact?: { _id?: string }; from?: unknown }): string | undefined {
  if (doc.type !== 'data_record' || doc.form) return undefined;
  if (doc.kujua_message && Array.isArray(doc.tasks)) {
    const message = (doc.tasks[0] as MessageTask & { messages?: { contact?: { _id?: string }; to?: string }[] } | undefined)?.messages?.[0];
    return message?.contact?._id ?? message?.to;
  }
  if (doc.sms_message) return doc.contact?._id ?? (typeof doc.from === 'string' ? doc.from : undefined);
  return undefined;
}
