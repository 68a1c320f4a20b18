/**
 * The CHW's tasks (users whose contact has role `chw`, never about themselves: a CHW can be a
 * traced contact too). The behaviour over the whole life of a quarantine, as the harness
 * scenarios in test/harness/contact-tracing/lifecycle.spec.ts play it day by day:
 *
 * Symptomatic follow-up (`symptomatic_follow_up`, high priority)
 * - Raised by a "yes" check-in, due at the time of the answer, shown at once and kept, overdue,
 *   until the follow-up is done or `SYMPTOMATIC_OPEN_DAYS` after the answer. An answer that
 *   reaches CHT late (recovered by `sync`, backdated to when it was given) shows at once, overdue,
 *   instead of being created already expired.
 * - One task per episode: a second "yes" before the follow-up joins the open task (the form gets
 *   every symptom reported since, and the latest day); a "yes" after the follow-up is a new task.
 * - Counts answers to a check-in of this contact's quarantine, for one of its days, given before
 *   an end check closed it: a "yes" to the last day's check-in that arrives after midnight still
 *   counts; a "yes" given after a withdrawal (or any end check) raises nothing.
 * - A re-enrolment keeps an open follow-up: symptoms reported earlier still need it.
 * - Done when `symptomatic_follow_up` is submitted after the first "yes" of the episode
 *   (also when the CHW, alerted by SMS, did it before the record reached CHT).
 *
 * Unreachable contact (`quarantine_check_visit`)
 * - For a contact on daily SMS: due 2 days after the last thing heard — the start of the
 *   monitoring (the enrolment, or the first day when the quarantine starts later), a real answer
 *   (an "unanswered day" record is not one), or the CHW's last check visit.
 * - A later answer cancels it (the contact was heard, also when the answer arrives late and
 *   backdated); a check visit completes it, and a silence that goes on raises a new one 2 days
 *   after the visit. Nothing after the last day, after an end check, or without SMS consent.
 *
 * End of quarantine (`quarantine_end_check`)
 * - Due on the last day (or the enrolment day, if later), shown for `END_CHECK_DAYS`; follows a
 *   re-enrolment to its new last day; not raised when an earlier end check closed the quarantine.
 * - Not done by then: it escalates to "end check overdue" (high priority) for
 *   `END_CHECK_OVERDUE_DAYS` more, and the profile says so, until an end check is submitted.
 *
 * Every task counts a RapidPro answer once, however many copies of it reach CHT (`rp_event_id`).
 */
import { Audience } from '../../kit/audience';
import { ContactWithReports, ReportDoc } from '../../kit/docs';
import { TaskPriorityLevel, recordTask, scheduledTask, silenceTask } from '../../kit/task-builders';
import { isoDate } from '../../kit/time';
import { ICON, checkVisitForm, endCheckForm, enrollmentForm, symptomaticFollowUpForm, symptomsRecord } from './model';
import {
  END_CHECK_DAYS, END_CHECK_OVERDUE_DAYS, Quarantine, SYMPTOMATIC_OPEN_DAYS, SymptomEpisode, closedAt, endCheckDue, endCheckOverdueAt,
  episodeStartedBy, monitoredAt, periodOf, quarantineOf, silenceClockStart,
} from './state';

/** The CHW following the contact; never a task about themselves. */
export const CHW: Audience = { roles: ['chw'], notAboutSelf: true };

/** What the follow-up form is told: every symptom reported in the episode, and its latest day. */
function episodeInputs(episode: SymptomEpisode | undefined, report: ReportDoc) {
  const records = episode?.records ?? [report];
  const any = (symptom: 'fever' | 'cough' | 'breathing'): boolean => records.some((record) => symptomsRecord.get(record, symptom) === true);
  const latest = records[records.length - 1];
  return {
    fever: any('fever'),
    cough: any('cough'),
    breathing: any('breathing'),
    quarantine_day: symptomsRecord.get(latest, 'quarantine_day') ?? '',
  };
}

export const symptomaticTask = recordTask({
  name: 'contact-tracing-symptomatic',
  icon: ICON,
  record: symptomsRecord,
  when: (report, c) => !!episodeStartedBy(c, report),
  actionForm: symptomaticFollowUpForm,
  window: { start: 0, end: SYMPTOMATIC_OPEN_DAYS },
  priority: 'high',
  audience: CHW,
  passToForm: (report, c) => episodeInputs(episodeStartedBy(c, report), report),
});

export const unreachableTask = silenceTask({
  name: 'contact-tracing-unreachable',
  icon: ICON,
  startedBy: enrollmentForm,
  clockStartsAt: (enrollment) => silenceClockStart(enrollment),
  answers: symptomsRecord,
  answered: (report) => symptomsRecord.get(report, 'answered') === true,
  afterDays: 2,
  actionForm: checkVisitForm,
  window: { start: 0, end: 2 },
  audience: CHW,
  // only contacts on SMS can be silent, and only while the quarantine runs
  activeAt: (c, due) => monitoredAt(quarantineOf(c), due),
  passToForm: (report) => ({ last_heard: isoDate(report.form === enrollmentForm.id ? silenceClockStart(report) : report.reported_date) }),
});

/** Closed earlier (withdrew, referred, lost, or checked already): nothing left to check. */
const openAt = (c: ContactWithReports, due: number): boolean => {
  const q = quarantineOf(c);
  return !!q && !closedAt(q, due);
};

const endCheckInputs = (report: ReportDoc) => {
  const period = periodOf(report);
  return {
    quarantine_start: period ? isoDate(period.start) : '',
    quarantine_end: period ? isoDate(period.lastDay) : '',
    enrollment_id: report._id,
  };
};

/** The end check of the enrolment's quarantine, due at `dueAt` of it and shown for `days` days. */
function endCheckTask<const N extends string, P extends TaskPriorityLevel | undefined = undefined>(
  name: N, dueAt: (period: Pick<Quarantine, 'lastDay' | 'enrollment'>) => number, days: number, priority?: P,
) {
  return scheduledTask({
    name,
    icon: ICON,
    startedBy: enrollmentForm,
    dueAt: (report) => {
      const period = periodOf(report);
      return period && dueAt(period);
    },
    actionForm: endCheckForm,
    window: { start: 0, end: days },
    priority,
    audience: CHW,
    activeAt: openAt,
    passToForm: endCheckInputs,
  });
}

export const endOfQuarantineTask = endCheckTask('contact-tracing-end', endCheckDue, END_CHECK_DAYS);
export const endCheckOverdueTask = endCheckTask('contact-tracing-end-overdue', endCheckOverdueAt, END_CHECK_OVERDUE_DAYS, 'high');

export const tasks = [symptomaticTask, unreachableTask, endOfQuarantineTask, endCheckOverdueTask] as const;
