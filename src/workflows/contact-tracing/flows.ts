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
import { addToGroups, removeFromGroups, sendBroadcast, sendMsg, setContactField, setContactLanguage, setRunResult } from '../../rapidpro/flow/actions';
import { FlowBuilder } from '../../rapidpro/flow/builder';
import { CampaignBuilder } from '../../rapidpro/flow/campaign';
import { hasAnyWord, hasNumberBetween, hasOnlyText } from '../../rapidpro/flow/cases';
import { contactGroup } from '../../rapidpro/flow/fields';
import { Text } from '../../rapidpro/flow/text';
import { GroupDefinition, RapidProExport } from '../../rapidpro/flow/types';
import { exportOf } from '../../rapidpro/export';
import { FIELD } from './fields';
import { CATEGORY, FLOW_NAME, MAX_QUARANTINE_DAYS, PARAM, QUARANTINE_GROUP_NAME, RESULT } from './names';
import { checkinPost } from './record';

const LANGUAGES = { language: 'eng', localizations: ['fra', 'swa'] } as const;

/** The check-in fires at 09:00; the first question waits until 15:00, the next ones two hours each. */
const FIRST_ANSWER_TIMEOUT_SECONDS = 6 * 3600;
const NEXT_ANSWER_TIMEOUT_SECONDS = 2 * 3600;
const CHECKIN_HOUR = 9;

/** Replies in any of the three languages, or 1/2, whatever the contact's language. */
const YES_WORDS = 'yes y 1 oui ndio ndiyo';
const NO_WORDS = 'no n 2 non hapana sina';
const YES_NO_CASES = [
  { test: hasAnyWord(YES_WORDS), category: CATEGORY.yes },
  { test: hasAnyWord(NO_WORDS), category: CATEGORY.no },
] as const;
const QUICK_REPLIES: Text[] = [{ eng: 'Yes', fra: 'Oui', swa: 'Ndiyo' }, { eng: 'No', fra: 'Non', swa: 'Hapana' }];

const TEXT = {
  welcome: {
    eng: 'Hello @contact.name. Your health worker has enrolled you in COVID-19 quarantine follow-up for @fields.quarantine_length days. Each morning we will ask you 3 short questions by SMS.',
    fra: 'Bonjour @contact.name. Votre agent de santé vous a inscrit au suivi de quarantaine COVID-19 pour @fields.quarantine_length jours. Chaque matin, nous vous poserons 3 courtes questions par SMS.',
    swa: 'Habari @contact.name. Mhudumu wako wa afya amekusajili kwa ufuatiliaji wa karantini ya COVID-19 kwa siku @fields.quarantine_length. Kila asubuhi tutakuuliza maswali 3 mafupi kwa SMS.',
  },
  fever: {
    eng: 'Day @results.quarantine_day.value of @fields.quarantine_length. Do you have a fever today? Reply 1 for YES or 2 for NO.',
    fra: 'Jour @results.quarantine_day.value sur @fields.quarantine_length. Avez-vous de la fièvre aujourd\'hui ? Répondez 1 pour OUI ou 2 pour NON.',
    swa: 'Siku ya @results.quarantine_day.value kati ya @fields.quarantine_length. Je, una homa leo? Jibu 1 kwa NDIYO au 2 kwa HAPANA.',
  },
  cough: {
    eng: 'Do you have a cough? Reply 1 for YES or 2 for NO.',
    fra: 'Avez-vous de la toux ? Répondez 1 pour OUI ou 2 pour NON.',
    swa: 'Je, una kikohozi? Jibu 1 kwa NDIYO au 2 kwa HAPANA.',
  },
  breathing: {
    eng: 'Do you have any difficulty breathing? Reply 1 for YES or 2 for NO.',
    fra: 'Avez-vous des difficultés à respirer ? Répondez 1 pour OUI ou 2 pour NON.',
    swa: 'Je, una shida ya kupumua? Jibu 1 kwa NDIYO au 2 kwa HAPANA.',
  },
  retry: {
    eng: 'Sorry, we did not understand. Please reply 1 for YES or 2 for NO.',
    fra: 'Désolé, nous n\'avons pas compris. Veuillez répondre 1 pour OUI ou 2 pour NON.',
    swa: 'Samahani, hatukuelewa. Tafadhali jibu 1 kwa NDIYO au 2 kwa HAPANA.',
  },
  symptomatic: {
    eng: 'Thank you. Your health worker will contact you today. If breathing becomes very difficult, go to the nearest health facility immediately.',
    fra: 'Merci. Votre agent de santé vous contactera aujourd\'hui. Si vous avez beaucoup de mal à respirer, rendez-vous immédiatement au centre de santé le plus proche.',
    swa: 'Asante. Mhudumu wako wa afya atawasiliana nawe leo. Ukipata shida kubwa ya kupumua, nenda kituo cha afya kilicho karibu mara moja.',
  },
  well: {
    eng: 'Thank you. Please stay at home and avoid close contact with others until your quarantine ends.',
    fra: 'Merci. Veuillez rester à la maison et éviter tout contact rapproché avec d\'autres personnes jusqu\'à la fin de votre quarantaine.',
    swa: 'Asante. Tafadhali baki nyumbani na uepuke kukaribiana na watu wengine hadi karantini yako iishe.',
  },
  completed: {
    eng: 'Your quarantine has ended. Thank you for answering the daily questions and for protecting your community.',
    fra: 'Votre quarantaine est terminée. Merci d\'avoir répondu aux questions quotidiennes et d\'avoir protégé votre communauté.',
    swa: 'Karantini yako imekwisha. Asante kwa kujibu maswali ya kila siku na kulinda jamii yako.',
  },
  stopped: {
    eng: 'You will no longer receive the daily COVID-19 SMS. Contact your health worker if you feel unwell.',
    fra: 'Vous ne recevrez plus le SMS quotidien COVID-19. Contactez votre agent de santé si vous ne vous sentez pas bien.',
    swa: 'Hutapokea tena SMS za kila siku za COVID-19. Wasiliana na mhudumu wako wa afya ukijisikia vibaya.',
  },
} as const;

