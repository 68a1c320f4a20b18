import { expect } from 'chai';
import { FlowDefinition, RapidProExport } from '../../../../src/rapidpro/flow/types';
import { synthesize } from '../../../../src/project/synth';
import { simulateFlow } from '../../../../src/rapidpro/simulator';
import { validateExport } from '../../../../src/rapidpro/validate';
import { MAX_QUARANTINE_DAYS } from '../../../../src/phone/workflows/contact-tracing/model';
import { startPush, stopPush, workflow } from '../../../../src/workflows/contact-tracing';
import { FIELD, PARAM, checkinFlow, enrolmentFlow, group as QUARANTINE_GROUP, stopFlow } from '../../../../src/workflows/contact-tracing/flows';
import { posted, run } from '../helpers';

const assembly = synthesize({ workflows: [workflow] });
const exported: RapidProExport = assembly.exports[0].content;
const pushConfig = (name: string) => {
  const push = assembly.pushes.find((candidate) => candidate.name === name);
  if (!push) throw new Error(`no push ${name}`);
  return push.config;
};
const FLOW_NAME = { enrolment: enrolmentFlow.options.name, checkin: checkinFlow.options.name, stop: stopFlow.options.name };
const flow = (name: string): FlowDefinition => {
  const found = exported.flows.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no flow ${name}`);
  return found;
};

const PHONE = 'tel:+254712345678';
const ENROLMENT_PARAMS = {
  cht_contact_id: 'traced_contact', name: 'Baraka Otieno', enrollment_id: 'enrol-1', quarantine_start: '2026-03-09',
  quarantine_length: '7', chw_phone: '+254700000002', language: 'sw',
};

/** Baraka's phone as his enrolment leaves it. */
const ENROLLED = {
  [FIELD.contactId.key]: 'traced_contact', [FIELD.name.key]: 'Baraka Otieno', [FIELD.language.key]: 'eng', [FIELD.enrollmentId.key]: 'enrol-1',
  [FIELD.quarantineStart.key]: '2026-03-09', [FIELD.quarantineLength.key]: 7, [FIELD.chwPhone.key]: '+254700000002',
};
const checkin = (now: string, replies: Parameters<typeof run>[1]['replies'], extra: Record<string, string | number> = {}, input?: string) =>
  run(exported, { flow: FLOW_NAME.checkin, fields: { ...ENROLLED, ...extra }, groups: [QUARANTINE_GROUP.name], now, replies, ...(input !== undefined ? { input } : {}) });

describe('contact tracing: RapidPro export', () => {
  it('is a valid export with the three flows, the campaign, the catch-all trigger, the fields and the group', () => {
    expect(validateExport(exported)).to.deep.equal([]);
    expect(exported.flows.map((f) => [f.name, f.type])).to.deep.equal([
      [FLOW_NAME.enrolment, 'messaging_background'], [FLOW_NAME.checkin, 'messaging'], [FLOW_NAME.stop, 'messaging_background'],
    ]);
    expect(exported.fields.map((f) => f.key).sort()).to.deep.equal(Object.values(FIELD).map((f) => f.key).sort());
    expect(exported.groups).to.deep.equal([QUARANTINE_GROUP]);
    expect(exported.triggers).to.deep.equal([{ trigger_type: 'C', flow: checkinFlow.ref, groups: [{ uuid: QUARANTINE_GROUP.uuid, name: 'Quarantine' }], exclude_groups: [], channel: null }]);
  });

  it('enrolment is started by the push, in the background, with the person\'s CHT name', () => {
    const push = pushConfig(startPush.name);
    expect(push.mapping.flow).to.deep.equal({ expr: `'${enrolmentFlow.uuid}'` });
    expect(push.mapping.exclude_active).to.deep.equal({ expr: 'false' });
    const params = Object.keys(push.mapping).filter((key) => key.startsWith('params.')).map((key) => key.slice('params.'.length));
    expect(params.sort()).to.deep.equal(Object.keys(ENROLMENT_PARAMS).sort());
    expect(push.mapping[`params.${PARAM.name}`]).to.equal('doc.patient.name');
  });

  it('enrolment saves the params in the workflow\'s own fields, names the nameless contact, joins the group and welcomes in Swahili', () => {
    const result = simulateFlow(exported, FLOW_NAME.enrolment, { contact: { urn: PHONE }, params: ENROLMENT_PARAMS, now: '2026-03-09T08:00:00Z' });
    expect(result.errors).to.deep.equal([]);
    expect(result.contactName).to.equal('Baraka Otieno');
    expect(result.contactLanguage).to.equal('swa');
    expect(result.groups).to.deep.equal([QUARANTINE_GROUP.name]);
    expect(result.contactFields).to.include({
      quarantine_contact_id: 'traced_contact', quarantine_name: 'Baraka Otieno', quarantine_language: 'swa', quarantine_enrollment_id: 'enrol-1',
      quarantine_length: '7', quarantine_chw_phone: '+254700000002',
    });
    expect(result.messages.map((m) => m.text)).to.deep.equal([
      'Habari Baraka Otieno. Mhudumu wako wa afya amekusajili kwa ufuatiliaji wa karantini ya COVID-19 kwa siku 7. Kila asubuhi tutakuuliza maswali 3 mafupi kwa SMS.',
    ]);
  });

  it('enrolment keeps a shared phone\'s name and the language of a run waiting on it', () => {
    const result = simulateFlow(exported, FLOW_NAME.enrolment, { contact: { urn: PHONE, name: 'Amina Mwana', language: 'fra' }, params: ENROLMENT_PARAMS });
    expect(result.contactName).to.equal('Amina Mwana');
    expect(result.messages[0].language).to.equal('swa');
    expect(result.contactLanguage).to.equal('fra');
  });

  it('a phone already following someone else\'s quarantine is left to them, and the CHW is told what to do', () => {
    const taken = { ...ENROLLED, [FIELD.name.key]: 'Neema Otieno', [FIELD.contactId.key]: 'neema' };
    const result = simulateFlow(exported, FLOW_NAME.enrolment, { contact: { urn: PHONE, name: 'Neema Otieno', fields: taken, groups: [QUARANTINE_GROUP.name] }, params: ENROLMENT_PARAMS });
    expect(result.contactFields).to.deep.include({ quarantine_contact_id: 'neema', quarantine_name: 'Neema Otieno' });
    expect(result.messages).to.deep.equal([]);
    expect(result.broadcasts.map((b) => [b.to, b.translations.swa])).to.deep.equal([[
      ['tel:+254700000002'],
      'SMS za kila siku HAZIJAANZA kwa Baraka Otieno: simu +254712345678 tayari inapokea ufuatiliaji wa COVID-19 wa Neema Otieno. Msajili Baraka Otieno kwa simu nyingine, au funga karantini ya Neema Otieno kwanza (ukaguzi wa mwisho), kisha wasilisha usajili tena.',
    ]]);
    // the same person again is a re-enrolment, not a conflict
    const again = simulateFlow(exported, FLOW_NAME.enrolment, { contact: { urn: PHONE, fields: ENROLLED, groups: [QUARANTINE_GROUP.name] }, params: { ...ENROLMENT_PARAMS, quarantine_start: '2026-03-12' } });
    expect(again.broadcasts).to.deep.equal([]);
    expect(again.contactFields[FIELD.quarantineStart.key]).to.match(/^2026-03-12/);
  });

  it('schedules the check-in every day of the longest quarantine and the day after, at 09:00, 12:00 and 15:00, never interrupting', () => {
    const [campaign] = exported.campaigns;
    expect(campaign.group.name).to.equal(QUARANTINE_GROUP.name);
    expect(campaign.events).to.have.length((MAX_QUARANTINE_DAYS + 1) * 3);
    const byHour = (hour: number) => campaign.events.filter((e) => e.delivery_hour === hour).map((e) => e.offset);
    for (const hour of [9, 12, 15]) expect(byHour(hour)).to.deep.equal([...Array(MAX_QUARANTINE_DAYS + 1).keys()]);
    for (const event of campaign.events) {
      expect(event).to.deep.include({ unit: 'D', start_mode: 'S', relative_to: { key: FIELD.quarantineStart.key, label: FIELD.quarantineStart.name } });
      expect(event.flow.name).to.equal(FLOW_NAME.checkin);
    }
  });

  it('asks in the contact\'s language, naming the person, with yes/no quick replies and a timeout on every wait', () => {
    const result = checkin('2026-03-11T09:00:00Z', [], { [FIELD.language.key]: 'fra' });
    expect(result.messages[0].text).to.equal('Baraka Otieno, jour 3 sur 7. Avez-vous de la fièvre aujourd\'hui ? Répondez 1 pour OUI ou 2 pour NON.');
    expect(result.messages[0].quickReplies).to.deep.equal(['Oui', 'Non']);
    const waits = flow(FLOW_NAME.checkin).nodes.filter((node) => node.router?.wait);
    expect(waits.map((node) => node.router?.result_name)).to.deep.equal(['fever', 'cough', 'breathing']);
    for (const wait of waits) expect(wait.router?.wait?.timeout?.seconds).to.be.greaterThan(0);
  });

  it('alerts the CHW by SMS on a "yes", naming the person from the workflow\'s field (not the RapidPro contact)', () => {
    const result = checkin('2026-03-11T09:00:00Z', ['I have had fever for 2 days', 'no', 'no']);
    expect(result.broadcasts.map((b) => [b.to, b.text])).to.deep.equal([[
      ['tel:+254700000002'], 'COVID-19 ALERT: Baraka Otieno (+254712345678) reported symptoms on quarantine day 3. Please follow up today (task in CHT).',
    ]]);
    expect(posted(result)[0]).to.include({ symptomatic: true, fever: true, answered: true, quarantine_day: 3 });
  });

  it('an unanswered day posts symptomatic as unknown (null), and partial answers without a yes are unknown too', () => {
    expect(posted(checkin('2026-03-11T09:00:00Z', [{ timeout: true }]))[0]).to.include({ answered: false, fever: null, symptomatic: null });
    expect(posted(checkin('2026-03-11T09:00:00Z', ['no', { timeout: true }]))[0]).to.include({ answered: true, fever: false, cough: null, symptomatic: null });
    expect(posted(checkin('2026-03-11T09:00:00Z', ['no', 'no', 'no']))[0]).to.include({ symptomatic: false });
  });

  it('a 21-day quarantine (the form\'s maximum) asks on day 21 and ends on day 22: leaves the group, frees the phone, says goodbye', () => {
    const long = { [FIELD.quarantineLength.key]: MAX_QUARANTINE_DAYS };
    const day21 = checkin('2026-03-29T09:00:00Z', [], long);
    expect(day21.results.quarantine_day?.value).to.equal('21');
    expect(day21.status).to.equal('waiting');
    const day22 = checkin('2026-03-30T09:00:00Z', [], long);
    expect(day22.results.quarantine_day?.category).to.equal('Ended');
    expect(day22.groups).to.deep.equal([]);
    expect(day22.contactFields[FIELD.contactId.key]).to.equal(null);
    expect(day22.messages[0].text).to.contain('has ended');
    // the campaign's last event is that day 22
    expect(Math.max(...exported.campaigns[0].events.map((e) => e.offset))).to.equal(MAX_QUARANTINE_DAYS);
  });

  it('a later event of a day already asked sends nothing', () => {
    const result = checkin('2026-03-11T12:00:00Z', [], { [FIELD.askedDay.key]: 3 });
    expect(result.messages).to.deep.equal([]);
    expect(result.status).to.equal('completed');
    expect(result.webhooks).to.deep.equal([]);
  });

  it('a reply after the day\'s questions closed unanswered is read as the first answer, and the day is posted again, answered', () => {
    const result = checkin('2026-03-11T18:30:00Z', ['no', 'no'], { [FIELD.askedDay.key]: 3 }, 'Sorry I was away, ndiyo nina homa');
    expect(result.results.fever?.category).to.equal('Yes');
    expect(result.messages[0].text).to.contain('cough');
    expect(posted(result)[0]).to.include({ answered: true, fever: true, symptomatic: true, quarantine_day: 3 });
  });

  it('a message after the day was answered reaches the CHW as written; without a CHW phone the contact is told to call', () => {
    const answered = { [FIELD.askedDay.key]: 3, [FIELD.answeredDay.key]: 3 };
    const result = checkin('2026-03-11T20:00:00Z', [], answered, 'I feel worse tonight');
    expect(result.broadcasts.map((b) => b.text)).to.deep.equal(['Message from Baraka Otieno (+254712345678), in quarantine, outside the daily questions: "I feel worse tonight"']);
    expect(result.messages[0].text).to.contain('sent to your health worker');
    const noPhone = checkin('2026-03-11T20:00:00Z', [], { ...answered, [FIELD.chwPhone.key]: '' }, 'I feel worse tonight');
    expect(noPhone.broadcasts).to.deep.equal([]);
    expect(noPhone.messages[0].text).to.contain('call your health worker');
  });

  it('stops only the quarantine of the person the end check is about', () => {
    const stop = pushConfig(stopPush.name);
    expect(Object.keys(stop.mapping)).to.include.members([`params.${PARAM.outcome}`, `params.${PARAM.contactId}`]);
    const mine = simulateFlow(exported, FLOW_NAME.stop, { contact: { urn: PHONE, fields: ENROLLED, groups: [QUARANTINE_GROUP.name] }, params: { cht_contact_id: 'traced_contact', outcome: 'completed' } });
    expect(mine.groups).to.deep.equal([]);
    expect(mine.messages[0].text).to.contain('Your quarantine has ended');
    const someoneElse = simulateFlow(exported, FLOW_NAME.stop, { contact: { urn: PHONE, fields: ENROLLED, groups: [QUARANTINE_GROUP.name] }, params: { cht_contact_id: 'neema', outcome: 'withdrew' } });
    expect(someoneElse.groups).to.deep.equal([QUARANTINE_GROUP.name]);
    expect(someoneElse.messages).to.deep.equal([]);
    expect(someoneElse.contactFields[FIELD.contactId.key]).to.equal('traced_contact');
  });

  it('starts the flows deploy resolved in the target workspace', () => {
    const resolved = synthesize({ workflows: [workflow], flowUuids: { [FLOW_NAME.enrolment]: '11111111-1111-4111-8111-111111111111' } });
    const push = resolved.pushes.find((candidate) => candidate.name === startPush.name);
    expect(push?.config.mapping.flow).to.deep.equal({ expr: "'11111111-1111-4111-8111-111111111111'" });
    expect(push?.flow).to.include({ name: FLOW_NAME.enrolment, uuid: '11111111-1111-4111-8111-111111111111', exportedUuid: enrolmentFlow.uuid });
    // the export keeps its own UUIDs: only the pushes point at the workspace's flows
    expect(resolved.exports[0].content.flows[0].uuid).to.equal(enrolmentFlow.uuid);
  });

  it('every text the flows send names no @contact: on a shared phone the contact may carry another name', () => {
    const text = JSON.stringify(exported.flows.map((f) => [f.nodes, f.localization]));
    expect(text).to.not.match(/@contact\.(first_)?name|@\(contact\.name\)/);
  });
});
