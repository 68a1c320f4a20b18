/**
 * The two app forms of the remote-training workflow and the field paths the TypeScript side reads
 * (`cht-rapidpro check` proves each path exists in the XLSForm).
 */
import { appForm } from '../../cht/app-form';
import { ReportDoc } from '../../cht/docs';

/** A supervisor enrols a CHW: module, SMS language (the preferred one or another), confirmed E.164 phone, consent. */
export const enrollmentForm = appForm('training_enrollment', [
  'patient_id',
  'patient_name',
  'training.module',
  /** Yes keeps the CHW's `preferred_language`; no asks for `training.language_choice`. */
  'training.use_preferred_language',
  'training.language_choice',
  /** en, fr or sw: the preferred language or the one chosen. */
  'training.language',
  /** `training.language` as RapidPro's ISO 639-3 code (eng, fra, swa): what the flow sets as the contact's language. */
  'training.flow_language',
  /** Yes confirms the profile phone; no asks for `training.new_phone`. */
  'training.phone_confirmed',
  'training.new_phone',
  /** The E.164 number the training goes to: the confirmed profile phone or the new one. */
  'training.phone',
  'training.consent',
] as const);

/**
 * The supervisor's coaching. The task passes what to talk about as `inputs.*` (see `FollowUpInputs`);
 * the form copies reason, topic and question to the top level so the report reads on its own.
 */
export const followUpForm = appForm('training_follow_up', [
  'inputs.source_id',
  'inputs.reason',
  'inputs.topic',
  'inputs.question_id',
  'inputs.answer_option',
  'inputs.answer',
  'inputs.answered',
  'inputs.total',
  'inputs.days_since_enrollment',
  'reason',
  'topic',
  'question_id',
  'answer',
  'follow_up.contact_method',
  'follow_up.understanding',
  'follow_up.barrier',
  'follow_up.outcome',
] as const);

/** Why the supervisor follows up: passed as `inputs.reason`. */
export type FollowUpReason = 'wrong_answer' | 'not_completed';

/** What the wrong-answer task passes into `training_follow_up` (each key becomes `inputs.<key>`). */
export type WrongAnswerInputs = {
  reason: 'wrong_answer';
  topic: string;
  question_id: string;
  /** The CHW's answer as posted (A, B, C or Unclear). */
  answer: string;
  /** `<question id>_<a|b|c>` or `unclear`: a choice of the form, shown with its label in the supervisor's language. */
  answer_option: string;
};

/** What the not-completed task passes into `training_follow_up`. */
export type NotCompletedInputs = {
  reason: 'not_completed';
  answered: number;
  total: number;
  days_since_enrollment: number;
};

export function hasConsent(enrollment: ReportDoc | undefined): boolean {
  return enrollmentForm.text(enrollment, 'training.consent') === 'yes';
}

/** A follow-up counts only when the supervisor actually reached the CHW; "not reached" leaves the task open. */
export function reachedChw(followUp: ReportDoc): boolean {
  const method = followUpForm.text(followUp, 'follow_up.contact_method');
  return method === 'in_person' || method === 'phone';
}

export function followUpReason(followUp: ReportDoc): string {
  return followUpForm.text(followUp, 'reason');
}
