/**
 * The RapidPro side of contact tracing: three flows, one campaign, the contact fields and the
 * group, exported together so one import sets everything up.
 *
 * Why a campaign and not a loop inside one flow: a flow that waits a day between questions would
 * keep one run open for up to 21 days, past RapidPro's longest run expiry (2 weeks), and a single
 * run could not give each day's record its own `rp_event_id`. A campaign on the `quarantine_start`
 * date field starts a short, fresh check-in run every morning instead: each day is its own run
 * (its uuid de-duplicates the record, and `sync` can rebuild it from `runs.json`), a re-enrolment
 * moves the schedule by just rewriting the field, and leaving the group stops it. Campaign events
 * fire once, so the campaign holds one event per possible day (21, the form's maximum) and the
 * check-in flow itself ends the quarantine on day `quarantine_length + 1` by leaving the group.
 * A campaign event whose time has already passed when the contact joins does not fire: a contact
 * enrolled after 09:00 gets their first check-in the next morning.
 */
import { addToGroups, removeFromGroups, sendBroadcast, sendMsg, setContactField, setRunResult } from '../../rapidpro/flow/actions';
import { FlowBuilder } from '../../rapidpro/flow/builder';
import { CampaignBuilder } from '../../rapidpro/flow/campaign';
import { hasNumberBetween, hasOnlyText } from '../../rapidpro/flow/cases';
import { contactField, contactGroup } from '../../rapidpro/flow/fields';
import { recordPost } from '../../integration/record-post';
import { resultAnswered, resultFlag, resultNumber, resultText } from '../../integration/sources';
import { MAX_QUARANTINE_DAYS, symptomsRecord } from '../../phone/workflows/contact-tracing/model';
import { HOUR, SECOND } from '../../phone/kit/time';
import { FLOW_LANGUAGES, YES_NO, askYesNo, param, setLanguageFromLocale, sms } from '../shared';
import { RapidProApp } from '../workflow';
import { CHW_ALERT, QUICK_REPLIES, SMS, WORDS } from './messages';

/** `@trigger.params.<key>` of the enrolment and stop flows, filled by the outbound pushes. */
export const PARAM = {
  chtContactId: 'cht_contact_id',
  enrollmentId: 'enrollment_id',
  quarantineStart: 'quarantine_start',
  quarantineLength: 'quarantine_length',
  chwPhone: 'chw_phone',
  language: 'language',
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
  inQuarantine: 'In Quarantine',
  ended: 'Ended',
} as const;

/** Contact fields: the enrolment flow saves the params here, the daily check-in reads them. */
export const FIELD = {
  chtContactId: contactField('cht_contact_id', 'CHT Contact ID'),
  enrollmentId: contactField('cht_enrollment_id', 'CHT Enrollment ID'),
  quarantineStart: contactField('quarantine_start', 'Quarantine Start', 'datetime'),
  quarantineLength: contactField('quarantine_length', 'Quarantine Length', 'number'),
  chwPhone: contactField('chw_phone', 'CHW Phone'),
} as const;

/** Members get the daily check-ins (the campaign runs for this group). */
export const group = contactGroup('Quarantine');

/** The check-in fires at 09:00; the first question waits until 15:00, the next ones two hours each. */
const CHECKIN_HOUR = 9;
const FIRST_ANSWER_TIMEOUT_SECONDS = (6 * HOUR) / SECOND;
const NEXT_ANSWER_TIMEOUT_SECONDS = (2 * HOUR) / SECOND;

/** The check-in's single post, reached by every path through the flow (the symptom split always runs). */
const flag = (result: string) => resultFlag(result, [CATEGORY.yes], [CATEGORY.no]);
export const checkinPost = recordPost(symptomsRecord, {
  presentWhen: RESULT.symptomatic,
  subject: resultText(RESULT.chtContactId),
  values: {
    answered: resultAnswered(RESULT.fever, [CATEGORY.noResponse]),
    fever: flag(RESULT.fever),
    cough: flag(RESULT.cough),
    breathing: flag(RESULT.breathing),
    symptomatic: resultFlag(RESULT.symptomatic, [CATEGORY.yes], [CATEGORY.no]),
    quarantine_day: resultNumber(RESULT.quarantineDay),
    enrollment_id: resultText(RESULT.enrollmentId),
  },
});

/** Started by the `rapidpro_quarantine_start` push: saves the params, sets the language, joins the group. */
export const enrolmentFlow = new FlowBuilder({ name: 'Quarantine Enrolment', key: 'contact-tracing-enrolment', ...FLOW_LANGUAGES, expireAfterMinutes: 60 })
  .actions('save', [
    setContactField(FIELD.chtContactId, param(PARAM.chtContactId)),
    setContactField(FIELD.enrollmentId, param(PARAM.enrollmentId)),
    setContactField(FIELD.quarantineStart, param(PARAM.quarantineStart)),
    setContactField(FIELD.quarantineLength, param(PARAM.quarantineLength)),
    setContactField(FIELD.chwPhone, `@(default(trigger.params.${PARAM.chwPhone}, ""))`),
    // CHT stores en/fr/sw; RapidPro wants ISO 639-3
    setLanguageFromLocale(PARAM.language),
    addToGroups(group),
  ], { next: 'welcome' })
  .send('welcome', sms(SMS.welcome));

