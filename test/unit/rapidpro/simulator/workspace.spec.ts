import { expect } from 'chai';
import { addToGroups, removeFromGroups, sendMsg, setContactField } from '../../../../src/rapidpro/flow/actions';
import { FlowBuilder } from '../../../../src/rapidpro/flow/builder';
import { CampaignBuilder } from '../../../../src/rapidpro/flow/campaign';
import { hasText } from '../../../../src/rapidpro/flow/cases';
import { contactField, contactGroup } from '../../../../src/rapidpro/flow/fields';
import { catchAllTrigger } from '../../../../src/rapidpro/flow/triggers';
import { CampaignStartMode } from '../../../../src/rapidpro/flow/types';
import { exportOf } from '../../../../src/rapidpro/export';
import { scheduleForTime, SimulatedWorkspace, WorkspaceEvent } from '../../../../src/rapidpro/simulator/workspace';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-03-02T08:00:00Z');
const URN = 'tel:+254700000009';

const due = contactField('due', 'Due', 'datetime');
const members = contactGroup('Members');
const others = contactGroup('Others');

/** A background flow: joins the group and sets the campaign's date to now, like an enrolment. */
const enrol = new FlowBuilder({ name: 'Enrol', key: 'ws-enrol', language: 'eng', type: 'messaging_background' })
  .actions('save', [setContactField(due, '@(now())'), addToGroups(members), sendMsg('Enrolled')]);

/** An interactive flow: one question, a one-hour timeout, a day's expiry. */
const ask = (name: string, key: string) => new FlowBuilder({ name, key, language: 'eng', expireAfterMinutes: 1440 })
  .send('ask', `${name}?`, { next: 'reply' })
  .waitForReply('reply', {
    resultName: 'answer',
    cases: [{ test: hasText(), category: 'Answered' }],
    timeout: { seconds: 3600, category: 'No Response' },
    routes: { Answered: 'thanks' },
  })
  .send('thanks', `Thanks for answering ${name}`);
const quiz = ask('Quiz', 'ws-quiz');
const check = ask('Check', 'ws-check');
const leave = new FlowBuilder({ name: 'Leave', key: 'ws-leave', language: 'eng', type: 'messaging_background' })
  .actions('leave', [removeFromGroups(members)]);

function workspace(startMode: CampaignStartMode = 'S', offset = 30): SimulatedWorkspace {
  const campaign = new CampaignBuilder({ key: 'ws-campaign', name: 'Checks', group: members })
    .event({ flow: check, relativeTo: due, offset, unit: 'M', startMode });
  const exported = exportOf([enrol, quiz, check, leave], [campaign], [due], [members, others], [
    catchAllTrigger({ flow: quiz, groups: [members] }),
    catchAllTrigger({ flow: check, groups: [others], excludeGroups: [members] }),
  ]);
  return new SimulatedWorkspace([exported], { start: T0 });
}

const of = <K extends WorkspaceEvent['type']>(ws: SimulatedWorkspace, type: K): Extract<WorkspaceEvent, { type: K }>[] =>
  ws.events.filter((event): event is Extract<WorkspaceEvent, { type: K }> => event.type === type);
const ended = (ws: SimulatedWorkspace) => of(ws, 'run_ended').map((e) => `${e.flow}:${e.status}`);

