/**
 * The training card on a CHW's profile: module, status, questions answered and the score. Shown
 * to whoever opens the profile (the CHW may see their own progress); wrong answers are not listed.
 * `context` lets forms read the progress as `instance('contact-summary')/context/training_*`.
 */
import { SummaryField, workflowSummary } from '../../kit/contact-summary';
import { prefixed } from '../../kit/keys';
import { ID, MODULES, ModuleId } from './model';
import { trainingProgress } from './state';

const STATUSES = ['declined', 'in-progress', 'completed'] as const;
export type TrainingStatus = (typeof STATUSES)[number];

export const summary = workflowSummary(ID, [
  'title', 'module', 'status', 'answered', 'score',
  ...prefixed('status.', STATUSES),
  ...prefixed('module.', Object.keys(MODULES) as ModuleId[]),
], (contact, reports, label) => {
  const progress = trainingProgress({ contact, reports });
  if (!progress) return {};
  const status: TrainingStatus = !progress.consented ? 'declined' : progress.completion ? 'completed' : 'in-progress';
  const fields: SummaryField[] = [
    { label: label('module'), value: label(`module.${progress.module}`), translate: true, width: 6 },
    { label: label('status'), value: label(`status.${status}`), translate: true, width: 6 },
  ];
  if (progress.consented) {
    fields.push({ label: label('answered'), value: `${progress.answered} / ${progress.total}`, width: 6 });
  }
  if (progress.score !== undefined) {
    fields.push({ label: label('score'), value: `${progress.score} / ${progress.total}`, width: 6 });
  }
  return {
    cards: [{ label: label('title'), fields }],
    context: {
      training_module: progress.module,
      training_status: status,
      training_answered: progress.answered,
      training_total: progress.total,
      training_score: progress.score ?? null,
      training_completed: !!progress.completion,
    },
  };
});
