/**
 * The RapidPro side of contact tracing: an enrolment flow and a stop flow (both background: a push
 * starting them never interrupts what the contact is answering), the daily check-in, the campaign
 * that runs it, the catch-all trigger for messages no question waits for, the contact fields and
 * the group — exported together so one import sets everything up.
 *
 * Why a campaign and not a loop inside one flow: a flow that waits a day between questions would
 * keep one run open for up to 21 days, past RapidPro's longest run expiry (2 weeks), and a single
 * run could not give each day's record its own `rp_event_id`. A campaign on the `quarantine_start`
 * date field starts a short, fresh check-in run every morning instead: each day is its own run
 * (its uuid de-duplicates the record, and `sync` can rebuild it from `runs.json`), a re-enrolment
 * moves the schedule by just rewriting the field, and leaving the group stops it.
 *
 * Campaign events fire once, so the campaign holds one event per possible day and hour: the
 * form's longest quarantine (21 days) plus the day after it, on which the check-in ends the
 * quarantine (leaves the group, frees the phone, says goodbye). Each day has events at 09:00,
 * 12:00 and 15:00 in skip mode: a contact busy answering another workflow at 09:00 is asked at the
 * next hour instead of being interrupted, and a day already asked ends at once
 * (`quarantine_asked_day`). A campaign event whose time has already passed when the contact joins
 * does not fire: a contact enrolled after 15:00 gets their first check-in the next morning.
 */
import { setContactField, setRunResult } from '../../rapidpro/flow/actions';
import { FlowBuilder } from '../../rapidpro/flow/builder';
import { CampaignBuilder } from '../../rapidpro/flow/campaign';
import { hasOnlyText } from '../../rapidpro/flow/cases';
import { contactField } from '../../rapidpro/flow/fields';
import { recordPost } from '../../integration/record-post';
import { resultAnswered, resultFlag, resultNumber, resultText } from '../../integration/sources';
import { ID, MAX_QUARANTINE_DAYS, symptomsRecord } from '../../phone/workflows/contact-tracing/model';
import { HOUR, SECOND } from '../../phone/kit/time';
import {
  ENROLMENT_PARAM, FLOW_LANGUAGES, WORKFLOW_GROUP, YES_NO, askYesNo, enrolmentFlow as enrolment, inSubjectLanguage, markAnswered, param,
  scheduleInteractive, scheduledOccurrence, sms, speakSubjectLanguage, stopFlow as stopFlowFor, strayMessageTrigger, subjectFields, tellPhone,
} from '../shared';
import { RapidProApp } from '../workflow';
import { ABOUT, CHW_ALERT, CHW_FORWARD, PHONE_IN_USE, QUICK_REPLIES, SMS } from './messages';

/** `@trigger.params.<key>` of the enrolment and stop flows, filled by the outbound pushes. */
export const PARAM = {
  ...ENROLMENT_PARAM,
  quarantineStart: 'quarantine_start',
  quarantineLength: 'quarantine_length',
  chwPhone: 'chw_phone',
  outcome: 'outcome',
} as const;

/** Run results (lower snake case, so the name is also the `@results.<key>`). */
export const RESULT = {
  chtContactId: 'cht_contact_id',
  enrollmentId: 'enrollment_id',
  quarantineDay: 'quarantine_day',
  fever: 'fever',
  cough: 'cough',
  breathing: 'breathing',
  symptomatic: 'symptomatic',
  posted: 'cht_record',
} as const;

export const CATEGORY = {
  ...YES_NO,
  other: 'Other',
  noResponse: 'No Response',
  /** Some answers missing and none "yes": the record's `symptomatic` is null, not false. */
  unknown: 'Unknown',
  inQuarantine: 'In Quarantine',
  notStarted: 'Not Started',
  ended: 'Ended',
} as const;

/** Whom this phone's daily checks are about. */
export const SUBJECT = subjectFields('quarantine', 'Quarantine');

/** Contact fields: the enrolment flow saves the params here, the daily check-in reads them. */
export const FIELD = {
  ...SUBJECT,
  quarantineStart: contactField('quarantine_start', 'Quarantine Start', 'datetime'),
  quarantineLength: contactField('quarantine_length', 'Quarantine Length', 'number'),
  chwPhone: contactField('quarantine_chw_phone', 'Quarantine CHW Phone'),
  /** The quarantine day whose questions were last sent: a later event that day ends at once. */
  askedDay: contactField('quarantine_asked_day', 'Quarantine Asked Day', 'number'),
  /** The quarantine day last answered: a message after it goes to the CHW. */
  answeredDay: contactField('quarantine_answered_day', 'Quarantine Answered Day', 'number'),
} as const;

