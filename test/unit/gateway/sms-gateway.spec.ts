import { expect } from 'chai';
import { GatewayNotConfigured, OutgoingMessage, acceptIncoming, incomingMessageDoc, messagesTabEntry, pendingMessages, sendThroughRapidPro, smsFormCode } from '../../../src/cht/sms-gateway';
import { GATEWAY_FLOW_NAME, INCOMING_PATH, INCOMING_TOKEN_GLOBAL } from '../../../src/gateway';
import { synthesize } from '../../../src/project/synth';
import { SimulationResult, WebhookRequest, simulateFlow } from '../../../src/rapidpro/simulator';
import { runGatewayStory } from '../../../src/simulate/gateway';
import { validateExport } from '../../../src/rapidpro/validate';
import { REPO_ROOT } from '../../support/harness';
import { RunningServer, parseJsonBody, sendJson, startServer } from '../../support/servers/http';

const OUTGOING_TOKEN = 'test-outgoing-token-0123456789';
const INCOMING_SECRET = 'test-incoming-secret-0123456789';
const PHONE = '+254712345678';

interface Received {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/** RapidPro's broadcasts and messages endpoints as its API answers them (status of a new broadcast configurable). */
async function fakeRapidPro(answer: { status?: string; failWith?: number } = {}): Promise<{ server: RunningServer; received: Received[] }> {
  const received: Received[] = [];
  let broadcasts = 0;
  const server = await startServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    received.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, authorization: req.headers.authorization, body: parseJsonBody(body) });
    if (req.headers.authorization !== `Token ${OUTGOING_TOKEN}`) return sendJson(res, 403, { detail: 'Invalid token.' });
    if (req.method === 'POST' && url.pathname === '/api/v2/broadcasts.json') {
      if (answer.failWith) return sendJson(res, answer.failWith, { urns: { 0: ['Invalid URN: tel:0712'] } });
      const request = parseJsonBody(body) as { urns: string[]; text: string };
      broadcasts++;
      return sendJson(res, 201, { id: broadcasts, uuid: `00000000-0000-4000-8000-00000000000${broadcasts}`, status: answer.status ?? 'queued', urns: request.urns, contacts: [], groups: [], text: { eng: request.text }, created_on: '2026-03-16T10:01:00.000000Z' });
    }
    if (req.method === 'GET' && url.pathname === '/api/v2/messages.json') {
      return sendJson(res, 200, { next: null, previous: null, results: [{ broadcast: Number(url.searchParams.get('broadcast')), direction: 'out', status: 'delivered', urn: `tel:${PHONE}` }] });
    }
    return sendJson(res, 404, { detail: 'Not found.' });
  });
  return { server, received };
}

/** CHT's incoming-messages endpoint (src/cht/sms-gateway.ts, after cht-core 4.11 controllers/rapidpro.js) on 127.0.0.1. */
async function chtIncoming(secret: string | undefined): Promise<{ server: RunningServer; saved: { id: string; from: string; content: string }[] }> {
  const saved: { id: string; from: string; content: string }[] = [];
  const server = await startServer((req, res, body) => {
    if (req.method !== 'POST' || req.url !== INCOMING_PATH) return sendJson(res, 404, { error: 'not_found' });
    const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
    const outcome = acceptIncoming({ headers, body: parseJsonBody(body) ?? {} }, secret, new Set(saved.map((message) => message.id)));
    if (outcome.message) saved.push(outcome.message);
    sendJson(res, outcome.status, outcome.body);
  });
  return { server, saved };
}

const assembly = synthesize();
const gateway = assembly.gateway;

/** Runs the gateway flow for an incoming SMS; its webhook answered with `status` (default 200). */
function runGateway(text: string, globals: Record<string, string>, status = 200, from = PHONE): SimulationResult {
  return simulateFlow(gateway.content, GATEWAY_FLOW_NAME, {
    contact: { urn: `tel:${from}` },
    input: text,
    globals: { cht_auth: 'Basic [test]', ...globals },
    webhook: () => ({ status, body: '{}' }),
  });
}

