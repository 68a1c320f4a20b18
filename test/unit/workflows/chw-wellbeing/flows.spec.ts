import { expect } from 'chai';
import { createRecordDoc } from '../../../../src/cht/records';
import { ScriptedReply, SimulationResult, simulateFlow } from '../../../../src/rapidpro/simulator';
import { jsonFormOf } from '../../../../src/integration/record-post';
import { wellbeingRecord } from '../../../../src/phone/workflows/chw-wellbeing/model';
import { synthesize } from '../../../../src/project/synth';
import { workflow } from '../../../../src/workflows/chw-wellbeing';
import { FIELD, WEEKS, enrolmentFlow, group, weeklyFlow } from '../../../../src/workflows/chw-wellbeing/flows';
import { validateExport } from '../../../../src/rapidpro/validate';

const exported = synthesize({ workflows: [workflow] }).exports[0].content;
const ENROLMENT_FLOW_NAME = enrolmentFlow.options.name;
const WEEKLY_FLOW_NAME = weeklyFlow.options.name;
const globals = { cht_url: 'https://cht.example.org', cht_auth: 'Basic abc' };
const TIMEOUT: ScriptedReply = { timeout: true };

/** Amina's phone as her enrolment left it: weekly checks from Monday 2 March 2026. */
function enrolled(language: string, extra: Record<string, string | number> = {}): Record<string, string | number> {
  return {
    [FIELD.contactId.key]: 'chw-1', [FIELD.name.key]: 'Amina', [FIELD.language.key]: language, [FIELD.enrollmentId.key]: 'enrol-1',
    [FIELD.supervisorPhone.key]: '+254700000001', [FIELD.firstCheck.key]: '2026-03-02', ...extra,
  };
}

