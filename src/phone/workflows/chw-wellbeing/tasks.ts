/**
 * The supervisor's tasks. Every one is for users whose contact has role `chw_supervisor` and who
 * have `can_supervise_wellbeing` (base_settings grants it to chw_supervisor only), and never about
 * the logged-in user: the rules run on each phone, and a CHW's own contact is on their phone, so
 * the restriction lives in the rule itself.
 *
 * Each task is resolved by a `wellbeing_follow_up` for *its* reason submitted after the record, so
 * following up a CHW's symptoms does not silently close their psychosocial-support task.
 *
 * Over the life of an enrolment:
 * - only weekly records answered during the CHW's current enrolment raise tasks: records from
 *   before the enrolment, or from before a withdrawal the CHW re-enrolled after, raise nothing,
 *   and a withdrawal (an enrolment without consent) ends every open task. A re-enrolment with
 *   consent (new day or language) continues the enrolment and keeps its tasks.
 * - each task is due when the record comes back and stays a week, until the next weekly check; a
 *   record recovered late by `sync` (backdated to the week it answers) shows within that week.
 * - "missed check-ins" counts missed weeks of the current enrolment only, once each, however many
 *   copies of a record reached CHT (`rp_event_id`); answering again makes it moot.
 */
import { Audience } from '../../kit/audience';
import { ContactWithReports, ReportDoc } from '../../kit/docs';
import { TaskPriorityLevel, recordTask } from '../../kit/task-builders';
import { ICON, FollowUpReason, followUpForm, wellbeingRecord } from './model';
import { followUpAfter, inCurrentEnrolment, isAnsweredWeek, isSymptomaticWeek, latestAnsweredCheck, missedStreak, needsSupport } from './state';

export const SUPERVISORS_ONLY: Audience = { roles: ['chw_supervisor'], permission: 'can_supervise_wellbeing', notAboutSelf: true };

/** Weeks missed in a row that make the supervisor call. */
export const MISSED_WEEKS = 2;

function followUpTask<const N extends string, P extends TaskPriorityLevel | undefined = undefined>(reason: FollowUpReason, options: {
  name: N;
  when: (report: ReportDoc, c: ContactWithReports) => boolean;
  priority?: P;
  /** Besides the follow-up, what else makes the task moot. */
  alsoResolvedBy?: (c: ContactWithReports, report: ReportDoc) => boolean;
}) {
  return recordTask({
    name: options.name,
    icon: ICON,
    record: wellbeingRecord,
    when: (report, c) => inCurrentEnrolment(c, report) && options.when(report, c),
    actionForm: followUpForm,
    actionLabel: true,
    // a week to act: after that the next weekly check has arrived and raises its own task if needed
    window: { start: 0, end: 7 },
    audience: SUPERVISORS_ONLY,
    priority: options.priority,
    passToForm: () => ({ reason }),
    resolvedBy: (c, report) => !!followUpAfter(c, reason, report.reported_date) || !!options.alsoResolvedBy?.(c, report),
  });
}

export const symptomaticTask = followUpTask('symptomatic', {
  name: 'chw-wellbeing-symptomatic',
  when: isSymptomaticWeek,
});

export const psychosocialTask = followUpTask('psychosocial', {
  name: 'chw-wellbeing-psychosocial',
  when: needsSupport,
  priority: 'high',
});

/**
 * Missed weeks come back as records too (the flow posts `answered: false` when the first question
 * times out), so "two missed check-ins" is read from the records themselves: the task belongs to
 * the record that makes the streak reach two, and the CHW answering again makes it moot.
 */
export const missedTask = followUpTask('missed', {
  name: 'chw-wellbeing-missed-check-ins',
  when: (report, c) => !isAnsweredWeek(report) && missedStreak(c, report) === MISSED_WEEKS,
  alsoResolvedBy: (c, report) => (latestAnsweredCheck(c)?.reported_date ?? -Infinity) > report.reported_date,
});

export const tasks = [psychosocialTask, symptomaticTask, missedTask] as const;
