import { expect } from 'chai';
import { Audience } from '../../../../src/phone/kit/audience';
import { visibleLists } from '../../../../src/phone/kit/engine';
import { ContactWithReports, ReportDoc } from '../../../../src/phone/kit/docs';
import { followUpTarget, recordCountTarget, recordPercentTarget } from '../../../../src/phone/kit/target-builders';
import { recordTask, scheduledTask, silenceTask } from '../../../../src/phone/kit/task-builders';
import { TaskEvent } from '../../../../src/phone/kit/tasks';
import { FormPaths, appForm } from '../../../../src/phone/kit/app-form';
import { recordForm } from '../../../../src/phone/kit/record';

const SYMPTOMS = recordForm('RP_SYMPTOMS', { symptomatic: { type: 'boolean' }, answered: { type: 'boolean' } });
const WELLBEING = recordForm('RP_WELLBEING', {});
const followUp = appForm<FormPaths<'symptomatic_follow_up', 'inputs.source_id' | 'inputs.source_record'>>('symptomatic_follow_up');
const wellbeingFollowUp = appForm<FormPaths<'wellbeing_follow_up', 'inputs.source_id'>>('wellbeing_follow_up');
const enrolment = appForm<FormPaths<'quarantine_enrollment', 'days'>>('quarantine_enrollment');
const visit = appForm<FormPaths<'quarantine_check_visit', 'inputs.source_id'>>('quarantine_check_visit');
const endCheck = appForm<FormPaths<'quarantine_end_check', 'inputs.source_id'>>('quarantine_end_check');

const CHW: Audience = { roles: ['chw'], notAboutSelf: true };
const SUPERVISOR: Audience = { roles: ['chw_supervisor'], permission: 'can_supervise_wellbeing', notAboutSelf: true };

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 10, 1);
const report = (id: string, form: string, day: number, fields: Record<string, unknown> = {}): ReportDoc =>
  ({ _id: id, form, reported_date: T0 + day * DAY, fields });
const contactOf = (reports: ReportDoc[], id = 'contact-1'): ContactWithReports => ({ contact: { _id: id, type: 'person' }, reports });

type Globals = { cht?: unknown; user?: unknown };
/** Runs `fn` as CHT runs rules on a phone: `user` is the user's contact doc, `cht` answers permissions. */
function asUser<T>(role: string, userId: string, permissions: string[], fn: () => T): T {
  const globals = globalThis as Globals;
  globals.cht = { v1: { hasPermissions: (p: string) => permissions.includes(p), hasAnyPermission: () => false } };
  globals.user = { _id: userId, type: 'person', role };
  try {
    return fn();
  } finally {
    delete globals.cht;
    delete globals.user;
  }
}
const asChw = <T>(fn: () => T): T => asUser('chw', 'chw-1', [], fn);

describe('recordTask', () => {
  const task = recordTask({
    name: 'symptomatic-follow-up',
    record: SYMPTOMS,
    when: (r) => SYMPTOMS.get(r, 'symptomatic') === true,
    actionForm: followUp,
    window: { start: 0, end: 2 },
    passToForm: (r) => ({ source_record: r._id }),
    priority: 'high',
    audience: CHW,
  });

  it('derives its labels from its name', () => {
    expect(task.title).to.equal('task.symptomatic-follow-up.title');
    expect(task.priority).to.deep.equal({ level: 'high', label: 'task.symptomatic-follow-up.priority' });
  });

  it('is raised by a matching record only', () => {
    const yes = report('r1', 'RP_SYMPTOMS', 1, { symptomatic: true });
    const no = report('r2', 'RP_SYMPTOMS', 2, { symptomatic: false });
    const c = contactOf([yes, no]);
    expect(task.appliesToType).to.deep.equal(['RP_SYMPTOMS']);
    asChw(() => {
      expect(task.appliesIf?.(c, yes)).to.equal(true);
      expect(task.appliesIf?.(c, no)).to.equal(false);
    });
  });

  it('is raised once by a record that reached CHT twice (same rp_event_id), by the earliest copy', () => {
    const webhook = report('w', 'RP_SYMPTOMS', 1.01, { symptomatic: true, rp_event_id: 'run-1' });
    const synced = report('s', 'RP_SYMPTOMS', 1, { symptomatic: true, rp_event_id: 'run-1' });
    const other = report('o', 'RP_SYMPTOMS', 2, { symptomatic: true, rp_event_id: 'run-2' });
    const c = contactOf([webhook, synced, other]);
    asChw(() => {
      expect([webhook, synced, other].map((r) => task.appliesIf?.(c, r))).to.deep.equal([false, true, true]);
      // the same answer in another form is not a copy of it
      const visitCopy = report('v', 'RP_WELLBEING', 1, { rp_event_id: 'run-1' });
      expect(task.appliesIf?.(contactOf([synced, visitCopy]), synced)).to.equal(true);
    });
  });

  it('resolves when the action form is submitted after the record, not before', () => {
    const yes = report('r1', 'RP_SYMPTOMS', 2, { symptomatic: true });
    const event = task.events[0] as TaskEvent;
    const earlier = contactOf([report('f0', 'symptomatic_follow_up', 1), yes]);
    expect(task.resolvedIf?.(earlier, yes, event, new Date())).to.equal(false);
    const later = contactOf([yes, report('f1', 'symptomatic_follow_up', 3)]);
    expect(task.resolvedIf?.(later, yes, event, new Date())).to.equal(true);
  });

  it('passes the record into the action form', () => {
    const yes = report('r1', 'RP_SYMPTOMS', 2, { symptomatic: true });
    const content = { source: 'task' as const, source_id: 'r1', contact: {} };
    task.actions[0].modifyContent?.(content, contactOf([yes]), yes, task.events[0] as TaskEvent);
    expect(content).to.deep.include({ source_record: 'r1' });
    expect(task.actions[0]).to.include({ type: 'report', form: 'symptomatic_follow_up' });
  });

  it('shows a task to the roles it is for (checked once per rules-engine start), never to the person it is about, and checks the permission', () => {
    const supervisorOnly = recordTask({
      name: 'support', record: WELLBEING, when: () => true, actionForm: wellbeingFollowUp,
      window: { start: 0, end: 7 }, audience: SUPERVISOR,
    });
    const r = report('w1', 'RP_WELLBEING', 0);
    const c = contactOf([r], 'chw-1');
    // what the phone keeps at a rules-engine start (../engine.ts), then what applies to the contact
    const seen = (role: string, id: string, permissions: string[]): boolean => asUser(role, id, permissions, () =>
      visibleLists({ tasks: [supervisorOnly], targets: [] }).tasks.length === 1 && !!supervisorOnly.appliesIf?.(c, r));
    expect(seen('chw_supervisor', 'supervisor-1', ['can_supervise_wellbeing'])).to.equal(true);
    expect(seen('chw_supervisor', 'chw-1', ['can_supervise_wellbeing']), 'about themselves').to.equal(false);
    expect(seen('chw', 'chw-2', ['can_supervise_wellbeing']), 'a CHW, whatever their permissions').to.equal(false);
    expect(seen('chw_supervisor', 'supervisor-2', []), 'without the permission').to.equal(false);
    expect(visibleLists({ tasks: [supervisorOnly], targets: [] }).tasks, 'no user').to.deep.equal([]);
  });
});

