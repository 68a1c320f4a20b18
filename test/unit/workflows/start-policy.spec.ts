/**
 * The start policy across workflows, checked on the real exports in a simulated workspace (mailroom's
 * rules, src/rapidpro/simulator/workspace.ts): pushes start background flows, interactive flows run
 * from campaign events in skip mode with retries, waits always time out, and exactly one catch-all
 * trigger answers a stray message — so overlapping workflows and shared phones lose nothing.
 */
import { expect } from 'chai';
import { FlowDefinition } from '../../../src/rapidpro/flow/types';
import { TriggerDefinition } from '../../../src/rapidpro/flow/triggers';
import { bestCatchall } from '../../../src/rapidpro/simulator/workspace';
import { STRAY_MESSAGE_PRIORITY, WORKFLOW_GROUP } from '../../../src/workflows/shared';
import { DAY, HOUR, assembly, eventsOf, pushPayload, texts, workspace } from './helpers';

const AMINA = 'tel:+254700000002';
const BARAKA = 'tel:+254712345678';
const flows: FlowDefinition[] = assembly.exports.flatMap((file) => file.content.flows);
const byUuid = new Map(flows.map((flow) => [flow.uuid, flow]));

const training = (id: string, language = 'en') => pushPayload('rapidpro_training_start', {
  _id: id, form: 'training_enrollment', patientId: 'chw_user', patientName: 'Amina CHW', submitterPhone: '+254700000001',
  fields: { patient_id: 'chw_user', patient_name: 'Amina CHW', training: { phone: '+254700000002', consent: 'yes', module: 'anc', flow_language: language === 'fr' ? 'fra' : 'eng' } },
});
const wellbeing = (id: string, firstCheck: string) => pushPayload('rapidpro_wellbeing_start', {
  _id: id, form: 'wellbeing_enrollment', patientId: 'chw_user', patientName: 'Amina CHW', submitterPhone: '+254700000001',
  fields: { patient_uuid: 'chw_user', enrollment: { phone: '+254700000002', consent: 'yes', language: 'en', first_check: firstCheck } },
});
const quarantine = (id: string, patientId: string, name: string, start: string) => pushPayload('rapidpro_quarantine_start', {
  _id: id, form: 'quarantine_enrollment', patientId, patientName: name, submitterPhone: '+254700000002',
  fields: { patient_id: patientId, sms: { phone: '+254712345678', consent: 'yes', language: 'en' }, quarantine: { start_date: start, length_days: 7 } },
});
const stop = (patientId: string) => pushPayload('rapidpro_quarantine_stop', {
  _id: `stop-${patientId}`, form: 'quarantine_end_check', patientId, patientName: 'x', fields: { end: { sms_phone: '+254712345678', outcome: 'withdrew' } },
});

