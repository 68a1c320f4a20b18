/** The translation keys this workflow uses; `translations/messages-{en,fr,sw}.properties` define each. */
import { trainingRecord } from './record';
import { summaryLabel } from './summary';

export const TRAINING_TRANSLATION_KEYS: string[] = [
  'task.remote-training.wrong-answer',
  'task.remote-training.not-completed',
  'target.remote-training.enrolled',
  'target.remote-training.completed',
  'target.remote-training.answers-correct',
  'target.remote-training.follow-ups-done',
  'remote-training.module.anc',
  ...['title', 'module', 'status', 'answered', 'score', 'status.declined', 'status.in-progress', 'status.completed'].map(summaryLabel),
  trainingRecord.titleKey,
  ...Object.keys(trainingRecord.allFields).map((field) => trainingRecord.labelKey(field)),
];
