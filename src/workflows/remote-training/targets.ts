/**
 * Supervisor dashboards: CHWs enrolled, % who completed, % of answers right, % of wrong answers
 * followed up. Supervisor-only, so a CHW's own target page is not filled with their own quiz.
 */
import { contactCountTarget, contactPercentTarget, recordPercentTarget } from '../../cht/target-builders';
import { TargetDefinition } from '../../cht/targets';
import { hasCompleted, isEnrolled } from './progress';
import { isAnswer, isCorrect, isWrongAnswer, trainingRecord } from './record';
import { SUPERVISOR_ONLY, wrongAnswerFollowUp } from './tasks';

export const TARGET = {
  enrolled: 'remote-training-enrolled',
  completed: 'remote-training-completed',
  correct: 'remote-training-answers-correct',
  followedUp: 'remote-training-follow-ups-done',
} as const;

export const trainingTargets: TargetDefinition[] = [
  contactCountTarget({
    id: TARGET.enrolled,
    icon: 'icon-healthcare',
    translation_key: 'target.remote-training.enrolled',
    contactTypes: ['person'],
    audience: SUPERVISOR_ONLY,
    when: isEnrolled,
  }),
  contactPercentTarget({
    id: TARGET.completed,
    icon: 'icon-healthcare',
    translation_key: 'target.remote-training.completed',
    goal: 80,
    contactTypes: ['person'],
    audience: SUPERVISOR_ONLY,
    of: isEnrolled,
    passes: hasCompleted,
  }),
  recordPercentTarget({
    id: TARGET.correct,
    icon: 'icon-healthcare',
    translation_key: 'target.remote-training.answers-correct',
    goal: 80,
    record: trainingRecord.code,
    audience: SUPERVISOR_ONLY,
    of: (record) => isAnswer(record),
    passes: (record) => isCorrect(record),
  }),
  recordPercentTarget({
    id: TARGET.followedUp,
    icon: 'icon-healthcare',
    translation_key: 'target.remote-training.follow-ups-done',
    goal: 100,
    record: trainingRecord.code,
    audience: SUPERVISOR_ONLY,
    of: (record) => isWrongAnswer(record),
    passes: (record, c) => !!wrongAnswerFollowUp(c, record),
  }),
];
