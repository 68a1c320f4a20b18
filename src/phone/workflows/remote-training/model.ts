/**
 * What both halves of remote training read: the app forms (and the paths the code reads), the
 * `RP_TRAINING` record the flow posts for each answer and at the end, and the quiz's question ids
 * (the messages themselves stay in Node: src/workflows/remote-training/messages.ts).
 */
import { FormPaths, appForm } from '../../kit/app-form';
import { ReportDoc } from '../../kit/docs';
import { recordForm } from '../../kit/record';

export const ID = 'remote-training';

/** The icon of the workflow's tasks and targets (resources/icons). */
export const ICON = 'icon-healthcare';

/** The training modules and their questions, in the order the flow asks them. */
export const MODULES = {
  anc: ['anc_q1', 'anc_q2', 'anc_q3', 'anc_q4', 'anc_q5', 'anc_q6', 'anc_q7'],
} as const;
export type ModuleId = keyof typeof MODULES;
export type AncQuestionId = (typeof MODULES.anc)[number];
export const DEFAULT_MODULE: ModuleId = 'anc';

/** What the code reads from `training_enrollment` (Node only: `check` proves each path exists in the XLSForm). */
export const enrollmentPaths = {
  id: 'training_enrollment',
  paths: [
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
  ],
} as const satisfies FormPaths;

/** A supervisor enrols a CHW: module, SMS language (the preferred one or another), confirmed E.164 phone, consent. */
export const enrollmentForm = appForm<typeof enrollmentPaths>('training_enrollment');

/** What the code reads from `training_follow_up` (Node only: `check` proves each path exists in the XLSForm). */
export const followUpPaths = {
  id: 'training_follow_up',
  paths: [
    'inputs.source_id',
    'inputs.reason',
    'inputs.topic',
    'inputs.question_id',
    /** `<question id>_<a|b|c>` or `unclear`: a choice of the form, shown with its label in the supervisor's language. */
    'inputs.answer_option',
    /** The CHW's answer as posted (A, B, C or Unclear). */
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
  ],
} as const satisfies FormPaths;

/**
 * The supervisor's coaching. The task passes what to talk about as `inputs.*`; the form copies
 * reason, topic and question to the top level so the report reads on its own.
 */
export const followUpForm = appForm<typeof followUpPaths>('training_follow_up');

/** Why the supervisor follows up: passed as `inputs.reason`. */
export type FollowUpReason = 'wrong_answer' | 'not_completed';

/** `RP_TRAINING`: one record per quiz answer (`kind` answer) and one at the end (`kind` complete, with the score). */
export const trainingRecord = recordForm('RP_TRAINING', {
  kind: { type: 'string', required: true },
  module: { type: 'string', required: true },
  enrollment_id: { type: 'string' },
  question_id: { type: 'string' },
  topic: { type: 'string' },
  /** The CHW's answer: A, B, C, or Unclear after two replies that matched no option. */
  answer: { type: 'string' },
  correct: { type: 'boolean' },
  score: { type: 'integer' },
  total: { type: 'integer' },
});

export type RecordKind = 'answer' | 'complete';

export const isAnswer = (record: ReportDoc): boolean => trainingRecord.get(record, 'kind') === 'answer';
export const isCompletion = (record: ReportDoc): boolean => trainingRecord.get(record, 'kind') === 'complete';
/** `correct` is a JSON boolean once CHT stored it; anything else (null, missing) is not correct. */
export const isCorrect = (record: ReportDoc): boolean => trainingRecord.get(record, 'correct') === true;
export const isWrongAnswer = (record: ReportDoc): boolean => isAnswer(record) && trainingRecord.get(record, 'correct') === false;

export const hasConsent = (enrollment: ReportDoc | undefined): boolean => enrollmentForm.text(enrollment, 'training.consent') === 'yes';

/** A follow-up counts only when the supervisor actually reached the CHW; "not reached" leaves the task open. */
export function reachedChw(followUp: ReportDoc): boolean {
  const method = followUpForm.text(followUp, 'follow_up.contact_method');
  return method === 'in_person' || method === 'phone';
}

export const followUpReason = (followUp: ReportDoc): string => followUpForm.text(followUp, 'reason');
