/**
 * The phone-side half of contact tracing: the CHW's tasks and the targets. cht-conf bundles these
 * (through src/workflows/rules.ts) into the rules every phone runs, so this file and what it
 * imports must never reach the RapidPro flow builders.
 */
import { ContactWithReports, ReportDoc } from '../../cht/docs';
import { ruleNow } from '../../cht/runtime';
import { contactCountTarget, followUpTarget, recordCountTarget, recordPercentTarget } from '../../cht/target-builders';
import { recordTask, scheduledTask, silenceTask } from '../../cht/task-builders';
import { checkVisitForm, endCheckForm, enrollmentForm, symptomaticFollowUpForm } from './forms';
import { RECORD_CODE } from './names';
import { closedAt, inQuarantineAt, isoDate, monitoredAt, periodOf, quarantineOf } from './quarantine';
import { checkin } from './record';
import { contactTracingSummary } from './summary';

// ---------------------------------------------------------------- 4. tasks for the CHW

/** A CHW can be a traced contact too: never show them tasks about themselves. */
const CHW = { notAboutSelf: true };

/**
 * A check-in counts for the quarantine it was sent for (its `enrollment_id`), and only while that
 * quarantine runs: a late answer after a withdrawal or a re-enrolment raises nothing.
 */
const duringItsQuarantine = (c: ContactWithReports, report: ReportDoc): boolean => {
  const q = quarantineOf(c);
  return !!q && checkin.enrollmentId(report) === q.enrollment._id && inQuarantineAt(q, report.reported_date);
};

export const symptomaticTask = recordTask({
  name: 'contact-tracing-symptomatic',
  title: 'contact_tracing.task.symptomatic',
  icon: 'icon-healthcare',
  record: RECORD_CODE,
  when: (report, c) => checkin.symptomatic(report) && duringItsQuarantine(c, report),
  actionForm: symptomaticFollowUpForm.id,
  window: { start: 0, end: 2 },
  priority: { level: 'high', label: 'contact_tracing.task.symptomatic.priority' },
  audience: CHW,
  passToForm: (report) => ({
    fever: checkin.flag(report, 'fever'),
    cough: checkin.flag(report, 'cough'),
    breathing: checkin.flag(report, 'breathing'),
    quarantine_day: checkin.day(report) ?? '',
  }),
});

export const unreachableTask = silenceTask({
  name: 'contact-tracing-unreachable',
  title: 'contact_tracing.task.unreachable',
  icon: 'icon-healthcare',
  startedBy: enrollmentForm.id,
  answers: RECORD_CODE,
  answered: (report) => checkin.answered(report),
  afterDays: 2,
  actionForm: checkVisitForm.id,
  window: { start: 0, end: 2 },
  audience: CHW,
  // only contacts on SMS can be silent
  activeAt: (c, due) => monitoredAt(quarantineOf(c), due),
  passToForm: (report) => ({ last_heard: isoDate(report.reported_date) }),
});

export const endOfQuarantineTask = scheduledTask({
  name: 'contact-tracing-end',
  title: 'contact_tracing.task.end',
  icon: 'icon-healthcare',
  startedBy: enrollmentForm.id,
  dueAt: (report) => periodOf(report)?.lastDay,
  actionForm: endCheckForm.id,
  window: { start: 0, end: 3 },
  audience: CHW,
  // closed earlier (withdrew, referred, lost): nothing left to check
  activeAt: (c, due) => {
    const q = quarantineOf(c);
    return !!q && !closedAt(q, due);
  },
  passToForm: (report): Record<string, string> => {
    const period = periodOf(report);
    return {
      quarantine_start: period ? isoDate(period.start) : '',
      quarantine_end: period ? isoDate(period.lastDay) : '',
      enrollment_id: report._id,
    };
  },
});

// ---------------------------------------------------------------- 5. targets

export const monitoredTarget = contactCountTarget({
  id: 'contact-tracing-monitored',
  translation_key: 'contact_tracing.target.monitored',
  icon: 'icon-healthcare',
  contactTypes: ['person'],
  when: (c) => monitoredAt(quarantineOf(c), ruleNow()),
});

export const answeredTarget = recordPercentTarget({
  id: 'contact-tracing-answered',
  translation_key: 'contact_tracing.target.answered',
  subtitle_translation_key: 'contact_tracing.target.this_month',
  icon: 'icon-healthcare',
  record: RECORD_CODE,
  passes: (report) => checkin.answered(report),
  goal: 80,
});

export const followedUpTarget = followUpTarget({
  id: 'contact-tracing-followed-up-24h',
  translation_key: 'contact_tracing.target.followed_up',
  subtitle_translation_key: 'contact_tracing.target.this_month',
  icon: 'icon-healthcare',
  record: RECORD_CODE,
  when: (report) => checkin.symptomatic(report),
  actionForm: symptomaticFollowUpForm.id,
  withinHours: 24,
});

export const completedTarget = recordCountTarget({
  id: 'contact-tracing-completed',
  translation_key: 'contact_tracing.target.completed',
  subtitle_translation_key: 'contact_tracing.target.this_month',
  icon: 'icon-healthcare',
  record: endCheckForm.id,
  when: (report) => endCheckForm.text(report, 'end.outcome') === 'completed',
});

export const TASKS = [symptomaticTask, unreachableTask, endOfQuarantineTask];
export const TARGETS = [monitoredTarget, answeredTarget, followedUpTarget, completedTarget];

export const contactTracingRules = { tasks: TASKS, targets: TARGETS, summary: contactTracingSummary };
