/**
 * Supervisor dashboards: CHWs enrolled, % who completed, % of answers right, % of wrong answers
 * followed up. Shown to supervisors only (`context`: `user.role === 'chw_supervisor'`), so a CHW's
 * target page is not filled with empty supervisor tiles; each answer counts once.
 */
import { contactCountTarget, contactPercentTarget, recordPercentTarget } from '../../kit/target-builders';
import { ICON, isAnswer, isCorrect, isWrongAnswer, trainingRecord } from './model';
import { answeredWhileEnrolled, hasCompleted, isEnrolled } from './state';
import { SUPERVISOR_ONLY, wrongAnswerFollowUp } from './tasks';

export const enrolledTarget = contactCountTarget({
  id: 'remote-training-enrolled',
  icon: ICON,
  contactTypes: ['person'],
  audience: SUPERVISOR_ONLY,
  when: isEnrolled,
});

export const completedTarget = contactPercentTarget({
  id: 'remote-training-completed',
  icon: ICON,
  goal: 80,
  contactTypes: ['person'],
  audience: SUPERVISOR_ONLY,
  of: isEnrolled,
  passes: hasCompleted,
});

export const correctTarget = recordPercentTarget({
  id: 'remote-training-answers-correct',
  icon: ICON,
  goal: 80,
  record: trainingRecord,
  audience: SUPERVISOR_ONLY,
  of: (record, c) => isAnswer(record) && answeredWhileEnrolled(c, record),
  passes: (record) => isCorrect(record),
});

export const followedUpTarget = recordPercentTarget({
  id: 'remote-training-follow-ups-done',
  icon: ICON,
  goal: 100,
  record: trainingRecord,
  audience: SUPERVISOR_ONLY,
  of: (record, c) => isWrongAnswer(record) && answeredWhileEnrolled(c, record),
  passes: (record, c) => !!wrongAnswerFollowUp(c, record),
});

export const targets = [enrolledTarget, completedTarget, correctTarget, followedUpTarget] as const;