describe('rapidpro workspace simulator (mailroom between the flows)', () => {
  it('creates a contact from the URN alone: no name, no language', () => {
    const ws = workspace();
    ws.startFlow({ flow: enrol.uuid, urns: [URN] });
    expect(ws.contact(URN)).to.deep.include({ name: '', language: '' });
    expect(of(ws, 'contact_created')).to.have.length(1);
  });

  it('starts a background flow without touching the waiting run; a messaging start interrupts it', () => {
    const ws = workspace();
    ws.startFlow({ flow: quiz.uuid, urns: [URN] });
    ws.startFlow({ flow: enrol.uuid, urns: [URN] });
    expect(ws.waitingFlow(URN)).to.equal('Quiz');
    expect(ended(ws)).to.deep.equal(['Enrol:completed']);
    ws.startFlow({ flow: check.uuid, urns: [URN] });
    expect(ended(ws)).to.deep.equal(['Enrol:completed', 'Quiz:interrupted']);
    expect(ws.waitingFlow(URN)).to.equal('Check');
  });

  it('exclude_active drops a contact answering a flow (but never one the start creates); restart_participants false drops a recent participant', () => {
    const ws = workspace();
    ws.startFlow({ flow: quiz.uuid, urns: [URN], exclude_active: true });
    expect(ws.waitingFlow(URN)).to.equal('Quiz');
    ws.startFlow({ flow: check.uuid, urns: [URN], exclude_active: true });
    expect(of(ws, 'start_excluded').map((e) => e.reason)).to.deep.equal(['in a flow']);
    expect(ws.waitingFlow(URN)).to.equal('Quiz');
    ws.receive(URN, 'done');
    ws.advanceTo(T0 + 60 * 24 * HOUR);
    ws.startFlow({ flow: quiz.uuid, urns: [URN], restart_participants: false });
    expect(of(ws, 'start_excluded').map((e) => e.reason)).to.deep.equal(['in a flow', 'started previously']);
    ws.advanceTo(T0 + 91 * 24 * HOUR);
    ws.startFlow({ flow: quiz.uuid, urns: [URN], restart_participants: false });
    expect(ws.waitingFlow(URN)).to.equal('Quiz');
  });

  it('fires a campaign event at the date plus the offset, rounded up to the minute', () => {
    const ws = workspace('I', 30);
    ws.advanceTo(T0 + 20_000);
    ws.startFlow({ flow: enrol.uuid, urns: [URN] });
    ws.advanceTo(T0 + 31 * MINUTE - 1);
    expect(of(ws, 'run_started').map((e) => e.flow)).to.deep.equal(['Enrol']);
    ws.advanceTo(T0 + 31 * MINUTE);
    expect(of(ws, 'run_started').map((e) => [e.flow, e.trigger, new Date(e.at).toISOString()])).to.deep.equal([
      ['Enrol', 'manual', '2026-03-02T08:00:20.000Z'],
      ['Check', 'campaign', '2026-03-02T08:31:00.000Z'],
    ]);
  });

  it('skips a contact answering another flow in skip mode, interrupts it in interrupt mode', () => {
    for (const [mode, outcome] of [['S', ['Quiz waiting', 'skipped']], ['I', ['Check waiting', 'Quiz:interrupted']]] as const) {
      const ws = workspace(mode);
      ws.startFlow({ flow: enrol.uuid, urns: [URN] });
      ws.startFlow({ flow: quiz.uuid, urns: [URN] });
      ws.advanceTo(T0 + 40 * MINUTE);
      expect([`${ws.waitingFlow(URN)} waiting`, of(ws, 'campaign_skipped').length ? 'skipped' : ended(ws).find((e) => e.startsWith('Quiz'))], mode).to.deep.equal(outcome);
    }
  });

  it('deletes the fires of a contact who leaves the group, and reschedules when the date changes', () => {
    const ws = workspace('I');
    ws.startFlow({ flow: enrol.uuid, urns: [URN] });
    ws.startFlow({ flow: leave.uuid, urns: [URN] });
    ws.advanceTo(T0 + 2 * HOUR);
    expect(of(ws, 'run_started').map((e) => e.flow)).to.deep.equal(['Enrol', 'Leave']);

    const again = workspace('I');
    again.startFlow({ flow: enrol.uuid, urns: [URN] });
    again.advanceTo(T0 + 20 * MINUTE);
    again.startFlow({ flow: enrol.uuid, urns: [URN] });
    again.advanceTo(T0 + 31 * MINUTE);
    expect(of(again, 'run_started').map((e) => e.flow)).to.deep.equal(['Enrol', 'Enrol']);
    again.advanceTo(T0 + 51 * MINUTE);
    expect(of(again, 'run_started').map((e) => e.flow)).to.deep.equal(['Enrol', 'Enrol', 'Check']);
  });

  it('times a wait out after its timeout and expires it after the flow expiry, each from the last wait', () => {
    const ws = workspace();
    ws.startFlow({ flow: quiz.uuid, urns: [URN] });
    ws.advanceTo(T0 + HOUR - 1);
    expect(ws.waitingFlow(URN)).to.equal('Quiz');
    ws.advanceTo(T0 + HOUR);
    expect(ws.waitingFlow(URN)).to.equal(undefined);
    expect(ended(ws)).to.deep.equal(['Quiz:completed']);
    expect(ws.runs[0].results.answer).to.include({ category: 'No Response' });

    const longWait = new FlowBuilder({ name: 'Long', key: 'ws-long', language: 'eng', expireAfterMinutes: 60 })
      .send('ask', 'Anything?', { next: 'reply' })
      .waitForReply('reply', { cases: [{ test: hasText(), category: 'Answered' }], timeout: { seconds: 7200, category: 'Late' } });
    const expiring = new SimulatedWorkspace([exportOf([longWait])], { start: T0 });
    expiring.startFlow({ flow: longWait.uuid, urns: [URN] });
    expiring.advanceTo(T0 + 3 * HOUR);
    expect(ended(expiring)).to.deep.equal(['Long:expired']);
    expect(of(expiring, 'run_ended')[0].at).to.equal(T0 + HOUR);
  });

  it('gives a message to the waiting run, else to the best catch-all trigger, else to the inbox', () => {
    const ws = workspace();
    ws.receive(URN, 'hello?');
    expect(of(ws, 'msg_unhandled').map((e) => e.text)).to.deep.equal(['hello?']);
    ws.startFlow({ flow: enrol.uuid, urns: [URN] });
    ws.receive(URN, 'I am here');
    expect(of(ws, 'run_started').map((e) => [e.flow, e.trigger])).to.deep.equal([['Enrol', 'manual'], ['Quiz', 'msg']]);
    ws.receive(URN, 'my answer');
    expect(ws.runs.find((run) => run.flow === 'Quiz')?.results.answer).to.include({ value: 'my answer', category: 'Answered' });
    expect(of(ws, 'msg_received').map((e) => e.to)).to.deep.equal(['catch-all trigger', 'waiting run']);
  });

  it('schedules like mailroom ScheduleForTime: minutes and hours as durations, days and weeks on the calendar at the delivery hour, never in the past', () => {
    const start = Date.parse('2026-03-02T07:10:30Z');
    const at = (point: Parameters<typeof scheduleForTime>[0], zone = 'UTC', now = start) => {
      const scheduled = scheduleForTime(point, zone, now, start);
      return scheduled === undefined ? undefined : new Date(scheduled).toISOString();
    };
    expect(at({ offset: 0, unit: 'M', deliveryHour: -1 })).to.equal('2026-03-02T07:11:00.000Z');
    expect(at({ offset: 2, unit: 'H', deliveryHour: -1 })).to.equal('2026-03-02T09:11:00.000Z');
    expect(at({ offset: 1, unit: 'D', deliveryHour: 9 })).to.equal('2026-03-03T09:00:00.000Z');
    // noon in Nairobi (UTC+3) on the day of the date, which is 10:10 there
    expect(at({ offset: 0, unit: 'D', deliveryHour: 12 }, 'Africa/Nairobi')).to.equal('2026-03-02T09:00:00.000Z');
    expect(at({ offset: 0, unit: 'D', deliveryHour: 9 }, 'Africa/Nairobi')).to.equal(undefined);
    expect(at({ offset: 2, unit: 'W', deliveryHour: 9 })).to.equal('2026-03-16T09:00:00.000Z');
    // a time already passed when the contact qualifies does not fire
    expect(at({ offset: 0, unit: 'D', deliveryHour: 6 })).to.equal(undefined);
  });
});
