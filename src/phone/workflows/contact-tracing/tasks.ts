/**
 * The CHW's tasks: follow up a symptomatic contact, check on a contact silent for 2 days, and
 * close the quarantine on its last day.
 */
import { ContactWithReports, ReportDoc } from '../../kit/docs';
import { recordTask, scheduledTask, silenceTask } from '../../kit/task-builders';
import { isoDate } from '../../kit/time';
import { checkVisitForm, endCheckForm, enrollmentForm, symptomaticFollowUpForm, symptomsRecord } from './model';
import { closedAt, inQuarantineAt, monitoredAt, periodOf, quarantineOf } from './state';

/** A CHW can be a traced contact too: never show them tasks about themselves. */
const CHW = { notAboutSelf: true };

/**
 * A check-in counts for the quarantine it was sent for (its `enrollment_id`), and only while that
 * quarantine runs: a late answer after a withdrawal or a re-enrolment raises nothing.
 */
const duringItsQuarantine = (c: ContactWithReports, report: ReportDoc): boolean => {
  const q = quarantineOf(c);
  return !!q && symptomsRecord.get(report, 'enrollment_id') === q.enrollment._id && inQuarantineAt(q, report.reported_date);
};

export const symptomaticTask = recordTask({
  name: 'contact-tracing-symptomatic',
  icon: 'icon-healthcare',
  record: symptomsRecord,
  when: (report, c) => symptomsRecord.get(report, 'symptomatic') === true && duringItsQuarantine(c, report),
  actionForm: symptomaticFollowUpForm,
  window: { start: 0, end: 2 },
  priority: 'high',
  audience: CHW,
  passToForm: (report) => ({
    fever: symptomsRecord.get(report, 'fever') === true,
    cough: symptomsRecord.get(report, 'cough') === true,
    breathing: symptomsRecord.get(report, 'breathing') === true,
    quarantine_day: symptomsRecord.get(report, 'quarantine_day') ?? '',
  }),
});

export const unreachableTask = silenceTask({
  name: 'contact-tracing-unreachable',
  icon: 'icon-healthcare',
  startedBy: enrollmentForm,
  answers: symptomsRecord,
  answered: (report) => symptomsRecord.get(report, 'answered') === true,
  afterDays: 2,
  actionForm: checkVisitForm,
  window: { start: 0, end: 2 },
  audience: CHW,
  // only contacts on SMS can be silent
  activeAt: (c, due) => monitoredAt(quarantineOf(c), due),
  passToForm: (report) => ({ last_heard: isoDate(report.reported_date) }),
});

export const endOfQuarantineTask = scheduledTask({
  name: 'contact-tracing-end',
  icon: 'icon-healthcare',
  startedBy: enrollmentForm,
  dueAt: (report) => periodOf(report)?.lastDay,
  actionForm: endCheckForm,
  window: { start: 0, end: 3 },
  audience: CHW,
  // closed earlier (withdrew, referred, lost): nothing left to check
  activeAt: (c, due) => {
    const q = quarantineOf(c);
    return !!q && !closedAt(q, due);
  },
  passToForm: (report) => {
    const period = periodOf(report);
    return {
      quarantine_start: period ? isoDate(period.start) : '',
      quarantine_end: period ? isoDate(period.lastDay) : '',
      enrollment_id: report._id,
    };
  },
});

export const tasks = [symptomaticTask, unreachableTask, endOfQuarantineTask] as const;