/** One symptom question (nodes `ask_<result>`, `<result>`, `retry_<result>`); no answer skips to the record (an unanswered day). */
function askSymptom(flow: FlowBuilder, result: string, text: keyof typeof SMS, timeoutSeconds: number, next: string): void {
  askYesNo(flow, {
    nodes: { ask: `ask_${result}`, wait: result, retry: `retry_${result}` },
    result,
    text: sms(SMS[text]),
    retryText: sms(SMS.retry),
    words: WORDS,
    quickReplies: QUICK_REPLIES.map(sms),
    timeout: { seconds: timeoutSeconds, category: CATEGORY.noResponse, next: RESULT.symptomatic },
    next,
  });
}

/** Run by the campaign every morning: three questions, one record to CHT, an alert on any "yes". */
export const checkinFlow = new FlowBuilder({ name: 'Quarantine Daily Check-in', key: 'contact-tracing-checkin', ...FLOW_LANGUAGES, expireAfterMinutes: 720 })
  .split('day', {
    operand: '@(datetime_diff(fields.quarantine_start, today(), "D") + 1)',
    cases: [{ test: hasNumberBetween(1, '@fields.quarantine_length'), category: CATEGORY.inQuarantine }],
    other: CATEGORY.ended,
    resultName: RESULT.quarantineDay,
    routes: { [CATEGORY.inQuarantine]: 'ids', [CATEGORY.ended]: 'leave' },
  })
  .actions('leave', [removeFromGroups(group)])
  // the webhook may only send run results: copy the CHT ids from the contact fields
  .actions('ids', [
    setRunResult(RESULT.chtContactId, `@fields.${FIELD.chtContactId.key}`),
    setRunResult(RESULT.enrollmentId, `@fields.${FIELD.enrollmentId.key}`),
  ], { next: 'ask_fever' });
askSymptom(checkinFlow, RESULT.fever, 'fever', FIRST_ANSWER_TIMEOUT_SECONDS, 'ask_cough');
askSymptom(checkinFlow, RESULT.cough, 'cough', NEXT_ANSWER_TIMEOUT_SECONDS, 'ask_breathing');
askSymptom(checkinFlow, RESULT.breathing, 'breathing', NEXT_ANSWER_TIMEOUT_SECONDS, RESULT.symptomatic);
checkinFlow
  // every path passes here, so every day (answered or not) posts exactly one record
  .split(RESULT.symptomatic, {
    operand: '@(or(default(results.fever.category, "") = "Yes", default(results.cough.category, "") = "Yes", default(results.breathing.category, "") = "Yes"))',
    cases: [{ test: hasOnlyText('true'), category: CATEGORY.yes }],
    other: CATEGORY.no,
    resultName: RESULT.symptomatic,
    routes: { Yes: 'alert', No: 'answered' },
  })
  .actions('alert', [sendBroadcast({ to: [`@fields.${FIELD.chwPhone.key}`], text: CHW_ALERT }), sendMsg(sms(SMS.symptomatic))], { next: 'post' })
  .split('answered', {
    operand: '@(default(results.fever.category, ""))',
    cases: [{ test: hasOnlyText(CATEGORY.noResponse), category: 'Unanswered' }],
    other: 'Answered',
    routes: { Unanswered: 'post', Answered: 'thanks' },
  })
  .send('thanks', sms(SMS.well), { next: 'post' })
  .callWebhook('post', { source: checkinPost, resultName: RESULT.posted });

/** Started by the `rapidpro_quarantine_stop` push when the CHW closes the quarantine early or at its end. */
export const stopFlow = new FlowBuilder({ name: 'Quarantine Stop', key: 'contact-tracing-stop', ...FLOW_LANGUAGES, expireAfterMinutes: 60 })
  .actions('leave', [removeFromGroups(group)], { next: 'outcome' })
  .split('outcome', {
    operand: param(PARAM.outcome),
    cases: [{ test: hasOnlyText('completed'), category: 'Completed' }],
    other: 'Stopped',
    routes: { Completed: 'completed', Stopped: 'stopped' },
  })
  .send('completed', sms(SMS.completed))
  .send('stopped', sms(SMS.stopped));

/** One check-in a day at 09:00 from the start date, for the longest quarantine the form allows. */
export const checkinCampaign = new CampaignBuilder({ key: 'contact-tracing-checkins', name: 'Quarantine Symptom Checks', group })
  .repeat({ flow: checkinFlow, relativeTo: FIELD.quarantineStart, every: 'day', times: MAX_QUARANTINE_DAYS, deliveryHour: CHECKIN_HOUR, startMode: 'I' });

export const rapidpro: RapidProApp = {
  file: 'contact-tracing.json',
  flows: [enrolmentFlow, checkinFlow, stopFlow],
  campaigns: [checkinCampaign],
  fields: Object.values(FIELD),
  groups: [group],
};