/**
 * The SMS alert to the CHW. One text whatever the traced contact's language: RapidPro would pick
 * the translation by the *contact's* language, not the CHW's.
 */
const CHW_ALERT = 'COVID-19 ALERT: @contact.name (@(urn_parts(contact.urn).path)) reported symptoms on quarantine day @results.quarantine_day.value. Please follow up today (task in CHT).';

const param = (key: string): string => `@trigger.params.${key}`;

/**
 * One symptom question (nodes `ask_<result>`, `<result>`, `retry_<result>`): ask with yes/no quick
 * replies, re-ask on anything unclear, and on no answer skip to the record (an unanswered day).
 */
function askYesNo(flow: FlowBuilder, question: { result: string; text: Text; timeoutSeconds: number; next: string }): void {
  const retry = `retry_${question.result}`;
  flow
    .send(`ask_${question.result}`, question.text, { quickReplies: QUICK_REPLIES, next: question.result })
    .waitForReply(question.result, {
      resultName: question.result,
      cases: YES_NO_CASES,
      timeout: { seconds: question.timeoutSeconds, category: CATEGORY.noResponse },
      routes: { Yes: question.next, No: question.next, Other: retry, [CATEGORY.noResponse]: RESULT.symptomatic },
    })
    .send(retry, TEXT.retry, { quickReplies: QUICK_REPLIES, next: question.result });
}

export interface ContactTracingFlows {
  enrolment: FlowBuilder;
  checkin: FlowBuilder;
  stop: FlowBuilder;
  campaign: CampaignBuilder;
  group: GroupDefinition;
}

let built: ContactTracingFlows | undefined;

/**
 * The flows, built on first use: the rules bundle CHT runs on the phone imports this module too,
 * and must not derive UUIDs (Node's crypto) when it loads.
 */