function weekly(replies: readonly ScriptedReply[], language = 'eng', options: { extra?: Record<string, string | number>; now?: string; input?: string } = {}): SimulationResult {
  return simulateFlow(exported, WEEKLY_FLOW_NAME, {
    contact: { urn: 'tel:+254700000002', fields: enrolled(language, options.extra), groups: [group.name] },
    globals,
    runUuid: '0b5f7a1e-9a57-4d6c-8a0d-3c4f3b2d1e00',
    replies,
    now: options.now ?? '2026-03-09T09:00:00Z',
    triggerType: options.input !== undefined ? 'msg' : 'campaign',
    ...(options.input !== undefined ? { input: options.input } : {}),
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
  it('exports the background enrolment, the weekly flow, the weekly campaign in skip mode with same-day retries, the trigger, the fields and the group, and the stop flow', () => {
    expect(validateExport(exported)).to.deep.equal([]);
    expect(exported.flows.map((flow) => [flow.name, flow.type])).to.deep.equal([[ENROLMENT_FLOW_NAME, 'messaging_background'], [WEEKLY_FLOW_NAME, 'messaging'], ['CHW Wellbeing Stop', 'messaging_background']]);
    const [campaign] = exported.campaigns;
    expect(campaign.group.name).to.equal(group.name);
    expect(campaign.events).to.have.length((WEEKS + 1) * 4);
    for (const hour of [9, 12, 15, 18]) {
      expect(campaign.events.filter((event) => event.delivery_hour === hour).map((event) => event.offset)).to.deep.equal([...Array(WEEKS + 1).keys()]);
    }
    for (const event of campaign.events) expect(event).to.deep.include({ unit: 'W', start_mode: 'S', relative_to: { key: FIELD.firstCheck.key, label: FIELD.firstCheck.name } });
    expect(exported.triggers).to.have.length(1);
    expect((exported.triggers[0] as { exclude_groups: Array<{ name: string }> }).exclude_groups.map((g) => g.name)).to.deep.equal(['CHW Training', 'Quarantine']);
  });

  it('enrolment saves the workflow\'s own fields, names the contact, joins the group, and keeps the first check date the campaign counts from', () => {
    const result = simulateFlow(exported, ENROLMENT_FLOW_NAME, {
      contact: { urn: 'tel:+254700000002' },
      now: '2026-03-02T08:00:00Z', // a Monday
      params: { cht_contact_id: 'chw-1', name: 'Amina Mwana', enrollment_id: 'enrol-1', language: 'sw', first_check: '2026-03-04', supervisor_phone: '+254700000001' },
    });
    expect(result.errors).to.deep.equal([]);
    expect(result.contactLanguage).to.equal('swa');
    expect(result.contactName).to.equal('Amina Mwana');
    expect(result.groups).to.deep.equal([group.name]);
    expect(result.contactFields).to.include({
      wellbeing_contact_id: 'chw-1', wellbeing_name: 'Amina Mwana', wellbeing_enrollment_id: 'enrol-1', wellbeing_supervisor_phone: '+254700000001', wellbeing_language: 'swa',
    });
    expect(result.contactFields[FIELD.firstCheck.key]).to.match(/^2026-03-04/);
    expect(result.messages[0].text).to.contain('umesajiliwa').and.contain('Amina Mwana');
  });

  it('a phone already checking on another CHW is left to them, and the supervisor is told', () => {
    const result = simulateFlow(exported, ENROLMENT_FLOW_NAME, {
      contact: { urn: 'tel:+254700000002', fields: enrolled('eng', { [FIELD.contactId.key]: 'chw-2', [FIELD.name.key]: 'Zawadi' }), groups: [group.name] },
      params: { cht_contact_id: 'chw-1', name: 'Amina Mwana', enrollment_id: 'enrol-2', language: 'en', first_check: '2026-03-04', supervisor_phone: '+254700000001' },
    });
    expect(result.contactFields).to.include({ wellbeing_contact_id: 'chw-2', wellbeing_name: 'Zawadi' });
    expect(result.broadcasts.map((b) => b.text)).to.deep.equal([
      'Weekly wellbeing SMS NOT started for Amina Mwana: phone +254700000002 already receives the weekly check-ins of Zawadi. Enrol Amina Mwana again with their own phone number.',
    ]);
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
    const result = weekly(['maybe', 'no', 'no', 'no', 'no', '4', '-1', 'for 2 weeks', '2', '1', '1', '1', 'no']);
    const posted = body(result);
    expect(posted).to.include({ fever: false, phq_anxious: 2, phq_worry: 1, wants_counsellor: false });
    expect(result.messages.filter((m) => m.text.startsWith('Sorry'))).to.have.length(4);
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
      contact: { urn: 'tel:+254700000002', fields: enrolled('eng'), groups: [group.name] },
      globals,
      now: '2026-03-09T09:00:00Z',
      replies: ['no', 'no', 'no', 'no', '0', '0', '0', '0', 'no'],
      webhook: () => ({ status: 0 }),
    });
    expect(result.messages[result.messages.length - 1].text).to.contain('Thank you');
    expect(result.results).to.have.property('check_in_closed');
  });

  it('a later event of a week already asked sends nothing; a message after the week was answered is thanked, never forwarded', () => {
    const retry = weekly([], 'eng', { extra: { [FIELD.askedWeek.key]: 2 }, now: '2026-03-09T12:00:00Z' });
    expect(retry.messages).to.deep.equal([]);
    expect(retry.webhooks).to.deep.equal([]);
    const after = weekly([], 'eng', { extra: { [FIELD.askedWeek.key]: 2, [FIELD.answeredWeek.key]: 2 }, now: '2026-03-10T20:00:00Z', input: 'feeling low today' });
    expect(after.messages.map((m) => m.text)).to.deep.equal([
      "Thank you. This week's check-in is already answered; the next one comes next week. If you need to talk to someone now, call your supervisor.",
    ]);
    expect(after.broadcasts).to.deep.equal([]);
  });

  it('a reply after a missed week\'s questions closed is read as the first answer, and the week is posted again, answered', () => {
    const result = weekly(['no', 'no', 'no', '0', '0', '0', '0', 'no'], 'eng', { extra: { [FIELD.askedWeek.key]: 2 }, now: '2026-03-10T19:00:00Z', input: 'sorry, no fever' });
    expect(result.results.fever?.category).to.equal('No');
    expect(result.messages[0].text).to.contain('cough');
    expect(body(result)).to.include({ answered: true, fever: false, phq_anxious: 0 });
  });

  it('ends the year after 52 weeks: leaves the group and frees the phone', () => {
    const result = weekly([], 'eng', { now: '2027-03-01T09:00:00Z' });
    expect(result.results.wellbeing_week?.category).to.equal('Ended');
    expect(result.groups).to.deep.equal([]);
    expect(result.contactFields[FIELD.contactId.key]).to.equal(null);
    expect(result.messages[0].text).to.contain('year of weekly wellbeing check-ins has ended');
  });
});