describe('silenceTask', () => {
  const task = silenceTask({
    name: 'unreachable', startedBy: enrolment, answers: SYMPTOMS,
    answered: (r) => SYMPTOMS.get(r, 'answered') === true, afterDays: 2, actionForm: visit,
    clockStartsAt: (start) => start.reported_date + Number(start.fields.days ?? 0) * DAY,
    window: { start: 0, end: 3 }, activeAt: (_c, due) => due <= T0 + 14 * DAY, audience: CHW,
  });
  const enrol = report('e', 'quarantine_enrollment', 0);
  const due = (c: ContactWithReports, r: ReportDoc) => {
    const event = task.events[0];
    return 'dueDate' in event && event.dueDate ? event.dueDate(event, c, r).getTime() : NaN;
  };
  const applies = (c: ContactWithReports, r: ReportDoc) => asChw(() => task.appliesIf?.(c, r));
  const resolved = (c: ContactWithReports, r: ReportDoc) => task.resolvedIf?.(c, r, task.events[0], new Date());

  it('is due N days after the start when nothing was ever answered', () => {
    const c = contactOf([enrol, report('s1', 'RP_SYMPTOMS', 1, { answered: false })]);
    expect(applies(c, enrol)).to.equal(true);
    expect(due(c, enrol)).to.equal(T0 + 2 * DAY);
  });

  it('starts the clock when the answers can start, not before', () => {
    const later = report('e', 'quarantine_enrollment', 0, { days: 3 });
    const c = contactOf([later]);
    expect(applies(c, later)).to.equal(true);
    expect(due(c, later)).to.equal(T0 + 5 * DAY);
  });

  it('moves to the last real answer, and disappears when a new answer arrives', () => {
    const answer = report('s1', 'RP_SYMPTOMS', 3, { answered: true });
    const c = contactOf([enrol, answer, report('s2', 'RP_SYMPTOMS', 4, { answered: false })]);
    expect(applies(c, enrol)).to.equal(false);
    expect(applies(c, answer)).to.equal(true);
    expect(due(c, answer)).to.equal(T0 + 5 * DAY);
    const reached = contactOf([...c.reports, report('s3', 'RP_SYMPTOMS', 5, { answered: true })]);
    expect(applies(reached, answer)).to.equal(false);
  });

  it('takes a late answer at the time it was given: a contact who answered is not silent', () => {
    // the day-3 answer is recovered on day 6, backdated to day 3
    const late = report('s1', 'RP_SYMPTOMS', 3, { answered: true });
    const c = contactOf([enrol, report('s2', 'RP_SYMPTOMS', 4, { answered: false }), late]);
    expect(applies(c, enrol)).to.equal(false);
    expect(due(c, late)).to.equal(T0 + 5 * DAY);
  });

  it('does not fire once the monitoring has ended', () => {
    const answer = report('s1', 'RP_SYMPTOMS', 13, { answered: true });
    expect(applies(contactOf([enrol, answer]), answer)).to.equal(false);
  });

  it('is done by the visit, and a silence that goes on after it raises a new task from the visit', () => {
    const done = report('v', 'quarantine_check_visit', 3);
    const c = contactOf([enrol, done]);
    expect(applies(c, enrol), 'still emitted, as done').to.equal(true);
    expect(resolved(c, enrol)).to.equal(true);
    expect(applies(c, done)).to.equal(true);
    expect(resolved(c, done)).to.equal(false);
    expect(due(c, done)).to.equal(T0 + 5 * DAY);
  });

  it('raises nothing for a silence a visit ended before it was due', () => {
    const early = report('v', 'quarantine_check_visit', 1);
    const c = contactOf([enrol, early]);
    expect(applies(c, enrol)).to.equal(false);
    expect(due(c, early)).to.equal(T0 + 3 * DAY);
  });

  it('counts a duplicated answer once', () => {
    const answer = report('s1', 'RP_SYMPTOMS', 3, { answered: true, rp_event_id: 'run-3' });
    const copy = report('s1-copy', 'RP_SYMPTOMS', 3, { answered: true, rp_event_id: 'run-3' });
    const c = contactOf([enrol, answer, copy]);
    expect([applies(c, answer), applies(c, copy)]).to.deep.equal([true, false]);
  });
});

