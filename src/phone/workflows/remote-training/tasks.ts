/**
 * Supervisor-only tasks (users whose contact has role `chw_supervisor` and who have the permission
 * `can_supervise_training`, never on the phone of the CHW they are about): coach each wrong answer
 * on its topic, and nudge a CHW who has not finished a week after enrolment. Both open
 * `training_follow_up` with what to talk about, and resolve only when the supervisor reached the
 * CHW and submitted the form for that same reason (and question).
 *
 * Over the life of a training:
 * - a wrong answer raises its coaching task when it comes back, due 3 days later, shown until a
 *   week after that; an answer recovered late by `sync` (backdated to when it was given) shows at
 *   once, within the same window. Answers given before the CHW was first enrolled with consent
 *   raise nothing. A re-enrolment keeps earlier coaching tasks: the wrong answers still need it.
 * - the nudge follows the latest enrolment with consent, due 7 days after it, and is not raised
 *   once the completion came back.
 * - each answer counts once, however many copies of it reached CHT (`rp_event_id`).
 */
import { Audience } from '../../kit/audience';
import { ContactWithReports, ReportDoc } from '../../kit/docs';
import { indexOf } from '../../kit/report-index';
import { recordTask, scheduledTask } from '../../kit/task-builders';
import { DAY } from '../../kit/time';
import { ICON, FollowUpReason, enrollmentForm, followUpForm, followUpReason, isWrongAnswer, reachedChw, trainingRecord } from './model';
import { answeredWhileEnrolled, hasCompleted, trainingProgress } from './state';

export const SUPERVISOR_ONLY: Audience = { roles: ['chw_supervisor'], permission: 'can_supervise_training', notAboutSelf: true };
/** Days after enrolment before an unfinished training raises the nudge. */
export const NUDGE_AFTER_DAYS = 7;

/** The first follow-up after `since` for `reason` (and question) in which the supervisor reached the CHW. */
const followUpAfter = (c: ContactWithReports, since: number, reason: FollowUpReason, questionId?: string): ReportDoc | undefined =>
  indexOf(c).firstAfter(followUpForm.id, since, (followUp) =>
    reachedChw(followUp) && followUpReason(followUp) === reason && (questionId === undefined || followUpForm.text(followUp, 'question_id') === questionId));

/** The follow-up that closes a wrong answer: same question, after the answer arrived. */
export const wrongAnswerFollowUp = (c: ContactWithReports, record: ReportDoc): ReportDoc | undefined => followUpAfter(c, record.reported_date, 'wrong_answer', trainingRecord.get(record, 'question_id') ?? '');

/** One task per wrong answer, closed by a follow-up on that question (not by any follow-up). */
export const wrongAnswerTask = recordTask({
  name: 'remote-training-wrong-answer',
  icon: ICON,
  record: trainingRecord,
  when: (record, c) => isWrongAnswer(record) && answeredWhileEnrolled(c, record),
  actionForm: followUpForm,
  // visible at once, due within 3 days, kept a week after that
  dueInDays: 3,
  window: { start: 3, end: 7 },
  audience: SUPERVISOR_ONLY,
  passToForm: (record) => {
    const questionId = trainingRecord.get(record, 'question_id') ?? '';
    const answer = (trainingRecord.get(record, 'answer') ?? '').trim();
    const letter = answer.toLowerCase();
    return {
      reason: 'wrong_answer',
      topic: trainingRecord.get(record, 'topic') ?? '',
      question_id: questionId,
      answer,
      answer_option: ['a', 'b', 'c'].includes(letter) ? `${questionId}_${letter}` : 'unclear',
    };
  },
  resolvedBy: (c, report) => !!wrongAnswerFollowUp(c, report),
});

export const notCompletedTask = scheduledTask({
  name: 'remote-training-not-completed',
  icon: ICON,
  startedBy: enrollmentForm,
  // only the latest enrolment with consent, and only while the completion has not come back
  dueAt: (enrollment, c) => {
    const progress = trainingProgress(c);
    if (!progress || progress.enrollment !== enrollment || !progress.consented || hasCompleted(c)) return undefined;
    return enrollment.reported_date + NUDGE_AFTER_DAYS * DAY;
  },
  actionForm: followUpForm,
  window: { start: 0, end: 7 },
  audience: SUPERVISOR_ONLY,
  passToForm: (_enrollment, c) => {
    const progress = trainingProgress(c);
    return {
      reason: 'not_completed',
      answered: progress?.answered ?? 0,
      total: progress?.total ?? 0,
      days_since_enrollment: NUDGE_AFTER_DAYS,
    };
  },
  resolvedBy: (c, report) => !!followUpAfter(c, report.reported_date, 'not_completed'),
});

export const tasks = [wrongAnswerTask, notCompletedTask] as const;
