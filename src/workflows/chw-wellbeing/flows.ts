/**
 * The RapidPro side: an enrolment flow (started in the background by the outbound push), a weekly
 * campaign, the weekly check flow that asks the questions and posts one `RP_WELLBEING` record, and
 * the catch-all trigger for the CHW's messages that no question waits for.
 *
 * Scheduling: the enrolment form computes the date of the first check (the next occurrence of the
 * CHW's chosen weekday, 1 to 7 days ahead) and the flow saves it in `wellbeing_start`; the campaign
 * starts the weekly flow 52 times, one week apart, at 09:00 from that date, and once more a week
 * later to end the year (leave the group, free the phone). Re-enrolling (a new push) moves the
 * date and so the whole schedule. Every event is in skip mode, with retries at 12:00, 15:00 and
 * 18:00: a CHW answering a training at 09:00 is asked later that day instead of losing the
 * training; a week already asked ends at once (`wellbeing_asked_week`). A CHW busy in other flows
 * at all four times has no check that week, which the "checked in this week" target shows.
 */
import { recordPost } from '../../integration/record-post';
import { resultAnswered, resultFlag, resultNumber, resultText } from '../../integration/sources';
import { HOUR, SECOND } from '../../phone/kit/time';
import { ID, wellbeingRecord } from '../../phone/workflows/chw-wellbeing/model';
import { setContactField, setRunResult } from '../../rapidpro/flow/actions';
import { FlowBuilder } from '../../rapidpro/flow/builder';
import { CampaignBuilder } from '../../rapidpro/flow/campaign';
import { hasNumberBetween, hasOnlyText, hasPattern } from '../../rapidpro/flow/cases';
import { contactField } from '../../rapidpro/flow/fields';
import {
  askYesNo, ENROLMENT_PARAM, enrolmentFlow as enrolment, FLOW_LANGUAGES, inSubjectLanguage, markAnswered, param, scheduledOccurrence, scheduleInteractive, sms, speakSubjectLanguage, stopFlow as stopFlowFor, strayMessageTrigger, subjectFields, whileFollowing, WORKFLOW_GROUP, YES_NO,
} from '../shared';
import { RapidProApp } from '../workflow';
import { ABOUT, PHONE_IN_USE, SCALE_WORDS, SMS } from './messages';

/** Flow params the outbound push sends (`@trigger.params.<key>` in the enrolment flow). */
export const PARAM = {
  ...ENROLMENT_PARAM,
  supervisorPhone: 'supervisor_phone',
  /** `YYYY-MM-DD`, computed by the enrolment form. */
  firstCheck: 'first_check',
} as const;

/** Run results of the weekly check flow, in question order. */
export const RESULT = {
  /** Copied from the contact field at the start of the run: the CHT contact the record is about. */
  chtContactId: 'cht_contact_id',
  week: 'wellbeing_week',
  fever: 'fever',
  cough: 'cough',
  breathing: 'difficulty_breathing',
  tasteSmell: 'loss_taste_smell',
  anxious: 'phq_anxious',
  worry: 'phq_worry',
  interest: 'phq_interest',
  down: 'phq_down',
  counsellor: 'wants_counsellor',
  /** Set just before the webhook: the run reached the post (answered, partly answered or missed). */
  closed: 'check_in_closed',
} as const;

/** Category names of the reply waits. */
export const CATEGORY = {
  ...YES_NO,
  score: 'Score',
  noResponse: 'No Response',
  other: 'Other',
} as const;

/** Which CHW this phone's weekly checks are about. */
export const SUBJECT = subjectFields('wellbeing', 'Wellbeing');

/** Contact fields the enrolment flow saves and the weekly flow reads. */
export const FIELD = {
  ...SUBJECT,
  supervisorPhone: contactField('wellbeing_supervisor_phone', 'Wellbeing Supervisor Phone'),
  /** The first check-in (the chosen weekday, 1 to 7 days after enrolment): the campaign counts weeks from it. */
  firstCheck: contactField('wellbeing_start', 'Wellbeing Start', 'datetime'),
  /** The week whose questions were last sent: a later event that week ends at once. */
  askedWeek: contactField('wellbeing_asked_week', 'Wellbeing Asked Week', 'number'),
  /** The week last answered. */
  answeredWeek: contactField('wellbeing_answered_week', 'Wellbeing Answered Week', 'number'),
} as const;

export const group = WORKFLOW_GROUP[ID];

/** Weekly check-ins for a year. */
export const WEEKS = 52;
const CHECK_HOURS = [9, 12, 15, 18];
/** The CHW has a day to start answering; after that the week counts as missed. */
const FIRST_ANSWER_WAIT = (24 * HOUR) / SECOND;
/** Once started, each further question waits half a day, so a run always ends well before it expires. */
const NEXT_ANSWER_WAIT = (12 * HOUR) / SECOND;

// ---------------------------------------------------------------- the record the weekly check posts

const flag = (result: string) => resultFlag(result, [CATEGORY.yes], [CATEGORY.no]);