describe('scheduledTask', () => {
  const task = scheduledTask({
    name: 'end-check', startedBy: enrolment, actionForm: endCheck, audience: CHW,
    window: { start: 0, end: 3 }, dueAt: (r) => (r.fields.days ? r.reported_date + Number(r.fields.days) * DAY : undefined),
  });

  it('is due at the computed date of the latest scheduling report only', () => {
    const old = report('e1', 'quarantine_enrollment', 0, { days: 14 });
    const latest = report('e2', 'quarantine_enrollment', 5, { days: 10 });
    const c = contactOf([old, latest]);
    asChw(() => {
      expect(task.appliesIf?.(c, old)).to.equal(false);
      expect(task.appliesIf?.(c, latest)).to.equal(true);
      expect(task.appliesIf?.(contactOf([report('e3', 'quarantine_enrollment', 0)]), report('e3', 'quarantine_enrollment', 0))).to.equal(false);
    });
    const event = task.events[0];
    expect('dueDate' in event && event.dueDate?.(event, c, latest).getTime()).to.equal(T0 + 15 * DAY);
  });
});

describe('target builders', () => {
  it('write the context CHT 4.11 evaluates from the audience roles', () => {
    expect(recordCountTarget({ id: 'a', record: SYMPTOMS, audience: CHW }).context).to.equal("user.role === 'chw'");
    expect(recordCountTarget({ id: 'b', record: SYMPTOMS, audience: { roles: ['chw', 'chw_supervisor'] } }).context)
      .to.equal("user.role === 'chw' || user.role === 'chw_supervisor'");
  });

  it('counts a follow-up as on time only within the window after the record', () => {
    const target = followUpTarget({
      id: 'followed-24h', record: SYMPTOMS, when: (r) => SYMPTOMS.get(r, 'symptomatic') === true,
      actionForm: followUp, withinHours: 24, period: 'this-month', audience: CHW,
    });
    const yes = report('r', 'RP_SYMPTOMS', 0, { symptomatic: true });
    expect(target.type).to.equal('percent');
    expect(target).to.include({ translation_key: 'target.followed-24h.title', subtitle_translation_key: 'target.period.this-month' });
    expect(target.passesIf(contactOf([yes, report('f', 'symptomatic_follow_up', 0.5)]), yes)).to.equal(true);
    expect(target.passesIf(contactOf([yes, report('f', 'symptomatic_follow_up', 1.5)]), yes)).to.equal(false);
    asChw(() => expect(target.appliesIf?.(contactOf([yes]), report('n', 'RP_SYMPTOMS', 0, { symptomatic: false }))).to.equal(false));
  });

  it('builds percentages over records with CHT defaults, counting each answer once and only for its audience', () => {
    const target = recordPercentTarget({ id: 'answered', record: SYMPTOMS, audience: CHW, passes: (r) => SYMPTOMS.get(r, 'answered') === true });
    expect(target).to.include({ type: 'percent', goal: 100, appliesTo: 'reports', idType: 'report', date: 'reported' });
    const first = report('r1', 'RP_SYMPTOMS', 0, { answered: true, rp_event_id: 'run-1' });
    const copy = report('r2', 'RP_SYMPTOMS', 0, { answered: true, rp_event_id: 'run-1' });
    const c = contactOf([copy, first]);
    asChw(() => expect([first, copy].map((r) => target.appliesIf?.(c, r))).to.deep.equal([true, false]));
    // the audience (checked once per rules-engine start): a supervisor's phone does not keep it
    asUser('chw_supervisor', 'supervisor-1', [], () => expect(visibleLists({ tasks: [], targets: [target] }).targets).to.deep.equal([]));
    asChw(() => expect(visibleLists({ tasks: [], targets: [target] }).targets).to.have.length(1));
  });
});