describe('start policy across workflows', () => {
  it('every push starts a background flow, never excluding a contact who is answering another flow', () => {
    expect(assembly.pushes.map((push) => [push.name, byUuid.get(push.flow.uuid)?.type])).to.deep.equal(assembly.pushes.map((push) => [push.name, 'messaging_background']));
    for (const push of assembly.pushes) {
      expect(push.config.mapping.exclude_active, push.name).to.deep.equal({ expr: 'false' });
      expect(push.config.mapping.restart_participants, push.name).to.deep.equal({ expr: 'true' });
    }
  });

  it('every interactive flow runs from campaign events in skip mode only, and every wait in it times out', () => {
    for (const file of assembly.exports) {
      for (const campaign of file.content.campaigns) {
        for (const event of campaign.events) {
          const flow = byUuid.get(event.flow.uuid);
          expect(flow?.type === 'messaging_background' || event.start_mode === 'S', `${campaign.name} → ${event.flow.name} (${event.start_mode})`).to.equal(true);
        }
      }
    }
    for (const flow of flows.filter((candidate) => candidate.type === 'messaging')) {
      for (const node of flow.nodes.filter((candidate) => candidate.router?.wait)) {
        const timeout = node.router?.wait?.timeout?.seconds ?? Infinity;
        expect(timeout * 1000, `${flow.name} ${node.uuid}`).to.be.below(flow.expire_after_minutes * 60_000);
      }
    }
  });

  it('exactly one catch-all trigger answers a stray message, whichever workflows the contact is in, in priority order', () => {
    const all = assembly.exports.flatMap((file) => file.content.triggers as TriggerDefinition[])
      .map((trigger) => ({ flow: trigger.flow.name, groups: trigger.groups.map((g) => g.name), excludeGroups: trigger.exclude_groups.map((g) => g.name) }));
    // the SMS gateway's catch-all has no group: mailroom tries it after every group catch-all
    expect(all.filter((trigger) => trigger.groups.length === 0).map((trigger) => trigger.flow)).to.deep.equal(['CHT SMS Gateway']);
    const triggers = all.filter((trigger) => trigger.groups.length > 0);
    expect(triggers).to.have.length(3);
    const names = STRAY_MESSAGE_PRIORITY.map((id) => WORKFLOW_GROUP[id].name);
    for (let mask = 1; mask < 1 << names.length; mask++) {
      const groups = new Set(names.filter((_, i) => mask & (1 << i)));
      const matching = triggers.filter((trigger) => bestCatchall([trigger], groups));
      expect(matching, [...groups].join(' + ')).to.have.length(1);
      const first = names.find((name) => groups.has(name));
      expect(bestCatchall(triggers, groups)?.groups, [...groups].join(' + ')).to.deep.equal([first]);
    }
  });

  it('enrolling a CHW in the wellbeing checks while they answer the training interrupts nothing, and the training stays in its language', () => {
    const { ws, bodies } = workspace('2026-03-23T10:00:00Z');
    ws.startFlow(training('t1', 'fr'));
    ws.advanceTo(ws.now + 2 * 60_000);
    texts(ws, AMINA, 'c');
    expect(ws.waitingFlow(AMINA)).to.equal('CHW Training - Antenatal Care');
    ws.startFlow(wellbeing('w1', '2026-03-30'));
    expect(ws.waitingFlow(AMINA)).to.equal('CHW Training - Antenatal Care');
    expect(ws.contact(AMINA)?.language).to.equal('fra');
    expect(ws.contact(AMINA)?.groups.has('CHW Wellbeing')).to.equal(true);
    texts(ws, AMINA, 'b', 'a', 'b', 'a', 'b', 'b');
    expect(eventsOf(ws, 'run_ended').filter((e) => e.status !== 'completed')).to.deep.equal([]);
    expect(bodies.filter((body) => (body._meta as { form: string }).form === 'RP_TRAINING').map((body) => body.question_id ?? body.kind))
      .to.deep.equal(['anc_q1', 'anc_q2', 'anc_q3', 'anc_q4', 'anc_q5', 'anc_q6', 'anc_q7', 'complete']);
    // the first weekly check comes on its day, in English
    ws.advanceTo(Date.parse('2026-03-30T09:00:00Z'));
    expect(ws.waitingFlow(AMINA)).to.equal('CHW Wellbeing Weekly Check');
    expect(eventsOf(ws, 'msg_sent').pop()?.text).to.match(/^Hello Amina CHW, this is your weekly wellbeing check/);
  });

  it('a weekly check that comes while the CHW is in the middle of the training waits its turn; the training goes on after', () => {
    const { ws, bodies } = workspace('2026-06-07T18:00:00Z');
    ws.startFlow(wellbeing('w1', '2026-06-08'));
    ws.advanceTo(Date.parse('2026-06-08T08:30:00Z'));
    ws.startFlow(training('t1'));
    ws.advanceTo(ws.now + 5 * 60_000);
    texts(ws, AMINA, 'c', 'b', 'a');
    ws.advanceTo(Date.parse('2026-06-08T15:05:00Z'));
    expect(eventsOf(ws, 'campaign_skipped').filter((e) => e.flow === 'CHW Wellbeing Weekly Check').map((e) => new Date(e.at).toISOString()))
      .to.deep.equal(['2026-06-08T09:00:00.000Z', '2026-06-08T12:00:00.000Z']);
    expect(ws.waitingFlow(AMINA)).to.equal('CHW Wellbeing Weekly Check');
    texts(ws, AMINA, 'no', 'no', 'no', 'no', '0', '0', '1', '0', 'no');
    ws.advanceTo(Date.parse('2026-06-09T09:00:00Z'));
    texts(ws, AMINA, 'b', 'a', 'b', 'b');
    expect(eventsOf(ws, 'run_ended').filter((e) => e.status === 'interrupted')).to.deep.equal([]);
    expect(bodies.map((body) => body.question_id ?? body.kind ?? (body.answered === true ? 'week answered' : 'week missed'))).to.deep.equal([
      'anc_q1', 'anc_q2', 'anc_q3', 'week answered', 'anc_q4', 'anc_q5', 'anc_q6', 'anc_q7', 'complete',
    ]);
    expect(eventsOf(ws, 'msg_unhandled')).to.deep.equal([]);
  });

  it('a CHW who is a traced contact gets the daily check-in once the training releases the phone, the same day', () => {
    const { ws, bodies } = workspace('2026-03-09T08:00:00Z');
    ws.startFlow(training('t1'));
    ws.advanceTo(ws.now + 2 * 60_000);
    texts(ws, AMINA, 'c');
    ws.startFlow(pushPayload('rapidpro_quarantine_start', {
      _id: 'q1', form: 'quarantine_enrollment', patientId: 'chw_user', patientName: 'Amina CHW', submitterPhone: '+254700000001',
      fields: { patient_id: 'chw_user', sms: { phone: '+254700000002', consent: 'yes', language: 'en' }, quarantine: { start_date: '2026-03-09', length_days: 7 } },
    }));
    ws.advanceTo(Date.parse('2026-03-09T15:01:00Z'));
    expect(bodies.filter((body) => (body._meta as { form: string }).form === 'RP_SYMPTOMS')).to.have.length(0);
    expect(ws.waitingFlow(AMINA)).to.equal('Quarantine Daily Check-in');
    texts(ws, AMINA, 'no', 'no', 'no');
    expect(bodies.filter((body) => (body._meta as { form: string }).form === 'RP_SYMPTOMS').map((body) => [body.patient_id, body.answered, body.quarantine_day]))
      .to.deep.equal([['chw_user', true, 1]]);
  });

  it('a second person enrolled with a phone that follows someone\'s quarantine: the first goes on, the CHW is told, a stop for the second stops nothing', () => {
    const { ws, bodies } = workspace('2026-03-09T08:00:00Z');
    ws.startFlow(quarantine('e1', 'baraka', 'Baraka', '2026-03-09'));
    ws.advanceTo(Date.parse('2026-03-10T08:00:00Z'));
    ws.startFlow(quarantine('e2', 'neema', 'Neema', '2026-03-10'));
    const alert = eventsOf(ws, 'broadcast_sent').pop();
    expect(alert).to.include({ to: AMINA });
    expect(alert?.text).to.match(/^Daily SMS NOT started for Neema: phone \+254712345678 already receives the COVID-19 daily checks of Baraka\./);
    ws.startFlow(stop('neema'));
    ws.advanceTo(Date.parse('2026-03-10T09:05:00Z'));
    texts(ws, BARAKA, 'no', 'no', 'no');
    expect(bodies.map((body) => [body.patient_id, body.quarantine_day])).to.deep.equal([['baraka', 1], ['baraka', 2]]);
    expect(ws.contact(BARAKA)?.fields.get('quarantine_contact_id')).to.equal('baraka');
    ws.startFlow(stop('baraka'));
    expect(ws.contact(BARAKA)?.groups.has('Quarantine')).to.equal(false);
    // the phone is free now: Neema's enrolment again takes it
    ws.startFlow(quarantine('e3', 'neema', 'Neema', '2026-03-10'));
    expect(ws.contact(BARAKA)?.fields.get('quarantine_contact_id')).to.equal('neema');
  });

  it('a reply that comes after a question closed reaches a flow, never only the inbox', () => {
    const { ws } = workspace('2026-03-09T08:00:00Z');
    ws.startFlow(quarantine('e1', 'baraka', 'Baraka', '2026-03-09'));
    ws.advanceTo(Date.parse('2026-03-09T15:00:00Z') + HOUR);
    texts(ws, BARAKA, 'sorry, no fever', 'no', 'no');
    ws.advanceTo(ws.now + DAY / 2);
    texts(ws, BARAKA, 'thank you');
    expect(eventsOf(ws, 'msg_received').map((e) => e.to)).to.deep.equal(['catch-all trigger', 'waiting run', 'waiting run', 'catch-all trigger']);
    expect(eventsOf(ws, 'msg_unhandled')).to.deep.equal([]);
  });
});
