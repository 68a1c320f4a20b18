import { expect } from 'chai';
import { ContactWithReports, ReportDoc } from '../../../../src/phone/kit/docs';
import { followUpTarget, recordPercentTarget } from '../../../../src/phone/kit/target-builders';
import { recordTask, scheduledTask, silenceTask } from '../../../../src/phone/kit/task-builders';
import { TaskEvent } from '../../../../src/phone/kit/tasks';
import { appForm } from '../../../../src/phone/kit/app-form';
import { recordForm } from '../../../../src/phone/kit/record';

const SYMPTOMS = recordForm('RP_SYMPTOMS', { symptomatic: { type: 'boolean' }, answered: { type: 'boolean' } });
const WELLBEING = recordForm('RP_WELLBEING', {});
const followUp = appForm('symptomatic_follow_up', ['inputs.source_id', 'inputs.source_record'] as const);
const wellbeingFollowUp = appForm('wellbeing_follow_up', ['inputs.source_id'] as const);
const enrolment = appForm('quarantine_enrollment', ['days'] as const);
const visit = appForm('quarantine_check_visit', ['inputs.source_id'] as const);
const endCheck = appForm('quarantine_end_check', ['inputs.source_id'] as const);

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 10, 1);
const report = (id: string, form: string, day: number, fields: Record<string, unknown> = {}): ReportDoc =>
  ({ _id: id, form, reported_date: T0 + day * DAY, fields });
const contactOf = (reports: ReportDoc[], id = 'contact-1'): ContactWithReports => ({ contact: { _id: id, type: 'person' }, reports });

type Globals = { cht?: unknown; user?: unknown };
function withViewer(permissions: string[], userId: string, fn: () => void): void {
  const globals = globalThis as Globals;
  globals.cht = { v1: { hasPermissions: (p: string) => permissions.includes(p), hasAnyPermission: () => false } };
  globals.user = { _id: userId, type: 'person' };
  try {
    fn();
  } finally {
    delete globals.cht;
    delete globals.user;
  }
}

