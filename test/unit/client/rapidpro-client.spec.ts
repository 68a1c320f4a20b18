import { expect } from 'chai';
import { RapidProClient, RapidProError, RapidProRun } from '../../../src/rapidpro/client';
import { FakeRapidPro } from '../../support/servers/fake-rapidpro';
import { makeRun } from '../../support/servers/fixtures';
import { startServer } from '../../support/servers/http';

describe('RapidPro client (over HTTP against a fake RapidPro)', () => {
  let rp: FakeRapidPro;
  let sleeps: number[];
  let logs: string[];

  const client = (overrides: { token?: string; timeoutMs?: number; maxRetries?: number; maxRetryAfterMs?: number } = {}): RapidProClient =>
    new RapidProClient({
      credentials: { host: rp.host, token: overrides.token ?? rp.token },
      timeoutMs: overrides.timeoutMs ?? 2000,
      maxRetries: overrides.maxRetries ?? 3,
      maxRetryAfterMs: overrides.maxRetryAfterMs,
      timing: { sleep: async (ms) => { sleeps.push(ms); }, random: () => 0.5, now: () => Date.parse('2024-06-01T00:00:00Z') },
      log: (line) => logs.push(line),
    });

  const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
    const items: T[] = [];
    for await (const item of iterable) items.push(item);
    return items;
  };

  const rejection = async (promise: Promise<unknown>): Promise<RapidProError> => {
    try {
      await promise;
    } catch (error) {
      expect(error).to.be.instanceOf(RapidProError);
      return error as RapidProError;
    }
    throw new Error('expected a RapidProError');
  };

  beforeEach(async () => {
    rp = await new FakeRapidPro().start();
    sleeps = [];
    logs = [];
  });
  afterEach(() => rp.stop());

  describe('pagination', () => {
    it('follows `next` through several pages of flows and finds one by name', async () => {
      for (let i = 0; i < 8; i++) rp.addFlow(`Flow ${i}`);
      const flows = await collect(client().listFlows());
      expect(flows.map((f) => f.name)).to.deep.equal(rp.flows.map((f) => f.name));
      expect(rp.count('GET', 'flows.json')).to.equal(3);
      expect((await client().findFlowByName('Flow 6'))?.uuid).to.equal(rp.flows[6].uuid);
      expect(await client().findFlowByName('flow 6')).to.equal(undefined);
    });

    it('prefers the active flow over an archived one with the same name, and refuses to guess between two active ones', async () => {
      rp.addFlow('Checks', true);
      const active = rp.addFlow('Checks');
      expect((await client().findFlowByName('Checks'))?.uuid).to.equal(active.uuid);
      rp.addFlow('Checks');
      const error = await rejection(client().findFlowByName('Checks'));
      expect(error.message).to.match(/2 active flows named "Checks"/);
    });

    it('streams runs page by page with the filters, oldest first with reverse', async () => {
      const flow = rp.addFlow('Symptoms');
      const other = rp.addFlow('Other');
      for (let i = 0; i < 7; i++) rp.addRun(makeRun(flow, { at: 10 - i }));
      rp.addRun(makeRun(other, { at: 5 }));
      const pages = await collect(client().runPages({ flow: flow.uuid, after: '2024-06-01T08:00:05Z', reverse: true }));
      expect(pages.map((p) => p.length)).to.deep.equal([3, 3]);
      const times = pages.flat().map((run: RapidProRun) => run.modified_on);
      expect(times).to.deep.equal([...times].sort());
      expect(Date.parse(times[0])).to.equal(Date.parse('2024-06-01T08:00:05Z'));
      const first = rp.requests.find((r) => r.endpoint === 'runs.json')!;
      expect(first.rawUrl).to.contain('reverse=true').and.to.contain(`flow=${flow.uuid}`).and.to.contain('after=2024-06-01T08%3A00%3A05Z');
    });

    it('keeps following `next` on the configured origin when a proxy rewrites it', async () => {
      rp.nextOrigin = 'http://proxy.invalid:1';
      for (let i = 0; i < 5; i++) rp.addFlow(`Flow ${i}`);
      expect(await collect(client().listFlows())).to.have.length(5);
      expect(rp.count('GET', 'flows.json')).to.equal(2);
    });
  });

  describe('rate limits and retries', () => {
    it('waits for Retry-After seconds on 429, for reads and for writes', async () => {
      rp.addFlow('A');
      rp.fail({ endpoint: 'flows.json', status: 429, retryAfter: '2', times: 1, body: { detail: 'Request was throttled. Expected available in 2 seconds.' } });
      expect(await collect(client().listFlows())).to.have.length(1);
      expect(sleeps).to.deep.equal([2000]);

      const flow = rp.flows[0];
      rp.fail({ endpoint: 'flow_starts.json', status: 429, retryAfter: '7', times: 1 });
      const start = await client().startFlow({ flow: flow.uuid, urns: ['tel:+254712345678'] });
      expect(start.status).to.equal('pending');
      expect(sleeps).to.deep.equal([2000, 7000]);
      expect(rp.flowStarts).to.have.length(1);
      expect(logs.join('\n')).to.contain('rate limited (429)');
    });

    it('waits at least the exponential backoff when Retry-After is 0 or already past', async () => {
      rp.addFlow('A');
      rp.fail({ endpoint: 'flows.json', status: 429, retryAfter: '0', times: 3 });
      rp.fail({ endpoint: 'runs.json', status: 429, retryAfter: 'Sat, 01 Jun 2024 00:00:00 GMT', times: 1 });
      expect(await collect(client().listFlows())).to.have.length(1);
      expect(await collect(client().listRuns())).to.have.length(0);
      expect(sleeps).to.deep.equal([375, 750, 1500, 375]);
    });

    it('fails instead of blocking when Retry-After is longer than allowed', async () => {
      rp.fail({ endpoint: 'flows.json', status: 429, retryAfter: '3600', times: 1 });
      const error = await rejection(collect(client({ maxRetryAfterMs: 60_000 }).listFlows()));
      expect(error.kind).to.equal('rate-limited');
      expect(error.message).to.contain('wait 3600 s');
      expect(sleeps).to.deep.equal([]);
    });

    it('retries a GET on 5xx with exponential backoff, then succeeds', async () => {
      rp.addFlow('A');
      rp.fail({ endpoint: 'flows.json', status: 503, times: 2 });
      expect(await collect(client().listFlows())).to.have.length(1);
      expect(rp.count('GET', 'flows.json')).to.equal(3);
      // Equal jitter with random() = 0.5: 3/4 of 500 ms, then of 1000 ms.
      expect(sleeps).to.deep.equal([375, 750]);
    });

    it('gives up on a GET after maxRetries', async () => {
      rp.fail({ endpoint: 'flows.json', status: 500, times: 10 });
      const error = await rejection(collect(client({ maxRetries: 2 }).listFlows()));
      expect(error.status).to.equal(500);
      expect(rp.count('GET', 'flows.json')).to.equal(3);
    });

    it('never retries a flow start or a broadcast on 5xx: RapidPro may have acted', async () => {
      const flow = rp.addFlow('A');
      rp.fail({ endpoint: 'flow_starts.json', status: 502, times: 1 });
      const error = await rejection(client().startFlow({ flow: flow.uuid, urns: ['tel:+254712345678'] }));
      expect(error.status).to.equal(502);
      expect(error.endpoint).to.equal('flow_starts.json');
      expect(error.message).to.contain('not retried because RapidPro may already have acted');
      expect(rp.count('POST', 'flow_starts.json')).to.equal(1);

      rp.fail({ endpoint: 'broadcasts.json', status: 500, times: 1 });
      await rejection(client().sendBroadcast({ text: 'hi', urns: ['tel:+254712345678'] }));
      expect(rp.count('POST', 'broadcasts.json')).to.equal(1);
      expect(sleeps).to.deep.equal([]);
    });

    it('times out a slow answer: a GET is retried, a POST is not', async () => {
      rp.addFlow('A');
      rp.fail({ endpoint: 'flows.json', delayMs: 1000, times: 1 });
      expect(await collect(client({ timeoutMs: 300 }).listFlows())).to.have.length(1);
      expect(rp.count('GET', 'flows.json')).to.equal(2);

      rp.fail({ endpoint: 'broadcasts.json', delayMs: 1000, times: 1 });
      const error = await rejection(client({ timeoutMs: 300 }).sendBroadcast({ text: 'hi', urns: ['tel:+254712345678'] }));
      expect(error.kind).to.equal('timeout');
      expect(error.message).to.contain('may already have acted');
      expect(rp.count('POST', 'broadcasts.json')).to.equal(1);
    });

    it('retries even a POST when the connection is refused (nothing reached RapidPro)', async () => {
      const closed = await startServer(() => undefined);
      await closed.close();
      const offline = new RapidProClient({
        credentials: { host: `${closed.url}/`, token: rp.token },
        maxRetries: 2,
        timing: { sleep: async (ms) => { sleeps.push(ms); }, random: () => 0 },
      });
      const error = await rejection(offline.sendBroadcast({ text: 'hi', urns: ['tel:+254712345678'] }));
      expect(error.kind).to.equal('network');
      expect(error.message).to.contain('ECONNREFUSED');
      expect(sleeps).to.have.length(2);
    });
  });

  describe('errors', () => {
    it('reports a wrong token clearly, without the token', async () => {
      const wrong = 'wrong-token-abcdefghijklmnop';
      const error = await rejection(collect(client({ token: wrong }).listFlows()));
      expect(error.status).to.equal(401);
      expect(error.kind).to.equal('auth');
      expect(error.message).to.contain('rejected the API token').and.to.contain('Invalid token').and.to.contain('RAPIDPRO_TOKEN');
      expect(error.message).not.to.contain(wrong);
      expect(rp.count('GET', 'flows.json')).to.equal(1);
    });

    it('reports 403 (no API permission) the same way, and never echoes the token', async () => {
      rp.forbidden = true;
      const error = await rejection(client().startFlow({ flow: 'x', urns: [] }));
      expect(error.status).to.equal(403);
      expect(error.message).to.contain('permission').and.not.to.contain(rp.token);
    });

    it('renders DRF validation errors into the message and keeps the body', async () => {
      const error = await rejection(client().startFlow({ flow: '', urns: ['tel:+254712345678'] }));
      expect(error.status).to.equal(400);
      expect(error.message).to.equal('RapidPro POST flow_starts.json failed with 400: flow: This field is required.');
      expect(error.body).to.deep.equal({ flow: ['This field is required.'] });
    });
  });

  describe('contacts, broadcasts, fields', () => {
    it('upserts by URN: creates, then updates through ?urn= with + encoded as %2B', async () => {
      const urn = 'tel:+254712345678';
      const created = await client().upsertContact({ name: 'Amina', urns: [urn], language: 'swa' });
      expect(created.urns).to.deep.equal([urn]);
      const updated = await client().upsertContact({ name: 'Amina W.', urns: [urn] });
      expect(updated.uuid).to.equal(created.uuid);
      expect(updated.name).to.equal('Amina W.');
      expect(rp.contacts).to.have.length(1);
      const retry = rp.requests.filter((r) => r.method === 'POST' && r.endpoint === 'contacts.json')[2];
      expect(retry.rawUrl).to.equal('/api/v2/contacts.json?urn=tel%3A%2B254712345678');
    });

    it('upserts the contact owning the second URN when that one is taken', async () => {
      await client().createContact({ name: 'Old', urns: ['tel:+254700000002'] });
      const contact = await client().upsertContact({ name: 'New', urns: ['tel:+254700000001', 'tel:+254700000002'] });
      expect(contact.name).to.equal('New');
      expect(rp.contacts).to.have.length(1);
    });

    it('updates by uuid, lists by URN, and passes other errors through', async () => {
      const contact = await client().createContact({ name: 'A', urns: ['tel:+254700000003'] });
      await client().updateContact({ uuid: contact.uuid }, { fields: { cht_id: 'abc' } });
      const found = await collect(client().listContacts({ urn: 'tel:+254700000003' }));
      expect(found.map((c) => c.fields.cht_id)).to.deep.equal(['abc']);
      const error = await rejection(client().updateContact({ uuid: '00000000-0000-4000-8000-000000000000' }, { name: 'x' }));
      expect(error.status).to.equal(404);
    });

    it('sends a broadcast and creates and lists fields', async () => {
      const broadcast = await client().sendBroadcast({ text: 'Stay home', urns: ['tel:+254712345678'] });
      expect(broadcast.status).to.equal('queued');
      expect(rp.broadcasts[0].text).to.equal('Stay home');
      await client().createField({ name: 'CHT ID', type: 'text' });
      const fields = await collect(client().listFields());
      expect(fields.map((f) => f.key)).to.deep.equal(['cht_id']);
      const error = await rejection(client().createField({ name: 'CHT ID', type: 'text' }));
      expect(error.message).to.contain('name: This field must be unique.');
    });
  });
});