/** Members get the daily check-ins (the campaign runs for this group). */
export const group = WORKFLOW_GROUP[ID];

/** The check-in fires at 09:00, retried at 12:00 and 15:00 when the contact is busy in another flow. */
const CHECKIN_HOURS = [9, 12, 15];
const FIRST_ANSWER_TIMEOUT_SECONDS = (6 * HOUR) / SECOND;
const NEXT_ANSWER_TIMEOUT_SECONDS = (2 * HOUR) / SECOND;

/** The check-in's posts: one per run that reaches the end of the questions, answered or not. */
const flag = (result: string) => resultFlag(result, [CATEGORY.yes], [CATEGORY.no]);
export const checkinPost = recordPost(symptomsRecord, {
  presentWhen: RESULT.symptomatic,
  subject: resultText(RESULT.chtContactId),
  values: {
    answered: resultAnswered(RESULT.fever, [CATEGORY.noResponse]),
    fever: flag(RESULT.fever),
    cough: flag(RESULT.cough),
    breathing: flag(RESULT.breathing),
    symptomatic: flag(RESULT.symptomatic),
    quarantine_day: resultNumber(RESULT.quarantineDay),
    enrollment_id: resultText(RESULT.enrollmentId),
  },
});

/** Started by the `rapidpro_quarantine_start` push, in the background. */
export const enrolmentFlow = enrolment({
  name: 'Quarantine Enrolment',
  key: 'contact-tracing-enrolment',
  group,
  subject: SUBJECT,
  save: [
    setContactField(FIELD.quarantineStart, param(PARAM.quarantineStart)),
    setContactField(FIELD.quarantineLength, param(PARAM.quarantineLength)),
    setContactField(FIELD.chwPhone, `@(default(trigger.params.${PARAM.chwPhone}, ""))`),
  ],
  welcome: SMS.welcome,
  enrollerPhone: PARAM.chwPhone,
  conflict: PHONE_IN_USE,
});

/** One symptom question (nodes `ask_<result>`, `<result>`, `retry_<result>`); no answer skips to the record (an unanswered day). */
function askSymptom(flow: FlowBuilder, result: 'fever' | 'cough' | 'breathing', timeoutSeconds: number, next: string, late?: { node: string; other: string }): void {
  askYesNo(flow, {
    subject: SUBJECT,
    nodes: { ask: `ask_${result}`, wait: result, retry: `retry_${result}`, ...(late ? { late: late.node } : {}) },
    result,
    text: sms(SMS[result]),
    retryText: sms(SMS.retry),
    about: ABOUT[result],
    menu: true,
    quickReplies: QUICK_REPLIES.map(sms),
    timeout: { seconds: timeoutSeconds, category: CATEGORY.noResponse, next: RESULT.symptomatic },
    next,
    ...(late ? { lateOther: late.other } : {}),
  });
}

const answered = (result: string, category: string) => `default(results.${result}.category, "") = "${category}"`;
const CHW_PHONE = `@fields.${FIELD.chwPhone.key}`;

/**
 * Run by the campaign every day of the quarantine, and by any message of a contact in quarantine
 * that no question is waiting for: three questions, one record to CHT, an SMS alert on any "yes".
 *
 * A message after the day's questions closed unanswered is read as the answer to the first one
 * (then the others are asked); after the day was answered, it goes to the CHW as written.
 */
export const checkinFlow = new FlowBuilder({ name: 'Quarantine Daily Check-in', key: 'contact-tracing-checkin', ...FLOW_LANGUAGES, expireAfterMinutes: 720 })
  // the webhook may only send run results: copy the CHT ids from the contact fields
  .actions('start', [
    speakSubjectLanguage(SUBJECT),
    setRunResult(RESULT.chtContactId, `@fields.${FIELD.contactId.key}`),
    setRunResult(RESULT.enrollmentId, `@fields.${FIELD.enrollmentId.key}`),
  ], { next: 'day' });
scheduledOccurrence(checkinFlow, 'day', {
  operand: `@(datetime_diff(fields.${FIELD.quarantineStart.key}, today(), "D") + 1)`,
  last: `@fields.${FIELD.quarantineLength.key}`,
  resultName: RESULT.quarantineDay,
  current: CATEGORY.inQuarantine,
  group,
  subject: SUBJECT,
  asked: FIELD.askedDay,
  answered: FIELD.answeredDay,
  texts: { notStarted: SMS.notStarted, ended: SMS.ended },
  next: { ask: 'ask_fever', late: 'late_fever', answered: 'forward' },
});
// a message after the day was answered: the CHW reads it as written
tellPhone(checkinFlow, 'forward', { phone: CHW_PHONE, text: CHW_FORWARD, next: 'forwarded', otherwise: 'not_forwarded' })
  .send('forwarded', sms(SMS.forwarded))
  .send('not_forwarded', sms(SMS.notForwarded));
