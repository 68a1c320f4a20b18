/**
 * `simulate`'s story of CHT's own SMS through RapidPro: a CHW writes to a traced contact from the
 * Messages tab; CHT's minute tick posts it to RapidPro's broadcasts API (CHT 4.11's client,
 * src/cht/sms-gateway.ts) and polls its status; the contact's reply, which no flow is waiting for,
 * starts the catch-all "CHT SMS Gateway" flow (walked by the flow simulator), whose webhook CHT's
 * incoming-messages endpoint accepts; update_clinics links it to the contact, and CHT's replication
 * rules (src/deployment/replication.ts) put it on the CHW's phone, in the Messages tab. A message
 * written like a record form (`RP_SYMPTOMS …`) is not forwarded.
 *
 * RapidPro's side is played in-process by default (answers shaped as RapidPro's API gives them);
 * the tests play it over HTTP on 127.0.0.1 with `options.fetch` and their own CHT endpoint.
 */
import * as fs from 'fs';
import * as path from 'path';
import { outgoingSms } from '../deployment/audit';
import { PlacedPerson } from '../deployment/hierarchy';
import { Doc, DocIndex, ReplicationSettings, replicatedDocIds } from '../deployment/replication';
import {
  GatewaySettings, IncomingOutcome, acceptIncoming, applyStateUpdates, incomingMessageDoc, messagesTabEntry,
  pendingMessages, pollRemoteState, sendThroughRapidPro,
} from '../cht/sms-gateway';
import { GATEWAY_FLOW_NAME, INCOMING_TOKEN_GLOBAL } from '../gateway';
import { synthesize } from '../project/synth';
import { simulateFlow } from '../rapidpro/simulator';
import { uuidV5 } from '../rapidpro/uuid';
import { Step, WorkflowTrace } from './trace';

/** Placeholders, never real credentials: the simulated CHT holds them and the simulated workspace's globals echo them. */
const SIMULATED = { outgoing: 'simulated-outgoing-token', incoming: 'simulated-incoming-secret', rapidproUrl: 'https://rapidpro.example.org', chtUrl: 'https://cht.example.org' };

export interface GatewayStoryOptions {
  projectDir: string;
  /** RapidPro's API as CHT reaches it; default: answered in-process as RapidPro answers. */
  fetch?: typeof fetch;
  rapidproUrl?: string;
  /** The `rapidpro:outgoing` credential CHT holds (a placeholder by default). */
  outgoingToken?: string;
  start?: string;
}

interface HarnessDefaults {
  user?: string;
  subject?: string;
  docs: Doc[];
}

/** The story happens one morning, on day 0 of its own timeline. */
const AT = '10:00';

/** RapidPro's broadcasts and messages endpoints, in-process: a new broadcast is `queued` (RapidPro before 9.3.45; see src/cht/sms-gateway.ts for later ones), then delivered. */
function inProcessRapidPro(): typeof fetch {
  let broadcasts = 0;
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if ((init?.method ?? 'GET') === 'POST' && url.pathname === '/api/v2/broadcasts.json') {
      const body = JSON.parse(String(init?.body)) as { urns: string[]; text: string };
      return answer(201, { id: ++broadcasts, uuid: uuidV5(`broadcast/${broadcasts}`), status: 'queued', urns: body.urns, contacts: [], groups: [], text: { eng: body.text }, created_on: new Date(0).toISOString() });
    }
    if (url.pathname === '/api/v2/messages.json' && url.searchParams.get('broadcast')) {
      return answer(200, { next: null, previous: null, results: [{ broadcast: Number(url.searchParams.get('broadcast')), direction: 'out', status: 'delivered' }] });
    }
    return answer(404, { detail: 'Not found.' });
  }) as typeof fetch;
}

