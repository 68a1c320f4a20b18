/**
 * Names shared by the push, the flow and the records: flow params, run results and the answer
 * categories. Declared once here so the CHT side and the RapidPro side cannot disagree.
 */
import { OptionKey } from './anc-module';

export const TRAINING_PUSH = 'rapidpro_training_start';
export const TRAINING_FLOW_NAME = 'CHW Training - Antenatal Care';
/** Never change: the flow's UUIDs are derived from it. */
export const TRAINING_FLOW_KEY = 'remote-training-anc';

/** Flow params the push sends; the flow reads them as `@trigger.params.<key>`. */
export const PARAM = {
  chwId: 'chw_id',
  enrollmentId: 'enrollment_id',
  module: 'module',
  /** ISO 639-3 (eng, fra, swa): set as the contact's language so the flow speaks it. */
  language: 'language',
  supervisorPhone: 'supervisor_phone',
  chwName: 'chw_name',
} as const;

/**
 * Run results the webhooks read. Every record value is a run result (or a constant), so `sync` can
 * rebuild a lost record from `runs.json`. Each question's answer is saved under the question id.
 */
export const RESULT = {
  chwId: 'chw_id',
  enrollmentId: 'enrollment_id',
  score: 'score',
} as const;

/** The category of a recognised answer: the option letter, upper case (A, B, C). */
export function answerCategory(key: OptionKey): string {
  return key.toUpperCase();
}

/** First reply not understood: the question is asked once more. */
export const OTHER = 'Other';
/** Second reply not understood either: recorded as a wrong answer. */
export const UNCLEAR = 'Unclear';
