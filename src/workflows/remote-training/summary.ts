/**
 * The training card on a CHW's profile: module, status, questions answered and the score. Shown
 * to whoever opens the profile (the CHW may see their own progress); wrong answers are not listed.
 * `context` lets forms read the progress as `instance('contact-summary')/context/training_*`.
 */
import { SummaryField } from '../../cht/contact-summary';
import { ContactDoc, ReportDoc } from '../../cht/docs';
import { SummaryPart } from '../workflow';
import { trainingProgress } from './progress';

export const summaryLabel = (key: string): string => `contact.profile.remote-training.${key}`;
export type TrainingStatus = 'declined' | 'in-progress' | 'completed';

export function trainingSummary(contact: ContactDoc, reports: ReportDoc[]): SummaryPart {
  const progress = trainingProgress({ contact, reports });
  if (!progress) return {};
  const status: TrainingStatus = !progress.consented ? 'declined' : progress.completion ? 'completed' : 'in-progress';
  const fields: SummaryField[] = [
    { label: summaryLabel('module'), value: `remote-training.module.${progress.module}`, translate: true, width: 6 },
    { label: summaryLabel('status'), value: summaryLabel(`status.${status}`), translate: true, width: 6 },
  ];
  if (progress.consented) {
    fields.push({ label: summaryLabel('answered'), value: `${progress.answered} / ${progress.total}`, width: 6 });
  }
  if (progress.score !== undefined) {
    fields.push({ label: summaryLabel('score'), value: `${progress.score} / ${progress.total}`, width: 6 });
  }
  return {
    cards: [{ label: summaryLabel('title'), fields }],
    context: {
      training_module: progress.module,
      training_status: status,
      training_answered: progress.answered,
      training_total: progress.total,
      training_score: progress.score ?? null,
      training_completed: !!progress.completion,
    },
  };
}
