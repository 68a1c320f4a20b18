import { expect } from 'chai';
import { ChtClient, ChtClientOptions, ChtConfigError, ChtError, chtConnection, chtUrlWithCredentials } from '../../../src/cht/api';
import { FakeCht } from '../../support/servers/fake-cht';

describe('CHT client (over HTTP against a fake CHT)', () => {
  let cht: FakeCht;
  let sleeps: number[];
  const client = (user = 'admin', options: ChtClientOptions = {}): ChtClient =>
    new ChtClient(chtConnection(cht.urlFor(user), {}), { timing: { sleep: async (ms) => { sleeps.push(ms); }, random: () => 0.5 }, ...options });
  const record = (id = 'x') => ({ _meta: { form: 'RP_SYMPTOMS' }, rp_event_id: id });
  const rejection = async (promise: Promise<unknown>): Promise<ChtError> => {
    try {
      await promise;
    } catch (error) {
      expect(error).to.be.instanceOf(ChtError);
      return error as ChtError;
    }
    throw new Error('expected a ChtError');
  };

  beforeEach(async () => {
    sleeps = [];
    cht = await new FakeCht().start();
    cht.forms = { RP_SYMPTOMS: ['patient_id', 'rp_event_id', 'fever'] };
  });
  afterEach(() => cht.stop());

  describe('connection', () => {
    it('takes credentials from the URL, or from CHT_USERNAME/CHT_PASSWORD', () => {
      expect(chtConnection('https://me:p%40ss@cht.example.org/', {})).to.deep.equal({ origin: 'https://cht.example.org', username: 'me', password: 'p@ss' });
      expect(chtConnection('https://cht.example.org', { CHT_USERNAME: 'a', CHT_PASSWORD: 'b' }).username).to.equal('a');
      expect(chtUrlWithCredentials({ origin: 'https://cht.example.org', username: 'me', password: 'p@ss:/' })).to.equal('https://me:p%40ss%3A%2F@cht.example.org/');
    });

    it('says what is missing, without the password', () => {
      expect(() => chtConnection('https://cht.example.org', {})).to.throw(ChtConfigError, /user name and password missing.*CHT_USERNAME/);
      expect(() => chtConnection('https://me@cht.example.org', {})).to.throw(ChtConfigError, /^CHT password missing/);
      expect(() => chtConnection('cht.example.org', {})).to.throw(ChtConfigError, /not a URL/);
    });
  });

  describe('records', () => {
    it('creates a record; CHT lower-cases keys and keeps only the form fields', async () => {
      const { id } = await client().createRecord({ _meta: { form: 'rp_symptoms', from: '+254712345678' }, Patient_ID: 'p1', rp_event_id: 'run-1', fever: true, extra: 1 });
      expect(cht.docs).to.have.length(1);
      expect(cht.docs[0]).to.include({ _id: id, form: 'RP_SYMPTOMS' });
      expect(cht.docs[0].fields).to.deep.equal({ patient_id: 'p1', rp_event_id: 'run-1', fever: true });
    });

    it('explains "Form not found" (a 500 from CHT) as missing app settings: refused, not retried', async () => {
      const error = await rejection(client().createRecord({ _meta: { form: 'RP_NOPE' }, rp_event_id: 'x' }));
      expect(error).to.include({ status: 500, kind: 'refused', details: 'Form not found: RP_NOPE' });
      expect(error.message).to.contain('Form not found: RP_NOPE').and.to.contain('deploy the app settings first');
      expect(sleeps).to.deep.equal([]);
    });

    it('takes a record CHT answers with its error body (a transition throwing, a 400) as refused', async () => {
      cht.refuse = (body) => (body.rp_event_id === 'bad' ? { status: 500, details: 'Cannot read properties of undefined' } : body.rp_event_id === 'big' ? { status: 400, details: 'Bad request' } : undefined);
      const thrown = await rejection(client().createRecord(record('bad')));
      expect(thrown).to.include({ status: 500, kind: 'refused', details: 'Cannot read properties of undefined' });
      expect((await rejection(client().createRecord(record('big')))).kind).to.equal('refused');
      expect(cht.docs).to.have.length(0);
      await client().createRecord(record('good'));
      expect(cht.docs).to.have.length(1);
    });

    it('reports wrong credentials without the password, and keeps a user name equal to the password readable', async () => {
      cht.users.admin.password = 'changed';
      const denied = await rejection(new ChtClient(chtConnection(`${cht.origin.replace('//', '//admin:old-password@')}`, {})).createRecord(record()));
      expect(denied).to.include({ status: 401, kind: 'auth' });
      expect(denied.message).to.contain('check the user name and password').and.not.to.contain('old-password');
      cht.users.gw = { password: 'gw', admin: false };
      const forbidden = await rejection(client('gw').setCredential('k', 'v'));
      expect(forbidden.message).to.contain('user "gw" lacks the permission');
    });

    it('never sends a record twice when its outcome is unknown: connection dropped, timeout, gateway error after saving', async () => {
      cht.down = true;
      const dropped = await rejection(client().createRecord(record('a')));
      expect(dropped).to.include({ status: 0, kind: 'unknown', unavailable: true });
      expect(dropped.message).to.contain('dropped the connection').and.to.contain('may or may not have been done');
      cht.down = false;

      cht.recordDelayMs = 400;
      const slow = await rejection(client('admin', { timeoutMs: 150 }).createRecord(record('b')));
      expect(slow.kind).to.equal('unknown');
      expect(slow.message).to.contain('gave no answer within 150 ms');
      cht.recordDelayMs = 0;

      cht.fail({ path: '/api/v2/records', status: 504, afterSave: true, times: 1, body: { message: 'Gateway Timeout' } });
      expect((await rejection(client().createRecord(record('c')))).kind).to.equal('unknown');
      await cht.settled();
      // Each POST reached CHT exactly once, and CHT finished every one of them.
      expect(cht.recordPosts.map((p) => p.rpEventId)).to.deep.equal(['b', 'c']);
      expect(cht.docs.map((d) => d.fields.rp_event_id).sort()).to.deep.equal(['b', 'c']);
      expect(sleeps).to.deep.equal([]);
    });

    it('retries what CHT did not do: connection refused, 429 and 503, waiting at least the backoff even for Retry-After: 0', async () => {
      cht.fail({ path: '/api/v2/records', status: 429, retryAfter: '0', times: 2 });
      cht.fail({ path: '/api/v2/records', status: 503, retryAfter: '3', times: 1 });
      await client().createRecord(record('a'));
      expect(cht.docs).to.have.length(1);
      // Equal jitter with random() = 0.5: 375, 750, then Retry-After's 3 s (more than 1500).
      expect(sleeps).to.deep.equal([375, 750, 3000]);

      sleeps = [];
      await cht.offline();
      // Let the client see its pooled connection close (reusing it would be a dropped connection, not a refusal).
      await new Promise((resolve) => setTimeout(resolve, 50));
      const down = await rejection(client('admin', { maxRetries: 2 }).createRecord(record('b')));
      expect(down).to.include({ kind: 'unavailable', status: 0 });
      expect(down.message).to.match(/is unreachable \(ECONNREFUSED\) after 3 attempt\(s\)/);
      expect(sleeps).to.deep.equal([375, 750]);

      sleeps = [];
      const back = new ChtClient(chtConnection(cht.urlFor(), {}), { timing: { sleep: async (ms) => { sleeps.push(ms); if (sleeps.length === 2) await cht.online(); }, random: () => 0.5 } });
      await back.createRecord(record('b'));
      expect(cht.docs.map((d) => d.fields.rp_event_id)).to.deep.equal(['a', 'b']);
    });

    it('spaces real retries on Retry-After: 0 (no burst of retries within milliseconds)', async () => {
      cht.fail({ path: '/api/v2/records', status: 429, retryAfter: '0', times: 1 });
      await new ChtClient(chtConnection(cht.urlFor(), {})).createRecord(record('a'));
      const times = cht.requests.filter((r) => r.path === '/api/v2/records').map((r) => r.at);
      expect(times).to.have.length(2);
      expect(times[1] - times[0]).to.be.at.least(240);
    });

    it('gives up after the retries with a message saying CHT is unavailable', async () => {
      cht.fail({ path: '/api/v2/records', status: 503, times: 10 });
      const error = await rejection(client('admin', { maxRetries: 1 }).createRecord(record()));
      expect(error).to.include({ kind: 'unavailable', status: 503 });
      expect(error.message).to.contain('after 2 attempt(s)');
    });
  });

  describe('existing event ids', () => {
    it('finds the ids CHT holds, in batches, past CouchDB\'s default limit and with duplicates', async () => {
      for (let i = 0; i < 60; i++) await client().createRecord({ _meta: { form: 'RP_SYMPTOMS' }, rp_event_id: `run-${i}` });
      await client().createRecord({ _meta: { form: 'RP_SYMPTOMS' }, rp_event_id: 'run-3' });
      const wanted = Array.from({ length: 80 }, (_, i) => `run-${i}`);
      const found = await client('admin', { findBatchSize: 30 }).existingEventIds('rp_symptoms', wanted);
      expect(found.size).to.equal(60);
      expect(found.has('run-59')).to.equal(true);
      expect(found.has('run-60')).to.equal(false);
      expect(cht.findCalls).to.equal(3);
    });

    it('pages with the bookmark when duplicates fill a whole batch', async () => {
      for (let i = 0; i < 5; i++) await client().createRecord({ _meta: { form: 'RP_SYMPTOMS' }, rp_event_id: 'dup' });
      const found = await client('admin', { findBatchSize: 1 }).existingEventIds('RP_SYMPTOMS', ['dup']);
      expect([...found]).to.deep.equal(['dup']);
      expect(cht.findCalls).to.equal(3);
    });

    it('retries a lookup on any failure: it changes nothing', async () => {
      await client().createRecord(record('run-1'));
      cht.fail({ path: '/medic/_find', status: 502, times: 1 });
      cht.fail({ path: '/medic/_find', status: 500, times: 1, body: { error: 'timeout', reason: 'The request could not be processed in a reasonable amount of time.' } });
      expect([...(await client().existingEventIds('RP_SYMPTOMS', ['run-1']))]).to.deep.equal(['run-1']);
      expect(sleeps).to.have.length(2);
    });

    it('does not ask CHT when there is nothing to look up', async () => {
      expect((await client().existingEventIds('RP_SYMPTOMS', [])).size).to.equal(0);
      expect(cht.findCalls).to.equal(0);
    });
  });

  describe('credentials', () => {
    it('stores a credential as text/plain (admin only)', async () => {
      await client().setCredential('rapidpro:token', 'Token abc');
      expect(cht.credentials.get('rapidpro:token')).to.equal('Token abc');
      const error = await rejection(client('gateway').setCredential('rapidpro:token', 'Token abc'));
      expect(error.status).to.equal(403);
      expect(error.message).to.contain('Insufficient permissions').and.to.contain('user "gateway"');
    });
  });
});