/** The weekly check's single post: answered, partly answered or missed, it always sends one record. */
export const weeklyCheckPost = recordPost(wellbeingRecord, {
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

// ---------------------------------------------------------------- the flows

export const enrolmentFlow = enrolment({
  name: 'CHW Wellbeing Enrolment',
  key: 'chw-wellbeing-enrolment',
  group,
  subject: SUBJECT,
  save: [
    setContactField(FIELD.supervisorPhone, `@(default(trigger.params.${PARAM.supervisorPhone}, ""))`),
    setContactField(FIELD.firstCheck, param(PARAM.firstCheck)),
  ],
  welcome: SMS.welcome,
  enrollerPhone: PARAM.supervisorPhone,
  conflict: PHONE_IN_USE,
});

type Step = { key: string; result: string; text: keyof typeof SMS; wait: number };

function yesNo(flow: FlowBuilder, step: Step, about: keyof typeof ABOUT, next: string, late?: string): void {
  askYesNo(flow, {
    subject: SUBJECT,
    nodes: { ask: `ask_${step.key}`, wait: step.key, retry: `help_${step.key}`, ...(late ? { late } : {}) },
    result: step.result,
    text: sms(SMS[step.text]),
    retryText: sms(SMS.helpYesNo),
    about: ABOUT[about],
    menu: false,
    timeout: { seconds: step.wait, category: CATEGORY.noResponse, next: 'close' },
    next,
  });
}

const NOT_ALNUM = '[^\\p{L}\\p{N}]';
const alternatives = (items: readonly string[]) => items.map((item) => item.split(' ').join(`${NOT_ALNUM}+`)).join('|');

/** A score in words: a phrase of the scale anywhere, or the number as a word alone. */
export function scoreWordsPattern(score: 0 | 1 | 2 | 3): string {
  const { phrases, number } = SCALE_WORDS[score];
  return `^${NOT_ALNUM}*(?:${alternatives(number)})${NOT_ALNUM}*$|(?:^|${NOT_ALNUM})(?:${alternatives(phrases)})(?:${NOT_ALNUM}|$)`;
}

/**
 * A PHQ-4 item: the score is 0, 1, 2 or 3. It counts when the reply starts with it ("2", "2 - more
 * than half", "3 😔") or names it in words ("several days", "siku kadhaa", "plusieurs jours",
 * "two"); a number elsewhere ("for 2 weeks") or out of range ("5") is asked again.
 */
function phqItem(flow: FlowBuilder, step: Step, next: string): void {
  const scores = [0, 1, 2, 3] as const;
  whileFollowing(flow, `ask_${step.key}`, SUBJECT, `ask_${step.key}_send`)
    .send(`ask_${step.key}_send`, sms(SMS[step.text]), { next: step.key })
    .waitForReply(step.key, {
      resultName: step.result,
      cases: [
        // the digit, then the end, a non-digit, or a full stop or comma that no digit follows ("2." but not "2.5")
        { test: hasPattern(`^${NOT_ALNUM}*[0-3](?:$|[^\\p{N}.,]|[.,](?:$|[^\\p{N}]))`), category: 'Number' },
        ...scores.map((score) => ({ test: hasPattern(scoreWordsPattern(score)), category: `Words ${score}` })),
      ],
      timeout: { seconds: step.wait, category: CATEGORY.noResponse },
      routes: {
        Number: `${step.key}_number`,
        ...Object.fromEntries(scores.map((score) => [`Words ${score}`, `${step.key}_${score}`])),
        Other: `help_${step.key}`,
        'No Response': 'close',
      },
    })
    // the first number from 0 to 3 in the reply is the score
    .split(`${step.key}_number`, {
      operand: '@input.text',
      resultName: step.result,
      cases: [{ test: hasNumberBetween(0, 3), category: CATEGORY.score }],
      routes: { Score: next, Other: `help_${step.key}` },
    })
    .send(`help_${step.key}`, sms(SMS.helpScore), { next: step.key });
  for (const score of scores) flow.actions(`${step.key}_${score}`, [setRunResult(step.result, String(score), CATEGORY.score)], { next });
}

export const weeklyFlow = new FlowBuilder({ name: 'CHW Wellbeing Weekly Check', key: 'chw-wellbeing-weekly', ...FLOW_LANGUAGES, expireAfterMinutes: 10080 })
  // every value the webhook sends must be a run result, so sync can rebuild the record from runs.json
  .actions('start', [speakSubjectLanguage(SUBJECT), setRunResult(RESULT.chtContactId, `@fields.${FIELD.contactId.key}`)], { next: 'week' });
scheduledOccurrence(weeklyFlow, 'week', {
  operand: `@(datetime_diff(fields.${FIELD.firstCheck.key}, today(), "W") + 1)`,
  last: WEEKS,
  resultName: RESULT.week,
  current: 'Enrolled',
  group,
  subject: SUBJECT,
  asked: FIELD.askedWeek,
  answered: FIELD.answeredWeek,
  texts: { notStarted: SMS.notStarted, ended: SMS.ended },
  next: { ask: 'ask_fever', late: 'late_fever', answered: 'answered_this_week' },
}).send('answered_this_week', sms(SMS.answeredThisWeek));
yesNo(weeklyFlow, { key: 'fever', result: RESULT.fever, text: 'fever', wait: FIRST_ANSWER_WAIT }, 'fever', 'ask_cough', 'late_fever');
yesNo(weeklyFlow, { key: 'cough', result: RESULT.cough, text: 'cough', wait: NEXT_ANSWER_WAIT }, 'cough', 'ask_breathing');
yesNo(weeklyFlow, { key: 'breathing', result: RESULT.breathing, text: 'breathing', wait: NEXT_ANSWER_WAIT }, 'breathing', 'ask_taste_smell');
yesNo(weeklyFlow, { key: 'taste_smell', result: RESULT.tasteSmell, text: 'tasteSmell', wait: NEXT_ANSWER_WAIT }, 'tasteSmell', 'ask_anxious');
phqItem(weeklyFlow, { key: 'anxious', result: RESULT.anxious, text: 'anxious', wait: NEXT_ANSWER_WAIT }, 'ask_worry');
phqItem(weeklyFlow, { key: 'worry', result: RESULT.worry, text: 'worry', wait: NEXT_ANSWER_WAIT }, 'ask_interest');
phqItem(weeklyFlow, { key: 'interest', result: RESULT.interest, text: 'interest', wait: NEXT_ANSWER_WAIT }, 'ask_down');
phqItem(weeklyFlow, { key: 'down', result: RESULT.down, text: 'down', wait: NEXT_ANSWER_WAIT }, 'ask_counsellor');
yesNo(weeklyFlow, { key: 'counsellor', result: RESULT.counsellor, text: 'counsellor', wait: NEXT_ANSWER_WAIT }, 'counsellor', 'close');

const anySymptom = [RESULT.fever, RESULT.cough, RESULT.breathing, RESULT.tasteSmell]
  .map((result) => `results.${result}.category = "${CATEGORY.yes}"`).join(', ');

weeklyFlow
  // answered, partly answered or missed: every asked week ends here and posts exactly one record
  .actions('close', [setRunResult(RESULT.closed, 'yes')], { next: 'post' })
  .callWebhook('post', {
    source: weeklyCheckPost,
    resultName: 'cht_record',
    // a failed post is not retried by RapidPro; `cht-rapidpro sync` rebuilds it from the run
    routes: { Success: 'answered', Failure: 'answered' },
  })
  .split('answered', {
    operand: `@results.${RESULT.fever}.category`,
    cases: [{ test: hasOnlyText(CATEGORY.noResponse), category: 'Missed' }],
    other: 'Answered',
    routes: { Answered: 'mark_answered' },
  })
  .actions('mark_answered', [markAnswered({ resultName: RESULT.week, answered: FIELD.answeredWeek })], { next: 'symptoms' })
  .split('symptoms', {
    operand: `@(or(${anySymptom}))`,
    cases: [{ test: hasOnlyText('true'), category: 'Symptoms' }],
    other: 'None',
    routes: { Symptoms: 'isolation', None: 'wants_counsellor' },
  })
  .send('isolation', sms(SMS.isolation), { next: 'wants_counsellor' })
  .split('wants_counsellor', {
    operand: `@results.${RESULT.counsellor}.category`,
    cases: [{ test: hasOnlyText(CATEGORY.yes), category: 'Counsellor' }],
    other: 'No Counsellor',
    routes: { Counsellor: 'counsellor_coming', 'No Counsellor': 'thanks' },
  })
  .send('counsellor_coming', sms(SMS.counsellorComing))
  .send('thanks', sms(SMS.thanks));

/** Each week of the year at each check hour, and the week after to end it, in skip mode. */
export const weeklyCampaign = scheduleInteractive(
  new CampaignBuilder({ key: 'chw-wellbeing-weekly', name: 'CHW Wellbeing Weekly', group }),
  { flow: weeklyFlow, relativeTo: FIELD.firstCheck, every: 'week', times: WEEKS + 1, hours: CHECK_HOURS },
);

const stray = strayMessageTrigger(ID, weeklyFlow);

/**
 * Started by `rapidpro_wellbeing_stop` ("Stop SMS", wellbeing), in the background like every push:
 * for the CHW this phone follows, it leaves the group (the campaign and the stray-message trigger
 * stop) and frees the phone, then confirms in the CHW's language. A check already waiting for a
 * reply asks nothing more: each question first checks that the phone still follows the CHW.
 */
export const stopFlow = stopFlowFor({ name: 'CHW Wellbeing Stop', key: 'chw-wellbeing-stop', group, subject: SUBJECT, next: 'stopped' })
  .actions('stopped', inSubjectLanguage(SUBJECT, 'stopped', SMS.stopped));

export const rapidpro: RapidProApp = {
  file: 'chw-wellbeing.json',
  flows: [enrolmentFlow, weeklyFlow, stopFlow],
  campaigns: [weeklyCampaign],
  triggers: [stray.trigger],
  fields: Object.values(FIELD),
  groups: stray.groups,
};
