import { expect } from 'chai';
import { createRecordDoc } from '../../../../src/cht/records';
import { ScriptedReply, SimulationResult, simulateFlow } from '../../../../src/rapidpro/simulator';
import { jsonFormOf } from '../../../../src/integration/record-post';
import { wellbeingRecord } from '../../../../src/phone/workflows/chw-wellbeing/model';
import { synthesize } from '../../../../src/project/synth';
import { workflow } from '../../../../src/workflows/chw-wellbeing';
import { FIELD, enrolmentFlow, group, weeklyFlow } from '../../../../src/workflows/chw-wellbeing/flows';

const exported = synthesize({ workflows: [workflow] }).exports[0].content;
const ENROLMENT_FLOW_NAME = enrolmentFlow.options.name;
const WEEKLY_FLOW_NAME = weeklyFlow.options.name;
const globals = { cht_url: 'https://cht.example.org', cht_auth: 'Basic abc' };
const TIMEOUT: ScriptedReply = { timeout: true };

function weekly(replies: readonly ScriptedReply[], language = 'eng'): SimulationResult {
  return simulateFlow(exported, WEEKLY_FLOW_NAME, {
    contact: { urn: 'tel:+254700000002', name: 'Amina CHW', language, fields: { [FIELD.chtContactId.key]: 'chw-1' } },
    globals,
    runUuid: '0b5f7a1e-9a57-4d6c-8a0d-3c4f3b2d1e00',
    replies,
    webhook: () => ({ status: 200, body: '{"success":true,"id":"x"}' }),
  });
}

/** The single webhook body of the run, parsed. */
function body(result: SimulationResult): Record<string, unknown> {
  expect(result.webhooks, 'one post per weekly check').to.have.length(1);
  expect(result.webhooks[0].url).to.equal('https://cht.example.org/api/v2/records');
  expect(result.webhooks[0].headers).to.include({ Authorization: 'Basic abc', 'Content-Type': 'application/json' });
  return JSON.parse(result.webhooks[0].body) as Record<string, unknown>;
}

describe('chw-wellbeing RapidPro flows (simulated)', () => {
  it('exports its flows (enrolment, weekly check, stop), the weekly campaign, the fields and the group', () => {
    expect(exported.flows.map((flow) => flow.name)).to.deep.equal([ENROLMENT_FLOW_NAME, WEEKLY_FLOW_NAME, 'CHW Wellbeing Stop']);
    const [campaign] = exported.campaigns;
    expect(campaign.group.name).to.equal(group.name);
    expect(campaign.events).to.have.length(52);
    expect(campaign.events.map((event) => event.offset)).to.deep.equal([...Array(52).keys()]);
    expect(campaign.events[0]).to.include({ unit: 'W', delivery_hour: 9, start_mode: 'S' });
    expect(campaign.events[0].relative_to.key).to.equal(FIELD.firstCheck.key);
  });

  it('enrolment saves the contact fields, language and group, and the first check date the campaign counts from', () => {
    const result = simulateFlow(exported, ENROLMENT_FLOW_NAME, {
      contact: { urn: 'tel:+254700000002' },
      now: '2026-03-02T08:00:00Z', // a Monday
      params: { cht_contact_id: 'chw-1', enrollment_id: 'enrol-1', language: 'sw', first_check: '2026-03-04', supervisor_phone: '+254700000001' },
    });
    expect(result.errors).to.deep.equal([]);
    expect(result.contactLanguage).to.equal('swa');
    expect(result.groups).to.deep.equal([group.name]);
    expect(result.contactFields).to.include({
      cht_contact_id: 'chw-1', wellbeing_enrollment_id: 'enrol-1', supervisor_phone: '+254700000001',
    });
    expect(result.contactFields[FIELD.firstCheck.key]).to.match(/^2026-03-04/);
    expect(result.messages[0].text).to.contain('umesajiliwa');
  });

  it('full answers: one record with every flag and raw score, accepted by the records API without errors', () => {
    const result = weekly(['no', 'yes', 'no', 'n', '1', '2', '0', '3', 'yes']);
    expect(result.status).to.equal('completed');
    const posted = body(result);
    expect(posted).to.deep.equal({
      _meta: { form: 'RP_WELLBEING', from: '+254700000002' },
      patient_id: 'chw-1',
      rp_event_id: '0b5f7a1e-9a57-4d6c-8a0d-3c4f3b2d1e00',
      answered: true,
      fever: false, cough: true, difficulty_breathing: false, loss_taste_smell: false,
      phq_anxious: 1, phq_worry: 2, phq_interest: 0, phq_down: 3,
      wants_counsellor: true,
    });
    const doc = createRecordDoc({ RP_WELLBEING: jsonFormOf(wellbeingRecord) }, posted, { id: 'r', now: 0 });
    expect(doc.errors).to.deep.equal([]);
    // isolation advice for the cough, then the counsellor message
    expect(result.messages[result.messages.length - 2].text).to.contain('stay at home');
    expect(result.messages[result.messages.length - 1].text).to.contain('counsellor');
  });

  it('re-asks an out-of-range or unclear answer instead of saving it', () => {
    const result = weekly(['maybe', 'no', 'no', 'no', 'no', '4', '-1', '2', '1', '1', '1', 'no']);
    const posted = body(result);
    expect(posted).to.include({ fever: false, phq_anxious: 2, phq_worry: 1, wants_counsellor: false });
    expect(result.messages.filter((m) => m.text.startsWith('Sorry'))).to.have.length(3);
  });

  it('partial answers: the questions after a timeout are null, the week still counts as answered', () => {
    const posted = body(weekly(['yes', 'no', 'no', 'no', '3', TIMEOUT]));
    expect(posted).to.include({
      answered: true, fever: true, phq_anxious: 3, phq_worry: null, phq_interest: null, phq_down: null, wants_counsellor: null,
    });
  });

  it('a missed week: the first question times out and the record says answered false', () => {
    const result = weekly([TIMEOUT]);
    expect(result.status).to.equal('completed');
    const posted = body(result);
    expect(posted).to.include({ answered: false, fever: null, cough: null, phq_anxious: null, wants_counsellor: null });
    expect(result.messages).to.have.length(1); // the question only: no thanks to someone who did not reply
  });

  it('asks in French and Swahili and understands the replies', () => {
    const french = weekly(['oui', 'non', 'non', 'non', '0', '0', '0', '0', 'non'], 'fra');
    expect(french.messages[0].text).to.contain('Avez-vous de la fièvre');
    expect(body(french)).to.include({ fever: true, wants_counsellor: false });
    const swahili = weekly(['hapana', 'ndiyo', 'hapana', 'hapana', '1', '1', '1', '1', 'hapana'], 'swa');
    expect(swahili.messages[0].text).to.contain('una homa');
    expect(body(swahili)).to.include({ fever: false, cough: true });
  });

  it('a failed post still thanks the CHW (sync rebuilds the record from the run)', () => {
    const result = simulateFlow(exported, WEEKLY_FLOW_NAME, {
      contact: { urn: 'tel:+254700000002', fields: { [FIELD.chtContactId.key]: 'chw-1' } },
      globals,
      replies: ['no', 'no', 'no', 'no', '0', '0', '0', '0', 'no'],
      webhook: () => ({ status: 0 }),
    });
    expect(result.messages[result.messages.length - 1].text).to.contain('Thank you');
    expect(result.results).to.have.property('check_in_closed');
  });
});
