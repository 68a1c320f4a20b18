import { expect } from 'chai';
import { ChtClient, ChtConfigError, ChtError, chtConnection, chtUrlWithCredentials } from '../../../src/cht/api';
import { FakeCht } from '../../support/servers/fake-cht';

describe('CHT client (over HTTP against a fake CHT)', () => {
  let cht: FakeCht;
  const client = (user = 'admin', options = {}): ChtClient => new ChtClient(chtConnection(cht.urlFor(user), {}), options);
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

    it('explains "Form not found" (a 500 from CHT) as missing app settings', async () => {
      const error = await rejection(client().createRecord({ _meta: { form: 'RP_NOPE' }, rp_event_id: 'x' }));
      expect(error.status).to.equal(500);
      expect(error.details).to.equal('Form not found: RP_NOPE');
      expect(error.message).to.contain('Form not found: RP_NOPE').and.to.contain('deploy the app settings first');
    });

    it('reports wrong credentials and an unreachable CHT without the password', async () => {
      cht.users.admin.password = 'changed';
      const denied = await rejection(new ChtClient(chtConnection(`${cht.origin.replace('//', '//admin:old-password@')}`, {})).createRecord({ _meta: { form: 'RP_SYMPTOMS' }, rp_event_id: 'x' }));
      expect(denied.status).to.equal(401);
      expect(denied.message).to.contain('check the user name and password').and.not.to.contain('old-password');
      cht.down = true;
      const down = await rejection(client().createRecord({ _meta: { form: 'RP_SYMPTOMS' }, rp_event_id: 'x' }));
      expect(down.status).to.equal(0);
      expect(down.unavailable).to.equal(true);
      expect(down.message).to.match(/is unreachable/);
    });

    it('times out a CHT that does not answer', async () => {
      cht.recordDelayMs = 800;
      const error = await rejection(client('admin', { timeoutMs: 200 }).createRecord({ _meta: { form: 'RP_SYMPTOMS' }, rp_event_id: 'x' }));
      expect(error.message).to.contain('no answer within 200 ms');
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
