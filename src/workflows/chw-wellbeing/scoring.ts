/**
 * PHQ-4 scoring of an `RP_WELLBEING` record (Kroenke et al., 2009): four items scored 0–3,
 * GAD-2 = nervous/anxious + worrying, PHQ-2 = little interest + feeling down. A subscale of 3 or
 * more is a positive screen.
 *
 * The rule for imperfect data, chosen so that a bad value can never raise or hide a task by accident:
 * - an item is valid only if it is an integer 0, 1, 2 or 3 (a JSON number, as the webhook sends it);
 *   a missing item (null, timed-out question), a string, a decimal or an out-of-range value such as
 *   4 or -1 is invalid;
 * - a subscale is scored only when both of its items are valid; otherwise it is "not scored"
 *   (`undefined`), and a subscale that is not scored is never a positive screen, even when the one
 *   valid item is 3 on its own;
 * - the CHW's explicit request for a counsellor stands on its own and always asks for support.
 * CHT's records API does not enforce ranges (it only type-checks integers), so this is the only gate.
 */
import { ReportDoc } from '../../cht/docs';
import { RESULT } from './results';

export const POSITIVE_SCREEN = 3;

export type PhqItem = 0 | 1 | 2 | 3;

/** The item if it is a valid PHQ-4 answer, otherwise undefined. */
export function validItem(value: unknown): PhqItem | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 3 ? (value as PhqItem) : undefined;
}

/** The sum of two items, or undefined unless both are valid. */
export function subscale(first: unknown, second: unknown): number | undefined {
  const a = validItem(first);
  const b = validItem(second);
  return a === undefined || b === undefined ? undefined : a + b;
}

export interface WellbeingScreen {
  /** Whether the CHW replied at all that week (false: a missed week). */
  answered: boolean;
  /** Any of fever, cough, difficulty breathing, loss of taste or smell answered yes. */
  symptomatic: boolean;
  gad2: number | undefined;
  phq2: number | undefined;
  anxietyPositive: boolean;
  depressionPositive: boolean;
  wantsCounsellor: boolean;
  /** Psychosocial support is due: a positive GAD-2 or PHQ-2, or a counsellor requested. */
  needsSupport: boolean;
}

const SYMPTOMS = [RESULT.fever, RESULT.cough, RESULT.breathing, RESULT.tasteSmell] as const;

/** Scores one weekly record. Booleans count only when they are really `true`. */
export function screen(record: ReportDoc): WellbeingScreen {
  const fields = record.fields;
  const gad2 = subscale(fields[RESULT.anxious], fields[RESULT.worry]);
  const phq2 = subscale(fields[RESULT.interest], fields[RESULT.down]);
  const anxietyPositive = gad2 !== undefined && gad2 >= POSITIVE_SCREEN;
  const depressionPositive = phq2 !== undefined && phq2 >= POSITIVE_SCREEN;
  const wantsCounsellor = fields[RESULT.counsellor] === true;
  return {
    answered: fields.answered === true,
    symptomatic: SYMPTOMS.some((symptom) => fields[symptom] === true),
    gad2,
    phq2,
    anxietyPositive,
    depressionPositive,
    wantsCounsellor,
    needsSupport: anxietyPositive || depressionPositive || wantsCounsellor,
  };
}
