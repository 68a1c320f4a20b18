/**
 * The RapidPro side: an enrolment flow (started by the outbound push), a weekly campaign, and the
 * weekly check flow that asks the questions and posts one `RP_WELLBEING` record.
 *
 * Scheduling: the enrolment form computes the date of the first check (the next occurrence of the
 * CHW's chosen weekday, 1 to 7 days ahead) and the flow saves it in `wellbeing_start`; the campaign
 * starts the weekly flow 52 times, one week apart, at 09:00 from that date. Re-enrolling (a new push) moves the date
 * and so the whole schedule. The campaign skips a week rather than interrupt a CHW who is in
 * another flow at that moment (e.g. an SMS training): that week then has no record, which the
 * "checked in this week" target shows.
 */
import { recordPost } from '../../integration/record-post';
import { resultAnswered, resultFlag, resultNumber, resultText } from '../../integration/sources';
import { HOUR, SECOND } from '../../phone/kit/time';
import { wellbeingRecord } from '../../phone/workflows/chw-wellbeing/model';
import { addToGroups, removeFromGroups, setContactField, setRunResult } from '../../rapidpro/flow/actions';
import { FlowBuilder } from '../../rapidpro/flow/builder';
import { CampaignBuilder } from '../../rapidpro/flow/campaign';
import { hasNumberEq, hasOnlyText } from '../../rapidpro/flow/cases';
import { contactField, contactGroup } from '../../rapidpro/flow/fields';
import { FLOW_LANGUAGES, YES_NO, askYesNo, param, setLanguageFromLocale, sms } from '../shared';
import { RapidProApp } from '../workflow';
import { SMS, WORDS } from './messages';

/** Flow params the outbound push sends (`@trigger.params.<key>` in the enrolment flow). */
export const PARAM = {
  chtContactId: 'cht_contact_id',
  enrollmentId: 'enrollment_id',
  language: 'language',
  supervisorPhone: 'supervisor_phone',
  /** `YYYY-MM-DD`, computed by the enrolment form. */
  firstCheck: 'first_check',
} as const;