export function contactTracingFlows(): ContactTracingFlows {
  if (built) return built;
  const group = contactGroup(QUARANTINE_GROUP_NAME);

  /** Started by the `rapidpro_quarantine_start` push: saves the params, sets the language, joins the group. */
  const enrolment = new FlowBuilder({ name: FLOW_NAME.enrolment, key: 'contact-tracing-enrolment', ...LANGUAGES, expireAfterMinutes: 60 })
    .actions('save', [
      setContactField(FIELD.chtContactId, param(PARAM.chtContactId)),
      setContactField(FIELD.enrollmentId, param(PARAM.enrollmentId)),
      setContactField(FIELD.quarantineStart, param(PARAM.quarantineStart)),
      setContactField(FIELD.quarantineLength, param(PARAM.quarantineLength)),
      setContactField(FIELD.chwPhone, `@(default(trigger.params.${PARAM.chwPhone}, ""))`),
      // CHT stores en/fr/sw; RapidPro wants ISO 639-3
      setContactLanguage(`@(if(trigger.params.${PARAM.language} = "fr", "fra", if(trigger.params.${PARAM.language} = "sw", "swa", "eng")))`),
      addToGroups(group),
    ], { next: 'welcome' })
    .send('welcome', TEXT.welcome);

  /** Run by the campaign every morning: three questions, one record to CHT, an alert on any "yes". */
  const checkin = new FlowBuilder({ name: FLOW_NAME.checkin, key: 'contact-tracing-checkin', ...LANGUAGES, expireAfterMinutes: 720 })
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
  askYesNo(checkin, { result: RESULT.fever, text: TEXT.fever, timeoutSeconds: FIRST_ANSWER_TIMEOUT_SECONDS, next: 'ask_cough' });
  askYesNo(checkin, { result: RESULT.cough, text: TEXT.cough, timeoutSeconds: NEXT_ANSWER_TIMEOUT_SECONDS, next: 'ask_breathing' });
  askYesNo(checkin, { result: RESULT.breathing, text: TEXT.breathing, timeoutSeconds: NEXT_ANSWER_TIMEOUT_SECONDS, next: RESULT.symptomatic });
  checkin
    // every path passes here, so every day (answered or not) posts exactly one record
    .split(RESULT.symptomatic, {
      operand: '@(or(default(results.fever.category, "") = "Yes", default(results.cough.category, "") = "Yes", default(results.breathing.category, "") = "Yes"))',
      cases: [{ test: hasOnlyText('true'), category: CATEGORY.yes }],
      other: CATEGORY.no,
      resultName: RESULT.symptomatic,
      routes: { Yes: 'alert', No: 'answered' },
    })
    .actions('alert', [sendBroadcast({ to: [`@fields.${FIELD.chwPhone.key}`], text: CHW_ALERT }), sendMsg(TEXT.symptomatic)], { next: 'post' })
    .split('answered', {
      operand: '@(default(results.fever.category, ""))',
      cases: [{ test: hasOnlyText(CATEGORY.noResponse), category: 'Unanswered' }],
      other: 'Answered',
      routes: { Unanswered: 'post', Answered: 'thanks' },
    })
    .send('thanks', TEXT.well, { next: 'post' })
    .callWebhook('post', { ...checkinPost.webhook(), resultName: RESULT.posted });

  /** Started by the `rapidpro_quarantine_stop` push when the CHW closes the quarantine early or at its end. */
  const stop = new FlowBuilder({ name: FLOW_NAME.stop, key: 'contact-tracing-stop', ...LANGUAGES, expireAfterMinutes: 60 })
    .actions('leave', [removeFromGroups(group)], { next: 'outcome' })
    .split('outcome', {
      operand: param(PARAM.outcome),
      cases: [{ test: hasOnlyText('completed'), category: 'Completed' }],
      other: 'Stopped',
      routes: { Completed: 'completed', Stopped: 'stopped' },
    })
    .send('completed', TEXT.completed)
    .send('stopped', TEXT.stopped);

  /** One check-in a day at 09:00 from the start date, for the longest quarantine the form allows. */
  const campaign = new CampaignBuilder({ key: 'contact-tracing-checkins', name: 'Quarantine Symptom Checks', group })
    .repeat({ flow: checkin, relativeTo: FIELD.quarantineStart, every: 'day', times: MAX_QUARANTINE_DAYS, deliveryHour: CHECKIN_HOUR, startMode: 'I' });

  built = { enrolment, checkin, stop, campaign, group };
  return built;
}

export function contactTracingExport(): RapidProExport {
  const { enrolment, checkin, stop, campaign, group } = contactTracingFlows();
  return exportOf([enrolment, checkin, stop], [campaign], Object.values(FIELD), [group]);
}
