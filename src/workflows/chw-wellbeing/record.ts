/**
 * `RP_WELLBEING`: the one record a weekly check sends back to CHT, and the webhook that sends it.
 * Scores and yes/no flags only, never free text: mental-health answers are sensitive, and a
 * number cannot leak what a CHW wrote in a reply.
 */
import { responseForm } from '../../integration/response-form';
import { resultAnswered, resultFlag, resultNumber, resultText } from '../../integration/sources';
import { CATEGORY, RECORD_CODE, RESULT } from './results';

const YES = [CATEGORY.yes];
const NO = [CATEGORY.no];
const flag = (result: string) => resultFlag(result, YES, NO);

export const wellbeingRecord = responseForm({
  code: RECORD_CODE,
  fields: {
    /** False for a missed week: the first question timed out. */
    answered: { type: 'boolean', required: true },
    fever: { type: 'boolean' },
    cough: { type: 'boolean' },
    difficulty_breathing: { type: 'boolean' },
    loss_taste_smell: { type: 'boolean' },
    /** PHQ-4 items, 0–3; null when the question was not answered. */
    phq_anxious: { type: 'integer' },
    phq_worry: { type: 'integer' },
    phq_interest: { type: 'integer' },
    phq_down: { type: 'integer' },
    wants_counsellor: { type: 'boolean' },
  },
});

/** The weekly check's single post: answered, partly answered or missed, it always sends one record. */
export const weeklyCheckPost = wellbeingRecord.post({
  presentWhen: RESULT.closed,
  subject: resultText(RESULT.chtContactId),
  values: {
    // the first question decides whether the week counts as answered
    answered: resultAnswered(RESULT.fever, [CATEGORY.noResponse]),
    fever: flag(RESULT.fever),
    cough: flag(RESULT.cough),
    difficulty_breathing: flag(RESULT.breathing),
    loss_taste_smell: flag(RESULT.tasteSmell),
    phq_anxious: resultNumber(RESULT.anxious),
    phq_worry: resultNumber(RESULT.worry),
    phq_interest: resultNumber(RESULT.interest),
    phq_down: resultNumber(RESULT.down),
    wants_counsellor: flag(RESULT.counsellor),
  },
});