askSymptom(checkinFlow, RESULT.fever, FIRST_ANSWER_TIMEOUT_SECONDS, 'ask_cough', { node: 'late_fever', other: 'late_unclear' });
askSymptom(checkinFlow, RESULT.cough, NEXT_ANSWER_TIMEOUT_SECONDS, 'ask_breathing');
askSymptom(checkinFlow, RESULT.breathing, NEXT_ANSWER_TIMEOUT_SECONDS, RESULT.symptomatic);
// a late message that answers nothing: the CHW reads it, the contact gets today's questions again
tellPhone(checkinFlow, 'late_unclear', { phone: CHW_PHONE, text: CHW_FORWARD, next: 'ask_fever' });
checkinFlow
  // every path through the questions passes here, so every asked day posts one record
  .split(RESULT.symptomatic, {
    operand: `@(if(or(${answered(RESULT.fever, CATEGORY.yes)}, ${answered(RESULT.cough, CATEGORY.yes)}, ${answered(RESULT.breathing, CATEGORY.yes)}), "yes", ` +
      `if(and(${answered(RESULT.fever, CATEGORY.no)}, ${answered(RESULT.cough, CATEGORY.no)}, ${answered(RESULT.breathing, CATEGORY.no)}), "no", "unknown")))`,
    cases: [{ test: hasOnlyText('yes'), category: CATEGORY.yes }, { test: hasOnlyText('no'), category: CATEGORY.no }],
    other: CATEGORY.unknown,
    resultName: RESULT.symptomatic,
    routes: { [CATEGORY.yes]: 'answered', [CATEGORY.no]: 'answered', [CATEGORY.unknown]: 'answered' },
  })
  .split('answered', {
    operand: `@(default(results.${RESULT.fever}.category, ""))`,
    cases: [{ test: hasOnlyText(CATEGORY.noResponse), category: 'Unanswered' }],
    other: 'Answered',
    routes: { Unanswered: 'post', Answered: 'mark_answered' },
  })
  .actions('mark_answered', [markAnswered({ resultName: RESULT.quarantineDay, answered: FIELD.answeredDay })], { next: 'outcome' })
  .split('outcome', {
    operand: `@results.${RESULT.symptomatic}.category`,
    cases: [{ test: hasOnlyText(CATEGORY.yes), category: 'Symptoms' }],
    other: 'None',
    routes: { Symptoms: 'alert', None: 'thanks' },
  })
  .send('symptomatic_advice', sms(SMS.symptomatic), { next: 'post' })
  .send('thanks', sms(SMS.well), { next: 'post' })
  .callWebhook('post', { source: checkinPost, resultName: RESULT.posted });
tellPhone(checkinFlow, 'alert', { phone: CHW_PHONE, text: CHW_ALERT, next: 'symptomatic_advice' });

/**
 * Started by the `rapidpro_quarantine_stop` push when the CHW closes a quarantine, in the
 * background. It stops only the quarantine of the person the end check is about: on a phone that
 * follows someone else it changes nothing.
 */
export const stopFlow = stopFlowFor({ name: 'Quarantine Stop', key: 'contact-tracing-stop', group, subject: SUBJECT, next: 'outcome' })
  .split('outcome', {
    operand: param(PARAM.outcome),
    cases: [{ test: hasOnlyText('completed'), category: 'Completed' }],
    other: 'Stopped',
    routes: { Completed: 'completed', Stopped: 'stopped' },
  })
  .actions('completed', inSubjectLanguage(SUBJECT, 'completed', SMS.completed))
  .actions('stopped', inSubjectLanguage(SUBJECT, 'stopped', SMS.stopped));

/** Every day of the longest quarantine and the day after, at each check-in hour, in skip mode. */
export const checkinCampaign = scheduleInteractive(
  new CampaignBuilder({ key: 'contact-tracing-checkins', name: 'Quarantine Symptom Checks', group }),
  { flow: checkinFlow, relativeTo: FIELD.quarantineStart, every: 'day', times: MAX_QUARANTINE_DAYS + 1, hours: CHECKIN_HOURS },
);

const stray = strayMessageTrigger(ID, checkinFlow);

export const rapidpro: RapidProApp = {
  file: 'contact-tracing.json',
  flows: [enrolmentFlow, checkinFlow, stopFlow],
  campaigns: [checkinCampaign],
  triggers: [stray.trigger],
  fields: Object.values(FIELD),
  groups: stray.groups,
};
