/**
 * A CHW's progress in the training, read once per contact through the shared report index: the
 * latest enrolment, and the RP_TRAINING records that came after it. Tasks, targets and the
 * contact summary all read this one object.
 */
import { ContactWithReports, ReportDoc } from '../../kit/docs';
import { perContact } from '../../kit/report-index';
import { DEFAULT_MODULE, MODULES, ModuleId, enrollmentForm, hasConsent, isAnswer, isCompletion, isCorrect, trainingRecord } from './model';

export interface TrainingProgress {
  enrollment: ReportDoc;
  module: ModuleId;
  /** The CHW agreed to the SMS: the push started the flow. */
  consented: boolean;
  /** Distinct questions answered since the enrolment. */
  answered: number;
  total: number;
  /** Distinct questions whose latest answer was right. */
  correct: number;
  completion?: ReportDoc;
  /** The score the flow computed, once completed. */
  score?: number;
}

const isModule = (value: string): value is ModuleId => Object.prototype.hasOwnProperty.call(MODULES, value);

export const trainingProgress = perContact((_c, index): TrainingProgress | undefined => {
  const enrollment = index.latest(enrollmentForm.id);
  if (!enrollment) return undefined;
  const since = enrollment.reported_date;
  const latestAnswer = new Map<string, ReportDoc>();
  let completion: ReportDoc | undefined;
  const records = index.byForm(trainingRecord.code);
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (record.reported_date < since) continue;
    if (isAnswer(record)) latestAnswer.set(trainingRecord.get(record, 'question_id') ?? '', record);
    else if (isCompletion(record) && !completion) completion = record;
  }
  let correct = 0;
  for (const answer of latestAnswer.values()) if (isCorrect(answer)) correct++;
  const chosen = enrollmentForm.text(enrollment, 'training.module');
  const module = isModule(chosen) ? chosen : DEFAULT_MODULE;
  return {
    enrollment,
    module,
    consented: hasConsent(enrollment),
    answered: latestAnswer.size,
    total: MODULES[module].length,
    correct,
    completion,
    score: completion ? trainingRecord.get(completion, 'score') ?? undefined : undefined,
  };
});

export const isEnrolled = (c: ContactWithReports): boolean => !!trainingProgress(c)?.consented;

/** The first enrolment with consent: training records from before it are no answer to our training. */
const firstEnrolment = perContact((_c, index): ReportDoc | undefined => {
  const enrolments = index.byForm(enrollmentForm.id);
  for (let i = 0; i < enrolments.length; i++) if (hasConsent(enrolments[i])) return enrolments[i];
  return undefined;
});

/** Whether a training record came back after the CHW was first enrolled with consent (earlier ones are no answer to our training). */
export function answeredWhileEnrolled(c: ContactWithReports, record: ReportDoc): boolean {
  const first = firstEnrolment(c);
  return !!first && record.reported_date >= first.reported_date;
}
export const hasCompleted = (c: ContactWithReports): boolean => !!trainingProgress(c)?.completion;
