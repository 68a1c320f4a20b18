/**
 * The supervisor's tasks. Every one is for users with `can_supervise_wellbeing` (base_settings
 * grants it to chw_supervisor only) and never about the logged-in user: the rules run on each
 * phone, and a CHW's own contact is on their phone, so the restriction lives in the rule itself.
 *
 * Each task is resolved by a `wellbeing_follow_up` for *its* reason submitted after the record, so
 * following up a CHW's symptoms does not silently close their psychosocial-support task.
 */
import { Audience } from '../../cht/audience';
import { ContactWithReports, ReportDoc } from '../../cht/docs';
import { recordTask } from '../../cht/task-builders';
import { ReportTask } from '../../cht/tasks';
import { FollowUpReason, followUpForm } from './forms';
import { RECORD_CODE } from './results';
import { screen } from './scoring';
import { followUpAfter, isEnrolled, latestAnsweredCheck, missedStreak } from './status';

export const SUPERVISORS_ONLY: Audience = { permission: 'can_supervise_wellbeing', notAboutSelf: true };

export const TASK = {
  symptomatic: 'chw-wellbeing-symptomatic',
  psychosocial: 'chw-wellbeing-psychosocial',
  missed: 'chw-wellbeing-missed-check-ins',
} as const;

/** Weeks missed in a row that make the supervisor call. */
export const MISSED_WEEKS = 2;

function followUpTask(reason: FollowUpReason, options: {
  name: string;
  when: (report: ReportDoc, c: ContactWithReports) => boolean;
  high?: boolean;
  /** Besides the follow-up, what else makes the task moot. */
  alsoResolvedBy?: (c: ContactWithReports, report: ReportDoc) => boolean;
}): ReportTask {
  const task = recordTask({
    name: options.name,
    title: `task.${options.name}.title`,
    icon: 'icon-people-family',
    record: RECORD_CODE,
    when: options.when,
    actionForm: followUpForm.id,
    actionLabel: `task.${options.name}.action`,
    // a week to act: after that the next weekly check has arrived and raises its own task if needed
    window: { start: 0, end: 7 },
    audience: SUPERVISORS_ONLY,
    priority: options.high ? { level: 'high', label: 'task.chw-wellbeing.priority.high' } : undefined,
    passToForm: () => ({ reason }),
    // a withdrawn CHW gets no more tasks
    activeAt: (c) => isEnrolled(c),
  });
  return {
    ...task,
    resolvedIf: (c, report) => !!report &&
      (!!followUpAfter(c, reason, report.reported_date) || !!options.alsoResolvedBy?.(c, report)),
  };
}

export const symptomaticTask = followUpTask('symptomatic', {
  name: TASK.symptomatic,
  when: (report) => screen(report).symptomatic,
});

export const psychosocialTask = followUpTask('psychosocial', {
  name: TASK.psychosocial,
  when: (report) => screen(report).needsSupport,
  high: true,
});

/**
 * Missed weeks come back as records too (the flow posts `answered: false` when the first question
 * times out), so "two missed check-ins" is read from the records themselves: the task belongs to
 * the record that makes the streak reach two, and the CHW answering again makes it moot.
 */
export const missedTask = followUpTask('missed', {
  name: TASK.missed,
  when: (report, c) => !screen(report).answered && missedStreak(c, report) === MISSED_WEEKS,
  alsoResolvedBy: (c, report) => (latestAnsweredCheck(c)?.reported_date ?? -Infinity) > report.reported_date,
});

export const wellbeingTasks: ReportTask[] = [psychosocialTask, symptomaticTask, missedTask];