describe('recordTask', () => {
  const task = recordTask({
    name: 'symptomatic-follow-up',
    record: SYMPTOMS,
    when: (r) => SYMPTOMS.get(r, 'symptomatic') === true,
    actionForm: followUp,
    window: { start: 0, end: 2 },
    passToForm: (r) => ({ source_record: r._id }),
    priority: 'high',
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
    expect(task.appliesIf?.(c, yes)).to.equal(true);
    expect(task.appliesIf?.(c, no)).to.equal(false);
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

  it('shows supervisor-only tasks to supervisors, never to the person they are about', () => {
    const supervisorOnly = recordTask({
      name: 'support', record: WELLBEING, when: () => true, actionForm: wellbeingFollowUp,
      window: { start: 0, end: 7 }, audience: { permission: 'can_supervise_wellbeing', notAboutSelf: true },
    });
    const r = report('w1', 'RP_WELLBEING', 0);
    const c = contactOf([r], 'chw-1');
    withViewer(['can_supervise_wellbeing'], 'supervisor-1', () => expect(supervisorOnly.appliesIf?.(c, r)).to.equal(true));
    withViewer(['can_supervise_wellbeing'], 'chw-1', () => expect(supervisorOnly.appliesIf?.(c, r)).to.equal(false));
    withViewer([], 'chw-2', () => expect(supervisorOnly.appliesIf?.(c, r)).to.equal(false));
  });
});

describe('silenceTask', () => {
  const task = silenceTask({
    name: 'unreachable', startedBy: enrolment, answers: SYMPTOMS,
    answered: (r) => SYMPTOMS.get(r, 'answered') === true, afterDays: 2, actionForm: visit,
    window: { start: 0, end: 3 }, activeAt: (_c, due) => due <= T0 + 14 * DAY,
  });
  const enrol = report('e', 'quarantine_enrollment', 0);
  const due = (c: ContactWithReports, r: ReportDoc) => {
    const event = task.events[0];
    return 'dueDate' in event && event.dueDate ? event.dueDate(event, c, r).getTime() : NaN;
  };

  it('is due N days after the start when nothing was ever answered', () => {
    const c = contactOf([enrol, report('s1', 'RP_SYMPTOMS', 1, { answered: false })]);
    expect(task.appliesIf?.(c, enrol)).to.equal(true);
    expect(due(c, enrol)).to.equal(T0 + 2 * DAY);
  });

  it('moves to the last real answer, and disappears when a new answer arrives', () => {
    const answer = report('s1', 'RP_SYMPTOMS', 3, { answered: true });
    const c = contactOf([enrol, answer, report('s2', 'RP_SYMPTOMS', 4, { answered: false })]);
    expect(task.appliesIf?.(c, enrol)).to.equal(false);
    expect(task.appliesIf?.(c, answer)).to.equal(true);
    expect(due(c, answer)).to.equal(T0 + 5 * DAY);
    const reached = contactOf([...c.reports, report('s3', 'RP_SYMPTOMS', 5, { answered: true })]);
    expect(task.appliesIf?.(reached, answer)).to.equal(false);
  });

  it('does not fire once the monitoring has ended', () => {
    const answer = report('s1', 'RP_SYMPTOMS', 13, { answered: true });
    expect(task.appliesIf?.(contactOf([enrol, answer]), answer)).to.equal(false);
  });

  it('resolves when the visit form is submitted after the silence began', () => {
    const c = contactOf([enrol, report('v', 'quarantine_check_visit', 3)]);
    expect(task.resolvedIf?.(c, enrol, task.events[0], new Date())).to.equal(true);
  });
});

describe('scheduledTask', () => {
  const task = scheduledTask({
    name: 'end-check', startedBy: enrolment, actionForm: endCheck,
    window: { start: 0, end: 3 }, dueAt: (r) => (r.fields.days ? r.reported_date + Number(r.fields.days) * DAY : undefined),
  });

  it('is due at the computed date of the latest scheduling report only', () => {
    const old = report('e1', 'quarantine_enrollment', 0, { days: 14 });
    const latest = report('e2', 'quarantine_enrollment', 5, { days: 10 });
    const c = contactOf([old, latest]);
    expect(task.appliesIf?.(c, old)).to.equal(false);
    expect(task.appliesIf?.(c, latest)).to.equal(true);
    const event = task.events[0];
    expect('dueDate' in event && event.dueDate?.(event, c, latest).getTime()).to.equal(T0 + 15 * DAY);
    expect(task.appliesIf?.(contactOf([report('e3', 'quarantine_enrollment', 0)]), report('e3', 'quarantine_enrollment', 0))).to.equal(false);
  });
});

describe('target builders', () => {
  it('counts a follow-up as on time only within the window after the record', () => {
    const target = followUpTarget({
      id: 'followed-24h', record: SYMPTOMS, when: (r) => SYMPTOMS.get(r, 'symptomatic') === true,
      actionForm: followUp, withinHours: 24, period: 'this-month',
    });
    const yes = report('r', 'RP_SYMPTOMS', 0, { symptomatic: true });
    expect(target.type).to.equal('percent');
    expect(target).to.include({ translation_key: 'target.followed-24h.title', subtitle_translation_key: 'target.period.this-month' });
    expect(target.passesIf(contactOf([yes, report('f', 'symptomatic_follow_up', 0.5)]), yes)).to.equal(true);
    expect(target.passesIf(contactOf([yes, report('f', 'symptomatic_follow_up', 1.5)]), yes)).to.equal(false);
    expect(target.appliesIf?.(contactOf([yes]), report('n', 'RP_SYMPTOMS', 0, { symptomatic: false }))).to.equal(false);
  });

  it('builds percentages over records with CHT defaults', () => {
    const target = recordPercentTarget({ id: 'answered', record: SYMPTOMS, passes: (r) => SYMPTOMS.get(r, 'answered') === true });
    expect(target).to.include({ type: 'percent', goal: 100, appliesTo: 'reports', idType: 'report', date: 'reported' });
  });
});