/** Sends the request the flow made over HTTP, as RapidPro's mailroom would. */
async function deliver(request: WebhookRequest): Promise<{ status: number; body: unknown }> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  return { status: response.status, body: JSON.parse(await response.text()) as unknown };
}

describe('SMS gateway: CHT\'s own SMS out through RapidPro, replies back into the Messages tab', () => {
  describe('CHT 4.11 sending to RapidPro over HTTP', () => {
    let rapidpro: { server: RunningServer; received: Received[] } | undefined;
    afterEach(async () => { await rapidpro?.server.close(); rapidpro = undefined; });

    const outgoing: OutgoingMessage[] = [{ id: 'msg-1', to: PHONE, content: 'Hello Baraka, please call me.' }];

    it('a Messages-tab SMS leaves through RapidPro once: one broadcast, then CHT polls its status; the reply lands in the Messages tab', async () => {
      rapidpro = await fakeRapidPro();
      const story = await runGatewayStory({ projectDir: REPO_ROOT, fetch, rapidproUrl: `${rapidpro.server.url}/`, outgoingToken: OUTGOING_TOKEN });
      expect(rapidpro.received).to.deep.equal([
        { method: 'POST', path: '/api/v2/broadcasts.json', authorization: `Token ${OUTGOING_TOKEN}`, body: { urns: [`tel:${PHONE}`], text: 'Hello Baraka, this is Amina. Please call me when you can.' } },
        { method: 'GET', path: '/api/v2/messages.json?broadcast=1', authorization: `Token ${OUTGOING_TOKEN}`, body: undefined },
      ]);
      const step = <K extends string>(kind: K) => story.steps.filter((candidate) => candidate.kind === kind);
      expect(step('cht-sms')).to.have.length(1);
      expect(step('cht-sms')[0]).to.deep.include({ status: 201, state: 'received-by-gateway' });
      expect(step('cht-sms-status')[0]).to.deep.include({ state: 'delivered' });
      expect(step('cht-sms-round')[0]).to.deep.include({ pending: 0 });
      expect(step('incoming').map((incoming) => ('forwarded' in incoming ? incoming.forwarded : undefined))).to.deep.equal([true, false]);
      expect(step('messages-tab')[0]).to.deep.include({
        user: 'chw_user',
        entries: [
          { contact: 'Baraka Contact', text: 'Hello Baraka, this is Amina. Please call me when you can.', direction: 'out' },
          { contact: 'Baraka Contact', text: 'Sawa Amina, nitakupigia jioni.', direction: 'in' },
        ],
      });
    });

    it('sends exactly what cht-core 4.11 sends, keeps the broadcast id and stops once RapidPro has it', async () => {
      rapidpro = await fakeRapidPro();
      const settings = { sms: { outgoing_service: 'rapidpro', rapidpro: { url: rapidpro.server.url } } };
      const [attempt] = await sendThroughRapidPro(settings, OUTGOING_TOKEN, outgoing);
      expect(rapidpro.received).to.deep.equal([{ method: 'POST', path: '/api/v2/broadcasts.json', authorization: `Token ${OUTGOING_TOKEN}`, body: { urns: [`tel:${PHONE}`], text: 'Hello Baraka, please call me.' } }]);
      expect(attempt.update).to.deep.equal({ messageId: 'msg-1', gatewayRef: 1, state: 'received-by-gateway', details: 'Queued' });
    });

    it('with RapidPro 9.3.45 or later (a new broadcast is "pending"), CHT 4.11 sends the same SMS again every minute', async () => {
      rapidpro = await fakeRapidPro({ status: 'pending' });
      const settings = { sms: { outgoing_service: 'rapidpro', rapidpro: { url: rapidpro.server.url } } };
      const doc: Record<string, unknown> = { tasks: [{ state: 'pending', messages: [{ uuid: 'msg-1', to: PHONE, message: 'Hello' }] }] };
      for (let minute = 0; minute < 3; minute++) {
        const [attempt] = await sendThroughRapidPro(settings, OUTGOING_TOKEN, pendingMessages(doc));
        expect(attempt.update).to.equal(undefined);
        expect(attempt.stillPending).to.match(/status "pending" is not one CHT 4\.11 knows/);
      }
      expect(rapidpro.received.filter((request) => request.method === 'POST')).to.have.length(3);
    });

    it('keeps a message RapidPro refuses (400) pending: CHT 4.11 tries it again every minute', async () => {
      rapidpro = await fakeRapidPro({ failWith: 400 });
      const [attempt] = await sendThroughRapidPro({ sms: { rapidpro: { url: rapidpro.server.url } } }, OUTGOING_TOKEN, outgoing);
      expect(attempt.status).to.equal(400);
      expect(attempt.stillPending).to.match(/answered 400/);
    });

    it('sends nothing without the RapidPro URL or the rapidpro:outgoing credential', async () => {
      await sendThroughRapidPro({ sms: { rapidpro: { url: 'http://127.0.0.1:9' } } }, undefined, outgoing).then(
        () => expect.fail('sent without a token'),
        (error: unknown) => {
          expect(error).to.be.instanceOf(GatewayNotConfigured);
          expect((error as Error).message).to.equal('No api key configured. Refer to the RapidPro configuration documentation.');
        },
      );
      await sendThroughRapidPro({ sms: {} }, OUTGOING_TOKEN, outgoing).then(
        () => expect.fail('sent without a URL'),
        (error: unknown) => expect((error as Error).message).to.equal('No RapidPro URL configured. Refer to the RapidPro configuration documentation.'),
      );
    });
  });

  describe('the gateway flow forwarding to CHT over HTTP', () => {
    let cht: { server: RunningServer; saved: { id: string; from: string; content: string }[] } | undefined;
    afterEach(async () => { await cht?.server.close(); cht = undefined; });

    it('forwards a reply no flow handles with the incoming token; CHT saves it, linked to the contact, in the Messages tab', async () => {
      cht = await chtIncoming(INCOMING_SECRET);
      const run = runGateway('Sawa, nitakupigia jioni 🙂', { cht_url: cht.server.url, [INCOMING_TOKEN_GLOBAL.key]: INCOMING_SECRET });
      expect(run.webhooks).to.have.length(1);
      const [request] = run.webhooks;
      expect(request.url).to.equal(`${cht.server.url}${INCOMING_PATH}`);
      expect(request.headers.Authorization).to.equal(`Token ${INCOMING_SECRET}`);
      const answer = await deliver(request);
      expect(answer).to.deep.equal({ status: 200, body: { saved: 1 } });
      expect(cht.saved).to.have.length(1);
      const [message] = cht.saved;
      expect(message.from).to.equal(PHONE);
      expect(message.content).to.equal('Sawa, nitakupigia jioni 🙂');
      expect(message.id).to.match(/^[0-9a-f-]{36}$/);
      const contact = { _id: 'traced_contact', phone: PHONE, parent: { _id: 'clinic_1' } };
      const doc = incomingMessageDoc(message, { id: 'in-1', now: 0, forms: assembly.jsonForms, contacts: [contact] });
      expect(doc).to.deep.include({ form: undefined, errors: [], contact: { _id: 'traced_contact', parent: { _id: 'clinic_1' } } });
      expect(messagesTabEntry(doc)).to.equal('traced_contact');
      expect(run.results.cht_forward.category).to.equal('Success');
    });

    it('is refused by CHT with a wrong or missing token (403), and the run records the failure', async () => {
      cht = await chtIncoming(INCOMING_SECRET);
      const wrong = runGateway('hello', { cht_url: cht.server.url, [INCOMING_TOKEN_GLOBAL.key]: 'not-the-secret' });
      expect(await deliver(wrong.webhooks[0])).to.deep.equal({ status: 403, body: { code: 403, error: 'Incorrect token' } });
      const blank = runGateway('hello', { cht_url: cht.server.url, [INCOMING_TOKEN_GLOBAL.key]: '' });
      expect(await deliver(blank.webhooks[0])).to.deep.equal({ status: 403, body: { code: 403, error: 'Missing authorization token' } });
      expect(runGateway('hello', { cht_url: cht.server.url, [INCOMING_TOKEN_GLOBAL.key]: 'x' }, 403).results.cht_forward.category).to.equal('Failure');
      expect(cht.saved).to.deep.equal([]);
      await cht.server.close();
      cht = await chtIncoming(undefined);
      const unconfigured = runGateway('hello', { cht_url: cht.server.url, [INCOMING_TOKEN_GLOBAL.key]: INCOMING_SECRET });
      expect(await deliver(unconfigured.webhooks[0])).to.deep.equal({ status: 403, body: { code: 403, error: 'No incoming key configured' } });
    });

    it('gives each message its own id, which CHT de-duplicates on', async () => {
      cht = await chtIncoming(INCOMING_SECRET);
      const globals = { cht_url: cht.server.url, [INCOMING_TOKEN_GLOBAL.key]: INCOMING_SECRET };
      const first = runGateway('one', globals).webhooks[0];
      const second = simulateFlow(gateway.content, GATEWAY_FLOW_NAME, { contact: { urn: `tel:${PHONE}` }, input: 'two', runUuid: '11111111-1111-4111-8111-111111111111', globals: { cht_auth: '', ...globals }, webhook: () => ({ status: 200 }) }).webhooks[0];
      expect((JSON.parse(first.body) as { id: string }).id).to.not.equal((JSON.parse(second.body) as { id: string }).id);
      expect((await deliver(first)).status).to.equal(200);
      expect((await deliver(second)).status).to.equal(200);
      expect(await deliver(first)).to.deep.equal({ status: 400, body: { code: 400, error: 'Message was not saved' } });
      expect(cht.saved.map((message) => message.content)).to.deep.equal(['one', 'two']);
    });

    it('never forwards a message CHT would parse as a record form; forwards everything else', () => {
      const globals = { cht_url: 'https://cht.example.org', [INCOMING_TOKEN_GLOBAL.key]: INCOMING_SECRET };
      for (const text of ['RP_WELLBEING answered 1 phq_down 3', 'rp_symptoms yes', '  RP_TRAINING#kind#complete', 'x!RP_SYMPTOMS!answered!1']) {
        const code = smsFormCode(text) as string;
        expect(assembly.jsonForms[code], `CHT reads "${text}" as ${code}`).to.not.equal(undefined);
        const run = runGateway(text, globals);
        expect(run.webhooks, text).to.deep.equal([]);
        expect(run.results.cht_screen.category).to.equal('Record Code');
      }
      expect(gateway.screenedCodes).to.deep.equal(Object.keys(assembly.jsonForms).sort());
      for (const text of ['I have had fever for 2 days', 'RP', 'symptoms: none', 'NDIYO']) {
        expect(runGateway(text, globals).webhooks, text).to.have.length(1);
      }
    });

    it('saves a message from an unknown number under the number, flagged as from no known contact', () => {
      const outcome = acceptIncoming({ headers: { authorization: `Token ${INCOMING_SECRET}` }, body: { id: 'a', from: '+254799000111', content: 'hi' } }, INCOMING_SECRET, new Set());
      const doc = incomingMessageDoc(outcome.message as { id: string; from: string; content: string }, { id: 'in', now: 0, forms: assembly.jsonForms, contacts: [] });
      expect(doc.errors).to.deep.equal([{ code: 'sys.facility_not_found' }]);
      expect(messagesTabEntry(doc)).to.equal('+254799000111');
    });
  });

  it('ships an export RapidPro imports: the flow and a catch-all trigger for it', () => {
    expect(gateway.file).to.equal('rapidpro/cht-sms-gateway.json');
    expect(validateExport(gateway.content).filter((problem) => problem.severity === 'error')).to.deep.equal([]);
    expect(gateway.content.triggers).to.deep.equal([{ trigger_type: 'C', flow: { uuid: gateway.flow.uuid, name: GATEWAY_FLOW_NAME }, groups: [], exclude_groups: [], channel: null }]);
    expect(gateway.content.flows.map((flow) => flow.type)).to.deep.equal(['messaging']);
  });
});
