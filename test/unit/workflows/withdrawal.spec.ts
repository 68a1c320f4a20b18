/**
 * "Stop SMS" (consent withdrawal) in a simulated workspace holding every export: the stop flow
 * (a background flow, like every push) takes the person's phone out of the programme — no more
 * scheduled runs, no answer to stray messages — confirms in their language, and a conversation
 * already under way asks nothing more. Another programme on the same phone goes on.
 */
import { expect } from 'chai';
import { SimulatedWorkspace } from '../../../src/rapidpro/simulator/workspace';
import { DAY, HOUR, eventsOf, pushPayload, texts, workspace } from './helpers';

const AMINA = 'tel:+254700000002';
const BARAKA = 'tel:+254712345678';

const training = () => pushPayload('rapidpro_training_start', {
  _id: 'training-1', form: 'training_enrollment', patientId: 'chw_user', patientName: 'Amina CHW', submitterPhone: '+254700000001',
  fields: { patient_id: 'chw_user', patient_name: 'Amina CHW', training: { phone: '+254700000002', consent: 'yes', module: 'anc', flow_language: 'fra' } },
});
const wellbeing = (firstCheck: string) => pushPayload('rapidpro_wellbeing_start', {
  _id: 'wellbeing-1', form: 'wellbeing_enrollment', patientId: 'chw_user', patientName: 'Amina CHW', submitterPhone: '+254700000001',
  fields: { patient_uuid: 'chw_user', enrollment: { phone: '+254700000002', consent: 'yes', language: 'en', first_check: firstCheck } },
});
const quarantine = (start: string) => pushPayload('rapidpro_quarantine_start', {
  _id: 'quarantine-1', form: 'quarantine_enrollment', patientId: 'traced_contact', patientName: 'Baraka Contact', submitterPhone: '+254700000002',
  fields: { patient_id: 'traced_contact', sms: { phone: '+254712345678', consent: 'yes', language: 'sw' }, quarantine: { start_date: start, length_days: 7 } },
});
const withdrawal = (push: string, patientId: string, phone: string, programme: string) => pushPayload(push, {
  _id: `withdrawal-${programme}`, form: 'sms_withdrawal', patientId, patientName: 'x',
  fields: { patient_id: patientId, patient_uuid: patientId, withdrawal: { programme, sms_phone: phone, reason: 'withdrew_consent' } },
});

/** Where the workspace's log is now, to read what happens from here on. */
const mark = (ws: SimulatedWorkspace): number => ws.events.length;

/** The texts sent to `urn` since `from` (a `mark`). */
function sentTo(ws: SimulatedWorkspace, urn: string, from: number): string[] {
  return ws.events.slice(from).flatMap((event) => (event.type === 'msg_sent' && event.urn === urn ? [event.text] : []));
}

describe('consent withdrawal ("Stop SMS") in RapidPro', () => {
  it('training: the lesson under way goes no further after the stop, no lesson is scheduled again, and the CHW is told in French', () => {
    const { ws } = workspace('2026-03-23T10:00:00Z');
    ws.startFlow(training());
    ws.advanceTo(ws.now + 5 * 60_000);
    texts(ws, AMINA, 'c');
    expect(ws.waitingFlow(AMINA)).to.equal('CHW Training - Antenatal Care');
    const beforeStop = mark(ws);
    ws.startFlow(withdrawal('rapidpro_training_stop', 'chw_user', '+254700000002', 'training'));
    const confirmation = sentTo(ws, AMINA, beforeStop);
    expect(confirmation).to.have.length(1);
    expect(confirmation[0]).to.match(/Vous ne recevrez plus de messages de formation/);
    expect(ws.contact(AMINA)?.groups.has('CHW Training')).to.equal(false);
    // the CHW answers the question that was waiting: the feedback on that answer, and no next lesson
    const afterStop = mark(ws);
    texts(ws, AMINA, 'b');
    expect(sentTo(ws, AMINA, afterStop)).to.have.length(1);
    expect(sentTo(ws, AMINA, afterStop)[0]).to.match(/^Bonne réponse/);
    expect(ws.waitingFlow(AMINA)).to.equal(undefined);
    const afterAnswer = mark(ws);
    ws.advanceTo(ws.now + 3 * DAY);
    expect(sentTo(ws, AMINA, afterAnswer)).to.deep.equal([]);
  });

  it('wellbeing: the weekly check under way stops at its next question and no week is asked again; the training on the same phone goes on', () => {
    const { ws } = workspace('2026-03-23T08:00:00Z');
    ws.startFlow(wellbeing('2026-03-24'));
    ws.advanceTo(Date.parse('2026-03-24T09:05:00Z'));
    expect(ws.waitingFlow(AMINA)).to.equal('CHW Wellbeing Weekly Check');
    const beforeStop = mark(ws);
    ws.startFlow(withdrawal('rapidpro_wellbeing_stop', 'chw_user', '+254700000002', 'wellbeing'));
    const stoppedAt = ws.now;
    expect(sentTo(ws, AMINA, beforeStop)).to.have.length(1);
    const afterStop = mark(ws);
    texts(ws, AMINA, 'no');
    ws.advanceTo(Date.parse('2026-04-08T12:00:00Z'));
    expect(sentTo(ws, AMINA, afterStop)).to.deep.equal([]);
    expect(eventsOf(ws, 'run_started').filter((event) => event.at > stoppedAt + HOUR && event.flow === 'CHW Wellbeing Weekly Check')).to.deep.equal([]);
  });

  it('quarantine: the daily check-ins stop at the number given, and a stop for someone else changes nothing', () => {
    const { ws } = workspace('2026-03-09T08:00:00Z');
    ws.startFlow(quarantine('2026-03-10'));
    ws.startFlow(withdrawal('rapidpro_quarantine_withdraw', 'someone_else', '+254712345678', 'quarantine'));
    expect(ws.contact(BARAKA)?.groups.has('Quarantine')).to.equal(true);
    const beforeStop = mark(ws);
    ws.startFlow(withdrawal('rapidpro_quarantine_withdraw', 'traced_contact', '+254712345678', 'quarantine'));
    expect(sentTo(ws, BARAKA, beforeStop)).to.deep.equal(['Hutapokea tena SMS za kila siku za COVID-19. Wasiliana na mhudumu wako wa afya ukijisikia vibaya.']);
    const afterStop = mark(ws);
    ws.advanceTo(Date.parse('2026-03-17T12:00:00Z'));
    expect(sentTo(ws, BARAKA, afterStop)).to.deep.equal([]);
  });
});
