import { expect } from 'chai';
import { simulateFlow, SimulateOptions, SimulationError, WebhookRequest } from '../../../../src/rapidpro/simulator';
import { checkinExport, checkinFlow, GLOBALS } from '../sample-flow';

const FLOW = 'Quarantine Check-in';
const CONTACT_UUID = '7b0c1c83-34b3-4a8e-9a48-8a4c3a2e2f11';

function options(language: string, replies: SimulateOptions['replies'], webhook: SimulateOptions['webhook'] = () => ({ status: 201, body: '{"success":true,"id":"abc"}' })): SimulateOptions {
  return {
    contact: { uuid: CONTACT_UUID, urn: 'tel:+254700000001', name: 'Amina Otieno' },
    params: { language, day: '3', chw_phone: '+254700000002' },
    globals: GLOBALS,
    runUuid: '2f7c0d2e-5a1b-4c8e-9f3a-1b2c3d4e5f60',
    replies,
    webhook,
  };
}

function bodyOf(request: WebhookRequest): Record<string, unknown> {
  return JSON.parse(request.body);
}

describe('rapidpro simulateFlow: the check-in flow in three languages', () => {
  const exported = checkinExport();
  const builder = checkinFlow();

  const cases = [
    { language: 'eng', yes: 'Yes', no: 'no', greeting: 'Hello Amina, day 3: do you have fever', thanks: 'Thank you, stay safe.', quickReplies: ['Yes', 'No'], alert: 'ALERT: Amina Otieno reported symptoms on day 3. Please follow up.' },
    { language: 'fra', yes: 'OUI', no: 'Non merci', greeting: 'Bonjour Amina, jour 3 : avez-vous de la fièvre', thanks: 'Merci, prenez soin de vous.', quickReplies: ['Oui', 'Non'], alert: 'ALERTE : Amina Otieno a signalé des symptômes au jour 3. Merci de faire le suivi.' },
    { language: 'swa', yes: 'ndiyo', no: 'Hapana', greeting: 'Habari Amina, siku 3: una homa', thanks: 'Asante, jitunze.', quickReplies: ['Ndiyo', 'Hapana'], alert: 'TAHADHARI: Amina Otieno ameripoti dalili siku ya 3. Tafadhali fuatilia.' },
  ];

  for (const c of cases) {
    describe(c.language, () => {
      it('asks in the language, alerts the CHW on yes and posts the answer to CHT', () => {
        const requests: WebhookRequest[] = [];
        const run = simulateFlow(exported, FLOW, options(c.language, [c.yes], (request) => {
          requests.push(request);
          return { status: 201, body: '{"success":true}' };
        }));
        expect(run.status).to.equal('completed');
        expect(run.contactLanguage).to.equal(c.language);
        expect(run.groups).to.deep.equal(['Quarantine Monitoring']);
        expect(run.messages.map((m) => m.text)).to.have.length(2);
        expect(run.messages[0].text.startsWith(c.greeting)).to.equal(true);
        expect(run.messages[0]).to.deep.include({ to: 'tel:+254700000001', quickReplies: c.quickReplies, language: c.language });
        expect(run.messages[1].text).to.equal(c.thanks);
        expect(run.broadcasts).to.deep.equal([
          { to: ['tel:+254700000002'], text: cases[0].alert, translations: { eng: cases[0].alert, fra: cases[1].alert, swa: cases[2].alert } },
        ]);
        expect(run.results.fever).to.deep.include({ name: 'fever', category: 'Yes', input: c.yes, node: builder.nodeUuid('answer') });
        expect(run.results.cht_record).to.deep.include({ value: '201', category: 'Success' });
        expect(requests).to.have.length(1);
        expect(requests[0]).to.deep.include({ method: 'POST', url: 'https://cht.example.org/api/v2/records' });
        expect(requests[0].headers).to.deep.equal({ 'Content-Type': 'application/json', Authorization: GLOBALS.cht_auth });
        // json(object(...)): keys sorted, no spaces, booleans and numbers unquoted
        expect(requests[0].body).to.equal(
          `{"_meta":{"form":"RP_SYMPTOMS"},"answered":true,"contact_uuid":"${CONTACT_UUID}","day":3,"fever":true,"run_uuid":"2f7c0d2e-5a1b-4c8e-9f3a-1b2c3d4e5f60"}`,
        );
        expect(run.contactFields.last_checkin).to.equal('01/01/2026');
        expect(run.errors).to.deep.equal([]);
      });

      it('records a no without alerting anyone', () => {
        const run = simulateFlow(exported, FLOW, options(c.language, [c.no]));
        expect(run.results.fever.category).to.equal('No');
        expect(run.broadcasts).to.deep.equal([]);
        expect(bodyOf(run.webhooks[0])).to.deep.include({ fever: false, answered: true });
      });
    });
  }

  it('asks again after an answer it does not understand, keeping the matched words as the value', () => {
    const run = simulateFlow(exported, FLOW, options('eng', ['maybe?', 'yes I do have a cough']));
    expect(run.path.filter((step) => step.node === builder.nodeUuid('answer')).map((step) => step.category)).to.deep.equal(['Other', 'Yes']);
    expect(run.messages).to.have.length(3);
    expect(run.results.fever).to.deep.include({ value: 'yes', category: 'Yes', input: 'yes I do have a cough' });
  });

  it('posts an unanswered day when the wait times out', () => {
    const run = simulateFlow(exported, FLOW, options('swa', [{ timeout: true }]));
    expect(run.results.fever).to.deep.include({ value: '', category: 'No Response', input: '' });
    expect(bodyOf(run.webhooks[0])).to.deep.include({ fever: false, answered: false, day: 3 });
    expect(run.status).to.equal('completed');
  });

  it('stops at Failure when CHT refuses the record (no thanks, no field update)', () => {
    const run = simulateFlow(exported, FLOW, options('eng', ['no'], () => ({ status: 500, body: 'oops' })));
    expect(run.results.cht_record).to.deep.include({ value: '500', category: 'Failure' });
    expect(run.messages).to.have.length(1);
    expect(run.contactFields.last_checkin).to.equal(null);
    expect(run.status).to.equal('completed');
  });

  it('treats a connection failure (status 0) as Failure', () => {
    const run = simulateFlow(exported, FLOW, options('eng', ['no'], () => ({ status: 0 })));
    expect(run.results.cht_record.category).to.equal('Failure');
  });

  it('is waiting when the replies run out, and reports unused replies when the flow ends first', () => {
    const waiting = simulateFlow(exported, FLOW, options('eng', []));
    expect(waiting.status).to.equal('waiting');
    expect(waiting.webhooks).to.deep.equal([]);
    const done = simulateFlow(exported, FLOW, options('eng', ['yes', 'extra']));
    expect(done.unusedReplies).to.equal(1);
  });

  it('can be interrupted or expire while waiting', () => {
    expect(simulateFlow(exported, FLOW, options('eng', [{ interrupt: true }])).status).to.equal('interrupted');
    const expired = simulateFlow(exported, FLOW, options('eng', [{ expire: true }]));
    expect(expired.status).to.equal('expired');
    expect(expired.webhooks).to.deep.equal([]);
  });

  it('gives the same output every time', () => {
    const first = simulateFlow(exported, FLOW, options('fra', ['oui']));
    const second = simulateFlow(exported, FLOW, options('fra', ['oui']));
    expect(JSON.stringify(first)).to.equal(JSON.stringify(second));
  });

  it('refuses a webhook call without a handler, and an unknown flow', () => {
    const noHandler = { ...options('eng', ['no']), webhook: undefined };
    expect(() => simulateFlow(exported, FLOW, noHandler)).to.throw(SimulationError, /calls POST https:\/\/cht.example.org\/api\/v2\/records but simulateFlow was given no webhook handler/);
    expect(() => simulateFlow(exported, 'Nope', options('eng', []))).to.throw(/no flow named "Nope" \(the export has "Quarantine Check-in"\)/);
  });
});