/** Run results of the weekly check flow, in question order. */
export const RESULT = {
  /** Copied from the contact field at the start of the run: the CHT contact the record is about. */
  chtContactId: 'cht_contact_id',
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

/** Contact fields the enrolment flow saves and the weekly flow reads. */
export const FIELD = {
  chtContactId: contactField('cht_contact_id', 'CHT Contact ID'),
  enrollmentId: contactField('wellbeing_enrollment_id', 'Wellbeing Enrollment ID'),
  supervisorPhone: contactField('supervisor_phone', 'Supervisor Phone'),
  /** The first check-in (the chosen weekday, 1 to 7 days after enrolment): the campaign counts weeks from it. */
  firstCheck: contactField('wellbeing_start', 'Wellbeing Start', 'datetime'),
} as const;

export const group = contactGroup('CHW Wellbeing');

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

export const enrolmentFlow = new FlowBuilder({ name: 'CHW Wellbeing Enrolment', key: 'chw-wellbeing-enrolment', ...FLOW_LANGUAGES, expireAfterMinutes: 60 })
  .actions('enrol', [
    // CHT languages (en, fr, sw) to RapidPro's ISO 639-3 codes
    setLanguageFromLocale(PARAM.language),
    setContactField(FIELD.chtContactId, param(PARAM.chtContactId)),
    setContactField(FIELD.enrollmentId, param(PARAM.enrollmentId)),
    setContactField(FIELD.supervisorPhone, param(PARAM.supervisorPhone)),
    setContactField(FIELD.firstCheck, param(PARAM.firstCheck)),
    addToGroups(group),
  ], { next: 'welcome' })
  .send('welcome', sms(SMS.welcome));

type Step = { key: string; result: string; text: keyof typeof SMS; wait: number };

function yesNo(flow: FlowBuilder, step: Step, next: string): void {
  askYesNo(flow, {
    nodes: { ask: `ask_${step.key}`, wait: step.key, retry: `help_${step.key}` },
    result: step.result,
    text: sms(SMS[step.text]),
    retryText: sms(SMS.helpYesNo),
    words: { yes: sms(WORDS.yes), no: sms(WORDS.no) },
    timeout: { seconds: step.wait, category: CATEGORY.noResponse, next: 'close' },
    next,
  });
}

/** A PHQ-4 item: only 0, 1, 2 or 3 is a score; anything else is asked again. */
function phqItem(flow: FlowBuilder, step: Step, next: string): void {
  flow
    .send(`ask_${step.key}`, sms(SMS[step.text]), { next: step.key })
    .waitForReply(step.key, {
      resultName: step.result,
      cases: [0, 1, 2, 3].map((score) => ({ test: hasNumberEq(score), category: CATEGORY.score })),
      timeout: { seconds: step.wait, category: CATEGORY.noResponse },
      routes: { Score: next, Other: `help_${step.key}`, 'No Response': 'close' },
    })
    .send(`help_${step.key}`, sms(SMS.helpScore), { next: step.key });
}

export const weeklyFlow = new FlowBuilder({ name: 'CHW Wellbeing Weekly Check', key: 'chw-wellbeing-weekly', ...FLOW_LANGUAGES, expireAfterMinutes: 10080 })
  // every value the webhook sends must be a run result, so sync can rebuild the record from runs.json
  .actions('start', [setRunResult(RESULT.chtContactId, `@fields.${FIELD.chtContactId.key}`)], { next: 'ask_fever' });
yesNo(weeklyFlow, { key: 'fever', result: RESULT.fever, text: 'fever', wait: FIRST_ANSWER_WAIT }, 'ask_cough');
yesNo(weeklyFlow, { key: 'cough', result: RESULT.cough, text: 'cough', wait: NEXT_ANSWER_WAIT }, 'ask_breathing');
yesNo(weeklyFlow, { key: 'breathing', result: RESULT.breathing, text: 'breathing', wait: NEXT_ANSWER_WAIT }, 'ask_taste_smell');
yesNo(weeklyFlow, { key: 'taste_smell', result: RESULT.tasteSmell, text: 'tasteSmell', wait: NEXT_ANSWER_WAIT }, 'ask_anxious');
phqItem(weeklyFlow, { key: 'anxious', result: RESULT.anxious, text: 'anxious', wait: NEXT_ANSWER_WAIT }, 'ask_worry');
phqItem(weeklyFlow, { key: 'worry', result: RESULT.worry, text: 'worry', wait: NEXT_ANSWER_WAIT }, 'ask_interest');
phqItem(weeklyFlow, { key: 'interest', result: RESULT.interest, text: 'interest', wait: NEXT_ANSWER_WAIT }, 'ask_down');
phqItem(weeklyFlow, { key: 'down', result: RESULT.down, text: 'down', wait: NEXT_ANSWER_WAIT }, 'ask_counsellor');
yesNo(weeklyFlow, { key: 'counsellor', result: RESULT.counsellor, text: 'counsellor', wait: NEXT_ANSWER_WAIT }, 'close');

const anySymptom = [RESULT.fever, RESULT.cough, RESULT.breathing, RESULT.tasteSmell]
  .map((result) => `results.${result}.category = "${CATEGORY.yes}"`).join(', ');

weeklyFlow
  // answered, partly answered or missed: every run ends here and posts exactly one record
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
    routes: { Answered: 'symptoms' },
  })
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

export const weeklyCampaign = new CampaignBuilder({ key: 'chw-wellbeing-weekly', name: 'CHW Wellbeing Weekly', group })
  .repeat({ flow: weeklyFlow, relativeTo: FIELD.firstCheck, every: 'week', times: 52, deliveryHour: 9, startMode: 'S' });

/** Started by `rapidpro_wellbeing_stop` ("Stop SMS", wellbeing): leaves the group, so the campaign stops, and confirms. */
export const stopFlow = new FlowBuilder({ name: 'CHW Wellbeing Stop', key: 'chw-wellbeing-stop', ...FLOW_LANGUAGES, expireAfterMinutes: 60 })
  .actions('leave', [removeFromGroups(group)], { next: 'stopped' })
  .send('stopped', sms(SMS.stopped));

export const rapidpro: RapidProApp = {
  file: 'chw-wellbeing.json',
  flows: [enrolmentFlow, weeklyFlow, stopFlow],
  campaigns: [weeklyCampaign],
  fields: Object.values(FIELD),
  groups: [group],
};