export async function runGatewayStory(options: GatewayStoryOptions): Promise<WorkflowTrace> {
  const steps: Step[] = [];
  const settings = JSON.parse(fs.readFileSync(path.join(options.projectDir, 'app_settings.json'), 'utf8')) as GatewaySettings & ReplicationSettings;
  const chtSettings: GatewaySettings = { sms: { ...settings.sms, rapidpro: { url: options.rapidproUrl ?? SIMULATED.rapidproUrl } } };
  const defaults = JSON.parse(fs.readFileSync(path.join(options.projectDir, 'harness.defaults.json'), 'utf8')) as HarnessDefaults;
  const contacts = defaults.docs;
  const byId = new Map(contacts.map((doc) => [doc._id, doc]));
  const chw = byId.get(defaults.user ?? 'chw_user') as PlacedPerson;
  const contact = byId.get(defaults.subject ?? 'traced_contact') as PlacedPerson;
  const fetchImpl = options.fetch ?? inProcessRapidPro();
  const at = Date.parse(options.start ?? '2026-03-16T10:00:00');
  const assembly = synthesize();
  const gateway = assembly.gateway;

  // 1. the CHW writes to the contact from the Messages tab (the webapp's send-message doc)
  const text = 'Hello Baraka, this is Amina. Please call me when you can.';
  const sent: Doc = { ...outgoingSms(uuidV5('simulate/gateway/out'), chw, contact, text), reported_date: at };
  steps.push({ kind: 'messages-sent', day: 0, time: AT, user: String(chw._id), to: contact.phone, text });

  // 2. CHT's next minute: the broadcast, then the status poll
  for (const attempt of await sendThroughRapidPro(chtSettings, options.outgoingToken ?? SIMULATED.outgoing, pendingMessages(sent), fetchImpl)) {
    if (attempt.update) applyStateUpdates(sent, [attempt.update], new Date(at + 60_000));
    steps.push({
      kind: 'cht-sms', day: 0, time: AT, url: attempt.request.url, body: attempt.request.body, status: attempt.status,
      state: attempt.update?.state ?? 'pending', ...(attempt.stillPending ? { note: attempt.stillPending } : {}),
    });
    const polled = attempt.update ? await pollRemoteState(chtSettings, options.outgoingToken ?? SIMULATED.outgoing, attempt.update.gatewayRef, attempt.message.id, fetchImpl) : undefined;
    if (polled) {
      applyStateUpdates(sent, [polled], new Date(at + 120_000));
      steps.push({ kind: 'cht-sms-status', day: 0, time: AT, state: polled.state });
    }
  }
  const stillPending = pendingMessages(sent).length;
  steps.push({ kind: 'cht-sms-round', day: 0, time: AT, pending: stillPending });

  // 3. replies no flow is waiting for: RapidPro's catch-all trigger runs the gateway flow
  const saved: Doc[] = [];
  const seen = new Set<string>();
  const reply = (from: PlacedPerson | { phone: string; name?: string }, text: string, minutes: number) => {
    const when = at + minutes * 60_000;
    let outcome: IncomingOutcome | undefined;
    const run = simulateFlow(gateway.content, GATEWAY_FLOW_NAME, {
      contact: { urn: `tel:${from.phone}` },
      input: text,
      now: new Date(when),
      runUuid: uuidV5(`simulate/gateway/${from.phone}/${minutes}`),
      globals: { cht_url: SIMULATED.chtUrl, cht_auth: 'Basic [simulated]', [INCOMING_TOKEN_GLOBAL.key]: SIMULATED.incoming },
      webhook: (request) => {
        outcome = acceptIncoming({ headers: request.headers, body: JSON.parse(request.body) as unknown }, SIMULATED.incoming, seen);
        return { status: outcome.status, body: JSON.stringify(outcome.body) };
      },
    });
    const call = run.webhooks[0];
    let doc: Doc | undefined;
    if (outcome?.message) {
      seen.add(outcome.message.id);
      doc = incomingMessageDoc(outcome.message, { id: uuidV5(`simulate/gateway/in/${outcome.message.id}`), now: when, forms: assembly.jsonForms, contacts }) as unknown as Doc;
      saved.push(doc);
    }
    steps.push({
      kind: 'incoming', day: 0, time: AT, from: from.phone, text, flow: GATEWAY_FLOW_NAME, forwarded: !!call,
      ...(call ? { webhook: { url: call.url, body: JSON.parse(call.body) as unknown, status: call.status } } : {}),
      ...(doc ? { doc } : {}),
    });
  };
  reply(contact, 'Sawa Amina, nitakupigia jioni.', 30);
  reply({ phone: '+254799000111' }, 'RP_SYMPTOMS answered 1 fever 0 cough 0 breathing 0 symptomatic 0', 45);

  // 4. what the CHW's phone shows in the Messages tab after the next sync
  const user = { name: String(chw._id), roles: ['chw'], facilityIds: [String((chw.parent as { _id: string })._id)], contactId: String(chw._id) };
  const all = [...contacts, sent as Doc, ...saved];
  const phone = replicatedDocIds(settings, new DocIndex(all), user);
  const entries = all.filter((doc) => phone.has(doc._id) && messagesTabEntry(doc) !== undefined).map((doc) => ({
    contact: String(byId.get(messagesTabEntry(doc) as string)?.name ?? messagesTabEntry(doc)),
    text: doc.kujua_message ? text : String((doc.sms_message as { message: string }).message),
    direction: doc.kujua_message ? 'out' as const : 'in' as const,
  }));
  steps.push({ kind: 'messages-tab', day: 0, time: AT, user: user.name, entries });
  return { id: 'cht-sms-gateway', title: 'CHT\'s own SMS through RapidPro: a message from the Messages tab goes out, the reply comes back', steps };
}
