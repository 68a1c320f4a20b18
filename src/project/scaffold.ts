/**
 * `new-workflow`: writes a working workflow in the project's one shape and registers it, so adding
 * a workflow starts from code that builds, checks, simulates and is tested like the other three:
 *
 * - `src/phone/workflows/<id>/`: model.ts (forms, record), state.ts, tasks.ts, targets.ts,
 *   summary.ts, index.ts (the rules the phone runs);
 * - `src/workflows/<id>/`: index.ts (push + workflow), flows.ts, messages.ts, translations.ts,
 *   scenario.ts (the `simulate` story);
 * - `forms/app/<id>_enrollment.xlsx` and `<id>_follow_up.xlsx` (+ .properties.json), in en/fr/sw;
 * - the registries: src/phone/workflows/index.ts (the rules), tasks-and-targets.ts and
 *   summaries.ts (what the phone bundles build), src/workflows/index.ts, and the group and
 *   stray-message priority in src/workflows/shared.ts.
 *
 * The story it starts from: a health worker enrols a person with SMS consent; for 7 days RapidPro
 * asks them each morning whether they feel unwell; a "yes" raises a follow-up task for the health worker.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as XLSX from 'xlsx';

export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
}

export interface ScaffoldNames {
  /** kebab-case id, e.g. `malaria-check`. */
  id: string;
  /** snake_case, for form ids and RapidPro names. */
  snake: string;
  /** camelCase, for the registries' imports. */
  camel: string;
  /** The record form code, e.g. `RP_MALARIA_CHECK`. */
  code: string;
  title: string;
}

export function scaffoldNames(id: string, title?: string): ScaffoldNames {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id) || id.length > 30) {
    throw new ScaffoldError(`workflow id "${id}": use lower-case words joined by "-", starting with a letter, at most 30 characters (e.g. malaria-check)`);
  }
  const snake = id.replace(/-/g, '_');
  const camel = snake.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
  const words = id.split('-').join(' ');
  return { id, snake, camel, code: `RP_${snake.toUpperCase()}`, title: title ?? words.charAt(0).toUpperCase() + words.slice(1) };
}

/** Every file the scaffold writes (project-relative path → content); `.xlsx` are written separately. */
export function scaffoldFiles(names: ScaffoldNames): Map<string, string> {
  const { id, snake, code, title } = names;
  const lower = code.toLowerCase();
  /** A contact field name RapidPro accepts (letters, digits, spaces; short enough for the suffixes). */
  const fieldLabel = title.replace(/[^A-Za-z0-9 ]/g, '').trim().slice(0, 20).trim() || 'Workflow';
  const phone = `src/phone/workflows/${id}`;
  const node = `src/workflows/${id}`;
  const q = JSON.stringify;
  const files = new Map<string, string>();

  files.set(`${phone}/model.ts`, `/**
 * What both halves of ${title} read: the app forms (and the paths the code reads from them) and
 * the \`${code}\` record RapidPro posts back.
 */
import { FormPaths, appForm } from '../../kit/app-form';
import { ReportDoc } from '../../kit/docs';
import { recordForm } from '../../kit/record';

export const ID = ${q(id)};

/** What the code reads from \`${snake}_enrollment\` (Node only: \`check\` proves each path exists in the XLSForm). */
export const enrollmentPaths = {
  id: '${snake}_enrollment',
  paths: [
    'patient_id',
    'enrollment.consent',
    'enrollment.language',
    'enrollment.phone',
    'enrollment.first_check',
  ],
} as const satisfies FormPaths;

/** A health worker enrols a person: SMS consent, language and a confirmed E.164 phone. */
export const enrollmentForm = appForm<typeof enrollmentPaths>('${snake}_enrollment');

/** What the code reads from \`${snake}_follow_up\`. */
export const followUpPaths = {
  id: '${snake}_follow_up',
  paths: [
    'inputs.source_id',
    'follow_up.reached',
    'follow_up.outcome',
  ],
} as const satisfies FormPaths;

/** Done when a check-in said the person feels unwell. */
export const followUpForm = appForm<typeof followUpPaths>('${snake}_follow_up');

/** \`${code}\`: what the SMS check-in posts back to CHT. */
export const checkinRecord = recordForm(${q(code)}, {
  /** False when the person did not answer in time. */
  answered: { type: 'boolean', required: true },
  /** Null when unanswered. */
  unwell: { type: 'boolean' },
});

export function hasConsent(enrollment: ReportDoc | undefined): boolean {
  return enrollmentForm.text(enrollment, 'enrollment.consent') === 'yes';
}
`);

  files.set(`${phone}/state.ts`, `/** What a person's reports say about their enrolment, computed once per contact through the report index. */
import { perContact } from '../../kit/report-index';
import { enrollmentForm, hasConsent } from './model';

/** The latest enrolment decides: a later one without consent withdraws the person. */
export const isEnrolled = perContact((_c, index) => hasConsent(index.latest(enrollmentForm.id)));
`);

  files.set(`${phone}/tasks.ts`, `/** The health worker's task: follow up a person who said they feel unwell. */
import { recordTask } from '../../kit/task-builders';
import { checkinRecord, followUpForm } from './model';
import { isEnrolled } from './state';

export const unwellTask = recordTask({
  name: '${id}-unwell',
  icon: 'icon-healthcare',
  record: checkinRecord,
  when: (report, c) => checkinRecord.get(report, 'unwell') === true && isEnrolled(c),
  actionForm: followUpForm,
  window: { start: 0, end: 3 },
  priority: 'high',
  // for CHWs; a CHW can be enrolled too: never a task about themselves
  audience: { roles: ['chw'], notAboutSelf: true },
});

export const tasks = [unwellTask] as const;
`);

  files.set(`${phone}/targets.ts`, `/** The health worker's figure: how many check-ins were answered this month. */
import { recordPercentTarget } from '../../kit/target-builders';
import { checkinRecord } from './model';

export const answeredTarget = recordPercentTarget({
  id: '${id}-answered',
  period: 'this-month',
  icon: 'icon-healthcare',
  record: checkinRecord,
  passes: (report) => checkinRecord.get(report, 'answered') === true,
  goal: 80,
  audience: { roles: ['chw'] },
});

export const targets = [answeredTarget] as const;
`);

  files.set(`${phone}/summary.ts`, `/** The ${title} card on an enrolled person's profile. */
import { workflowSummary } from '../../kit/contact-summary';
import { indexOf } from '../../kit/report-index';
import { ID, checkinRecord, enrollmentForm } from './model';
import { isEnrolled } from './state';

export const summary = workflowSummary(ID, [
  'title', 'status', 'status.enrolled', 'status.declined', 'last-answer', 'answer.unwell', 'answer.well', 'answer.unanswered',
], (contact, reports, label) => {
  const c = { contact, reports };
  if (!indexOf(c).latest(enrollmentForm.id)) return {};
  const last = indexOf(c).latest(checkinRecord.code);
  const answer = !last || checkinRecord.get(last, 'answered') !== true ? 'answer.unanswered'
    : checkinRecord.get(last, 'unwell') === true ? 'answer.unwell' : 'answer.well';
  return {
    cards: [{
      label: label('title'),
      fields: [
        { label: label('status'), value: label(isEnrolled(c) ? 'status.enrolled' : 'status.declined'), translate: true, width: 6 },
        ...(last ? [{ label: label('last-answer'), value: label(answer), translate: true, width: 6 as const }] : []),
      ],
    }],
  };
});
`);

  files.set(`${phone}/index.ts`, `/** ${title} on the phone: the follow-up task, the figure and the profile card. */
import { defineRules } from '../../kit/rules';
import { ID, checkinRecord } from './model';
import { summary } from './summary';
import { targets } from './targets';
import { tasks } from './tasks';

export const rules = defineRules({ id: ID, tasks, targets, summary, records: [checkinRecord] });
`);

  files.set(`${node}/messages.ts`, `/** The SMS of ${title}, in English, French and Swahili (RapidPro sends the person's language). */
import { Localized } from '../../phone/kit/locale';
import { Words } from '../shared';

export const SMS = {
  welcome: {
    en: 'Hello @fields.${snake}_name, your health worker has enrolled you in a daily SMS check for 7 days. Replies are free.',
    fr: 'Bonjour @fields.${snake}_name, votre agent de santé vous a inscrit(e) à un suivi quotidien par SMS pendant 7 jours. Les réponses sont gratuites.',
    sw: 'Habari @fields.${snake}_name, mhudumu wako wa afya amekusajili kwa ufuatiliaji wa kila siku kwa SMS kwa siku 7. Kujibu ni bure.',
  },
  question: {
    en: 'Do you feel unwell today? Reply YES or NO',
    fr: 'Vous sentez-vous malade aujourd\\'hui ? Répondez OUI ou NON',
    sw: 'Je, unajisikia mgonjwa leo? Jibu NDIYO au HAPANA',
  },
  retry: {
    en: 'Sorry, we did not understand. Do you feel unwell today? Please reply YES or NO.',
    fr: 'Désolé, nous n\\'avons pas compris. Vous sentez-vous malade aujourd\\'hui ? Veuillez répondre OUI ou NON.',
    sw: 'Samahani, hatukuelewa. Je, unajisikia mgonjwa leo? Tafadhali jibu NDIYO au HAPANA.',
  },
  unwell: {
    en: 'Thank you. Your health worker will contact you today.',
    fr: 'Merci. Votre agent de santé vous contactera aujourd\\'hui.',
    sw: 'Asante. Mhudumu wako wa afya atawasiliana nawe leo.',
  },
  well: {
    en: 'Thank you for your answer.',
    fr: 'Merci pour votre réponse.',
    sw: 'Asante kwa jibu lako.',
  },
  notStarted: {
    en: 'Your daily SMS check has not started yet. The first question comes tomorrow morning.',
    fr: 'Votre suivi quotidien par SMS n\\'a pas encore commencé. La première question arrive demain matin.',
    sw: 'Ufuatiliaji wako wa kila siku kwa SMS haujaanza bado. Swali la kwanza litakuja kesho asubuhi.',
  },
  answeredToday: {
    en: 'Thank you, we have your answer for today. Contact your health worker if you need help.',
    fr: 'Merci, nous avons votre réponse pour aujourd\\'hui. Contactez votre agent de santé si vous avez besoin d\\'aide.',
    sw: 'Asante, tumepokea jibu lako la leo. Wasiliana na mhudumu wako wa afya ukihitaji msaada.',
  },
  ended: {
    en: 'Your daily SMS check has ended. Thank you for your answers.',
    fr: 'Votre suivi quotidien par SMS est terminé. Merci pour vos réponses.',
    sw: 'Ufuatiliaji wako wa kila siku kwa SMS umekwisha. Asante kwa majibu yako.',
  },
} satisfies Record<string, Localized>;

/** The question's own words: a reply naming them without a negation is yes ("I feel sick"). */
export const ABOUT: Words = { en: ['unwell', 'sick', 'ill'], fr: ['malade'], sw: ['mgonjwa', 'naumwa'] };

/** To the health worker who enrolled someone with a phone that already follows another person here. */
export const PHONE_IN_USE: Localized = {
  en: 'SMS check NOT started for @trigger.params.name: phone @(urn_parts(contact.urn).path) already follows @fields.${snake}_name. Enrol them with another phone, or once that check has ended.',
  fr: 'Suivi par SMS NON démarré pour @trigger.params.name : le téléphone @(urn_parts(contact.urn).path) suit déjà @fields.${snake}_name. Inscrivez cette personne avec un autre téléphone, ou quand ce suivi sera terminé.',
  sw: 'Ufuatiliaji wa SMS HAUJAANZA kwa @trigger.params.name: simu @(urn_parts(contact.urn).path) tayari inamfuatilia @fields.${snake}_name. Msajili kwa simu nyingine, au ufuatiliaji huo ukimalizika.',
};
`);

  files.set(`${node}/flows.ts`, `/**
 * The RapidPro side of ${title}, in the shape every workflow has (src/workflows/shared.ts): the
 * push starts a background enrolment flow (it never interrupts another conversation), and a
 * campaign runs the daily check-in for 7 days in skip mode, retried later the same day when the
 * person is answering something else. Each day posts one \`${code}\` record, answered or not.
 */
import { recordPost } from '../../integration/record-post';
import { resultAnswered, resultFlag, resultText } from '../../integration/sources';
import { HOUR, SECOND } from '../../phone/kit/time';
import { ID, checkinRecord } from '../../phone/workflows/${id}/model';
import { sendMsg, setContactField, setRunResult } from '../../rapidpro/flow/actions';
import { FlowBuilder } from '../../rapidpro/flow/builder';
import { CampaignBuilder } from '../../rapidpro/flow/campaign';
import { hasOnlyText } from '../../rapidpro/flow/cases';
import { contactField } from '../../rapidpro/flow/fields';
import {
  ENROLMENT_PARAM, FLOW_LANGUAGES, WORKFLOW_GROUP, YES_NO, askYesNo, enrolmentFlow as enrolment, markAnswered, param,
  scheduleInteractive, scheduledOccurrence, sms, speakSubjectLanguage, strayMessageTrigger, subjectFields,
} from '../shared';
import { RapidProApp } from '../workflow';
import { ABOUT, PHONE_IN_USE, SMS } from './messages';

/** \`@trigger.params.<key>\` of the enrolment flow, filled by the outbound push. */
export const PARAM = { ...ENROLMENT_PARAM, enrollerPhone: 'enroller_phone', firstCheck: 'first_check' } as const;

/** Run results the webhook reads (every value it sends is a run result, so sync can rebuild it). */
export const RESULT = { chtContactId: 'cht_contact_id', day: '${snake}_day', unwell: 'unwell', closed: 'check_in_closed' } as const;

export const CATEGORY = { ...YES_NO, noResponse: 'No Response' } as const;

/** Whom this phone's check-ins are about, in this workflow's own fields. */
export const SUBJECT = subjectFields('${snake}', ${q(fieldLabel)});

export const FIELD = {
  ...SUBJECT,
  enrollerPhone: contactField('${snake}_enroller', ${q(`${fieldLabel} Enroller`)}),
  /** The first check-in day: the campaign counts days from it. */
  firstCheck: contactField('${snake}_start', ${q(`${fieldLabel} Start`)}, 'datetime'),
  askedDay: contactField('${snake}_asked_day', ${q(`${fieldLabel} Asked Day`)}, 'number'),
  answeredDay: contactField('${snake}_answered_day', ${q(`${fieldLabel} Answered Day`)}, 'number'),
} as const;

export const group = WORKFLOW_GROUP[ID];

export const DAYS = 7;
const CHECK_HOURS = [9, 12, 15, 18];
const ANSWER_WAIT = (6 * HOUR) / SECOND;

/** The check-in's single post: answered or not, every asked day posts exactly one record. */
export const checkinPost = recordPost(checkinRecord, {
  presentWhen: RESULT.closed,
  subject: resultText(RESULT.chtContactId),
  values: {
    answered: resultAnswered(RESULT.unwell, [CATEGORY.noResponse]),
    unwell: resultFlag(RESULT.unwell, [CATEGORY.yes], [CATEGORY.no]),
  },
});

export const enrolmentFlow = enrolment({
  name: ${q(`${title.slice(0, 50)} Enrolment`)},
  key: '${id}-enrolment',
  group,
  subject: SUBJECT,
  save: [
    setContactField(FIELD.enrollerPhone, \`@(default(trigger.params.\${PARAM.enrollerPhone}, ""))\`),
    setContactField(FIELD.firstCheck, param(PARAM.firstCheck)),
  ],
  welcome: SMS.welcome,
  enrollerPhone: PARAM.enrollerPhone,
  conflict: PHONE_IN_USE,
});

export const checkinFlow = new FlowBuilder({ name: ${q(`${title.slice(0, 50)} Check-in`)}, key: '${id}-checkin', ...FLOW_LANGUAGES, expireAfterMinutes: 1440 })
  // every value the webhook sends must be a run result, so sync can rebuild the record from runs.json
  .actions('start', [speakSubjectLanguage(SUBJECT), setRunResult(RESULT.chtContactId, \`@fields.\${FIELD.contactId.key}\`)], { next: 'day' });
scheduledOccurrence(checkinFlow, 'day', {
  operand: \`@(datetime_diff(fields.\${FIELD.firstCheck.key}, today(), "D") + 1)\`,
  last: DAYS,
  resultName: RESULT.day,
  current: 'Enrolled',
  group,
  subject: SUBJECT,
  asked: FIELD.askedDay,
  answered: FIELD.answeredDay,
  texts: { notStarted: SMS.notStarted, ended: SMS.ended },
  next: { ask: 'ask_unwell', late: 'late_unwell', answered: 'answered_today' },
}).send('answered_today', sms(SMS.answeredToday));
askYesNo(checkinFlow, {
  subject: SUBJECT,
  nodes: { ask: 'ask_unwell', wait: 'unwell', retry: 'retry_unwell', late: 'late_unwell' },
  result: RESULT.unwell,
  text: sms(SMS.question),
  retryText: sms(SMS.retry),
  about: ABOUT,
  menu: false,
  timeout: { seconds: ANSWER_WAIT, category: CATEGORY.noResponse, next: 'close' },
  next: 'close',
});
checkinFlow
  .actions('close', [setRunResult(RESULT.closed, 'yes')], { next: 'post' })
  // a failed post is not retried by RapidPro; \`cht-rapidpro sync\` rebuilds it from the run
  .callWebhook('post', { source: checkinPost, resultName: 'cht_record', routes: { Success: 'answered', Failure: 'answered' } })
  .split('answered', {
    operand: \`@results.\${RESULT.unwell}.category\`,
    cases: [{ test: hasOnlyText(CATEGORY.yes), category: 'Unwell' }, { test: hasOnlyText(CATEGORY.no), category: 'Well' }],
    other: 'Silent',
    routes: { Unwell: 'thanks_unwell', Well: 'thanks_well' },
  })
  .actions('thanks_unwell', [markAnswered({ resultName: RESULT.day, answered: FIELD.answeredDay }), sendMsg(sms(SMS.unwell))])
  .actions('thanks_well', [markAnswered({ resultName: RESULT.day, answered: FIELD.answeredDay }), sendMsg(sms(SMS.well))]);

/** Each day of the check and the day after to end it, at each check hour, in skip mode. */
export const checkinCampaign = scheduleInteractive(
  new CampaignBuilder({ key: '${id}-checkins', name: ${q(`${title.slice(0, 50)} Check-ins`)}, group }),
  { flow: checkinFlow, relativeTo: FIELD.firstCheck, every: 'day', times: DAYS + 1, hours: CHECK_HOURS },
);

const stray = strayMessageTrigger(ID, checkinFlow);

export const rapidpro: RapidProApp = {
  file: '${id}.json',
  flows: [enrolmentFlow, checkinFlow],
  campaigns: [checkinCampaign],
  triggers: [stray.trigger],
  fields: Object.values(FIELD),
  groups: stray.groups,
};
`);

  files.set(`${node}/translations.ts`, `/** The CHT texts of ${id}: every translation key its rules show, in English, French and Swahili. */
import { KeysOf } from '../../phone/kit/keys';
import { Translations } from '../../phone/kit/locale';
import { rules } from '../../phone/workflows/${id}';

export const translations: Translations<KeysOf<typeof rules>> = {
  'task.${id}-unwell.title': { en: 'Feels unwell: follow up', fr: 'Se sent malade : faire le suivi', sw: 'Anajisikia mgonjwa: fuatilia' },
  'task.${id}-unwell.priority': { en: 'Today', fr: 'Aujourd\\'hui', sw: 'Leo' },
  'target.${id}-answered.title': { en: 'Check-ins answered', fr: 'Suivis répondus', sw: 'Ufuatiliaji uliojibiwa' },
  'contact.profile.${id}.title': { en: ${q(title)}, fr: ${q(title)}, sw: ${q(title)} },
  'contact.profile.${id}.status': { en: 'SMS check-in', fr: 'Suivi par SMS', sw: 'Ufuatiliaji kwa SMS' },
  'contact.profile.${id}.status.enrolled': { en: 'Enrolled', fr: 'Inscrit(e)', sw: 'Amesajiliwa' },
  'contact.profile.${id}.status.declined': { en: 'Not enrolled (no consent)', fr: 'Non inscrit(e) (pas de consentement)', sw: 'Hajasajiliwa (hakuna ridhaa)' },
  'contact.profile.${id}.last-answer': { en: 'Last answer', fr: 'Dernière réponse', sw: 'Jibu la mwisho' },
  'contact.profile.${id}.answer.unwell': { en: 'Feels unwell', fr: 'Se sent malade', sw: 'Anajisikia mgonjwa' },
  'contact.profile.${id}.answer.well': { en: 'Feels well', fr: 'Se sent bien', sw: 'Anajisikia vizuri' },
  'contact.profile.${id}.answer.unanswered': { en: 'No answer', fr: 'Pas de réponse', sw: 'Hakujibu' },
  'form.${lower}.title': { en: ${q(`${title} (SMS)`)}, fr: ${q(`${title} (SMS)`)}, sw: ${q(`${title} (SMS)`)} },
  'report.${lower}.patient_id': { en: 'Person', fr: 'Personne', sw: 'Mtu' },
  'report.${lower}.rp_event_id': { en: 'RapidPro run', fr: 'Session RapidPro', sw: 'Kipindi cha RapidPro' },
  'report.${lower}.answered': { en: 'Answered', fr: 'A répondu', sw: 'Amejibu' },
  'report.${lower}.unwell': { en: 'Feels unwell', fr: 'Se sent malade', sw: 'Anajisikia mgonjwa' },
};
`);

  files.set(`${node}/scenario.ts`, `import { enrollmentForm } from '../../phone/workflows/${id}/model';
import { unwellTask } from '../../phone/workflows/${id}/tasks';
import { Scenario, at, sms } from '../../simulate/scenario';
import { CHW } from '../../simulate/viewers';

/** Baraka's phone (harness.defaults.json), which the enrolment confirms. */
const BARAKA_PHONE = '+254712345678';

/**
 * CHW Amina enrols Baraka; his first check-in comes the next morning at 09:00. He answers that he
 * feels sick, and Amina follows up the same day; the next day he feels well.
 */
export const scenario: Scenario = {
  title: ${q(`${title}: daily SMS check-ins and a follow-up`)},
  start: '2026-04-06T08:00:00',
  steps: [
    { at: at(0, '08:00'), form: enrollmentForm, by: CHW, subject: 'traced_contact', answers: [['yes', 'en', 'yes']] },
    sms(at(1, '09:10'), BARAKA_PHONE, 'Yes, I feel sick'),
    { at: at(1, '11:00'), viewer: CHW, task: unwellTask, answers: [['yes', 'resolved']] },
    sms(at(2, '09:05'), BARAKA_PHONE, 'no'),
  ],
  until: at(2, '12:00'),
  viewers: [CHW],
};
`);

  files.set(`${node}/index.ts`, `/**
 * ${title}.
 *
 * 1. A health worker enrols a person (\`${snake}_enrollment\`): SMS consent, language, confirmed phone.
 * 2. With consent and an E.164 phone, the \`rapidpro_${snake}_start\` push starts the enrolment flow.
 * 3. Every morning for 7 days RapidPro asks whether they feel unwell and posts one \`${code}\`
 *    record (answered or not).
 * 4. A "yes" raises a follow-up task for the health worker (\`${snake}_follow_up\` resolves it).
 * 5. A target counts answered check-ins; the profile shows the last answer.
 */
import { flowStartPush } from '../../integration/flow-start';
import { rules } from '../../phone/workflows/${id}';
import { enrollmentForm, enrollmentPaths, followUpPaths } from '../../phone/workflows/${id}/model';
import { defineWorkflow } from '../workflow';
import { PARAM, enrolmentFlow, rapidpro } from './flows';
import { scenario } from './scenario';
import { translations } from './translations';

export const startPush = flowStartPush({
  name: 'rapidpro_${snake}_start',
  form: enrollmentForm,
  flow: enrolmentFlow,
  phone: { field: 'enrollment.phone' },
  consent: { field: 'enrollment.consent', value: 'yes' },
  params: {
    [PARAM.contactId]: { field: 'patient_id' },
    // the person's name in CHT, as CHT hydrates the report's subject
    [PARAM.name]: { doc: 'patient.name' },
    [PARAM.enrollmentId]: { doc: '_id' },
    [PARAM.language]: { field: 'enrollment.language' },
    [PARAM.firstCheck]: { field: 'enrollment.first_check' },
    // the health worker who enrolled them (CHT hydrates doc.contact): told if the phone is taken
    [PARAM.enrollerPhone]: { doc: 'contact.phone', optional: true },
  },
});

export const workflow = defineWorkflow({
  id: rules.id,
  title: ${q(title)},
  rules,
  appForms: [enrollmentPaths, followUpPaths],
  pushes: [startPush],
  rapidpro,
  translations,
  scenario,
});
`);

  const titles = (en: string, fr: string, sw: string): string => JSON.stringify({
    title: [{ locale: 'en', content: en }, { locale: 'fr', content: fr }, { locale: 'sw', content: sw }],
    context: { person: true, place: false },
  }, null, 2) + '\n';
  files.set(`forms/app/${snake}_enrollment.properties.json`, titles(`Enrol in ${title}`, `Inscrire : ${title}`, `Sajili: ${title}`));
  files.set(`forms/app/${snake}_follow_up.properties.json`, titles(`${title}: follow-up`, `${title} : suivi`, `${title}: ufuatiliaji`));
  return files;
}

type Row = Record<string, string>;
const label = (en: string, fr: string, sw: string): Row => ({ 'label::en': en, 'label::fr': fr, 'label::sw': sw });
const E164 = "regex(., '^\\+[1-9][0-9]{6,14}$')";
const YES_NO: Row[] = [
  { list_name: 'yes_no', name: 'yes', ...label('Yes', 'Oui', 'Ndiyo') },
  { list_name: 'yes_no', name: 'no', ...label('No', 'Non', 'Hapana') },
];
const INPUTS: Row[] = [
  { type: 'begin group', name: 'inputs', ...label('Inputs', 'Entrées', 'Pembejeo'), relevant: "./source = 'user'" },
  { type: 'hidden', name: 'source', default: 'user' },
  { type: 'hidden', name: 'source_id' },
  { type: 'begin group', name: 'contact', ...label('Person', 'Personne', 'Mtu') },
  { type: 'db:person', name: '_id', ...label('Which person?', 'Quelle personne ?', 'Mtu yupi?'), required: 'yes', appearance: 'db-object' },
  { type: 'hidden', name: 'name' },
  { type: 'hidden', name: 'phone' },
  { type: 'hidden', name: 'preferred_language' },
  { type: 'end group', name: 'contact' },
  { type: 'end group', name: 'inputs' },
  { type: 'calculate', name: 'patient_id', calculation: '../inputs/contact/_id' },
  { type: 'calculate', name: 'patient_name', calculation: '../inputs/contact/name' },
];

/** The two XLSForms (survey, choices, settings), in en/fr/sw. */
export function scaffoldForms(names: ScaffoldNames): Map<string, { survey: Row[]; choices: Row[]; settings: Row }> {
  const { snake, title } = names;
  return new Map([
    [`forms/app/${snake}_enrollment.xlsx`, {
      survey: [
        ...INPUTS,
        { type: 'begin group', name: 'enrollment', ...label(title, title, title), appearance: 'field-list' },
        { type: 'select_one yes_no', name: 'consent', ...label('Has ${patient_name} agreed to receive SMS check-ins?', '${patient_name} accepte-t-il/elle de recevoir des suivis par SMS ?', 'Je, ${patient_name} amekubali kupokea ufuatiliaji kwa SMS?'), required: 'yes' },
        { type: 'select_one language', name: 'language', ...label('In which language should the SMS be sent?', 'Dans quelle langue envoyer les SMS ?', 'SMS zitumwe kwa lugha gani?'), required: 'yes', relevant: "${consent} = 'yes'" },
        { type: 'select_one yes_no', name: 'phone_confirmed', ...label('Is ${profile_phone} the number on which ${patient_name} receives SMS?', '${profile_phone} est-il le numéro sur lequel ${patient_name} reçoit les SMS ?', 'Je, ${profile_phone} ndiyo nambari ambayo ${patient_name} hupokea SMS?'), required: 'yes', relevant: "${consent} = 'yes'", constraint: ". = 'no' or regex(${profile_phone}, '^\\+[1-9][0-9]{6,14}$')", ...prefixed('constraint_message', 'The number on the profile is not in international format: answer No and enter it again.', 'Le numéro du profil n\'est pas au format international : répondez Non et saisissez-le à nouveau.', 'Nambari kwenye wasifu haiko katika muundo wa kimataifa: jibu Hapana na uiandike tena.') },
        { type: 'text', name: 'new_phone', ...label('Phone number for the SMS', 'Numéro de téléphone pour les SMS', 'Nambari ya simu kwa SMS'), required: 'yes', relevant: "${consent} = 'yes' and ${phone_confirmed} = 'no'", constraint: E164, ...prefixed('constraint_message', 'Use + and the country code, e.g. +254712345678.', 'Utilisez + et l\'indicatif du pays, ex. +254712345678.', 'Tumia + na msimbo wa nchi, mfano +254712345678.') },
        { type: 'calculate', name: 'profile_phone', calculation: '../../inputs/contact/phone' },
        { type: 'calculate', name: 'phone', calculation: "if(../consent = 'yes', if(../phone_confirmed = 'yes', ../profile_phone, ../new_phone), '')" },
        // the first daily check-in: tomorrow
        { type: 'calculate', name: 'first_check', calculation: "format-date(date(decimal-date-time(today()) + 1), '%Y-%m-%d')" },
        { type: 'end group', name: 'enrollment' },
      ],
      choices: [
        ...YES_NO,
        { list_name: 'language', name: 'en', ...label('English', 'Anglais', 'Kiingereza') },
        { list_name: 'language', name: 'fr', ...label('French', 'Français', 'Kifaransa') },
        { list_name: 'language', name: 'sw', ...label('Swahili', 'Swahili', 'Kiswahili') },
      ],
      settings: { form_title: `Enrol in ${title}`, form_id: `${snake}_enrollment`, version: '2026-01-01', default_language: 'en', style: 'pages' },
    }],
    [`forms/app/${snake}_follow_up.xlsx`, {
      survey: [
        ...INPUTS,
        { type: 'begin group', name: 'follow_up', ...label('Follow-up', 'Suivi', 'Ufuatiliaji'), appearance: 'field-list' },
        { type: 'select_one yes_no', name: 'reached', ...label('Did you reach ${patient_name}?', 'Avez-vous joint ${patient_name} ?', 'Je, ulimfikia ${patient_name}?'), required: 'yes' },
        { type: 'select_one outcome', name: 'outcome', ...label('Outcome', 'Résultat', 'Matokeo'), required: 'yes', relevant: "${reached} = 'yes'" },
        { type: 'end group', name: 'follow_up' },
      ],
      choices: [
        ...YES_NO,
        { list_name: 'outcome', name: 'resolved', ...label('Feels better: no further action', 'Va mieux : aucune autre action', 'Anajisikia vizuri: hakuna hatua zaidi') },
        { list_name: 'outcome', name: 'referred', ...label('Referred to a health facility', 'Orienté(e) vers un centre de santé', 'Amepewa rufaa kwenda kituo cha afya') },
      ],
      settings: { form_title: `${title}: follow-up`, form_id: `${snake}_follow_up`, version: '2026-01-01', default_language: 'en', style: 'pages' },
    }],
  ]);
}

function prefixed(column: string, en: string, fr: string, sw: string): Row {
  return { [`${column}::en`]: en, [`${column}::fr`]: fr, [`${column}::sw`]: sw };
}

/** Adds `import { <what> as <alias> } from '<from>';` and the `'<id>': <alias>,` entry to a registry (alias: the camelCase id). */
export function register(source: string, names: ScaffoldNames, what: string, from: string, registry: string, file: string, alias = names.camel): string {
  const open = source.indexOf(`${registry} = {`) >= 0 ? source.indexOf(`${registry} = {`) : source.search(new RegExp(`${registry}[^=]*= \\{`));
  const close = open < 0 ? -1 : source.indexOf('\n}', open);
  if (open < 0 || close < 0) throw new ScaffoldError(`${file}: cannot find the ${registry} list to register ${names.id} in; add it by hand`);
  const imports = [...source.matchAll(/^import .*;$/gm)];
  const lastImport = imports[imports.length - 1];
  if (!lastImport || lastImport.index === undefined) throw new ScaffoldError(`${file}: no import to add ${names.id}'s after`);
  const at = lastImport.index + lastImport[0].length;
  const withEntry = `${source.slice(0, close)}\n  '${names.id}': ${alias},${source.slice(close)}`;
  return `${withEntry.slice(0, at)}\nimport { ${what} as ${alias} } from '${from}';${withEntry.slice(at)}`;
}

/**
 * Gives the workflow its RapidPro group and the lowest priority for stray messages (the shared
 * start policy in src/workflows/shared.ts, typed by workflow id).
 */
export function registerGroup(source: string, names: ScaffoldNames, file: string): string {
  const groupOpen = source.indexOf('WORKFLOW_GROUP: Readonly<Record<WorkflowId, GroupDefinition>> = {');
  const groupClose = groupOpen < 0 ? -1 : source.indexOf('\n};', groupOpen);
  const priority = /STRAY_MESSAGE_PRIORITY: readonly WorkflowId\[\] = \[([^\]]*)\];/.exec(source);
  if (groupClose < 0 || !priority || priority.index === undefined) {
    throw new ScaffoldError(`${file}: cannot find WORKFLOW_GROUP and STRAY_MESSAGE_PRIORITY to register ${names.id} in; add it by hand`);
  }
  const group = names.title.replace(/["\\]/g, '').slice(0, 64);
  const withGroup = `${source.slice(0, groupClose)}\n  '${names.id}': contactGroup(${JSON.stringify(group)}),${source.slice(groupClose)}`;
  return withGroup.replace(priority[0], `STRAY_MESSAGE_PRIORITY: readonly WorkflowId[] = [${priority[1]}, '${names.id}'];`);
}

/** Writes the workflow into `projectDir` and registers it; refuses to overwrite anything. Returns the paths written. */
export function scaffoldWorkflow(projectDir: string, names: ScaffoldNames): string[] {
  const files = scaffoldFiles(names);
  const forms = scaffoldForms(names);
  const targets = [...files.keys(), ...forms.keys()];
  const existing = targets.filter((file) => fs.existsSync(path.join(projectDir, file)));
  if (existing.length) throw new ScaffoldError(`${existing[0]} already exists: workflow "${names.id}" (or its forms) is already in the project`);
  const registries = [
    { file: 'src/phone/workflows/index.ts', what: 'rules', from: `./${names.id}`, registry: 'RULES', alias: names.camel },
    { file: 'src/phone/workflows/tasks-and-targets.ts', what: 'tasks', from: `./${names.id}/tasks`, registry: 'TASKS', alias: `${names.camel}Tasks` },
    { file: 'src/phone/workflows/tasks-and-targets.ts', what: 'targets', from: `./${names.id}/targets`, registry: 'TARGETS', alias: `${names.camel}Targets` },
    { file: 'src/phone/workflows/summaries.ts', what: 'summary', from: `./${names.id}/summary`, registry: 'SUMMARIES', alias: `${names.camel}Summary` },
    { file: 'src/workflows/index.ts', what: 'workflow', from: `./${names.id}`, registry: 'WORKFLOWS', alias: names.camel },
  ];
  // compute every edit before writing anything: nothing is left half-way (a file with two registries gets both)
  const sources = new Map<string, string>();
  for (const { file, what, from, registry, alias } of registries) {
    const absolute = path.join(projectDir, file);
    if (!sources.has(absolute)) {
      if (!fs.existsSync(absolute)) throw new ScaffoldError(`${file} is missing: run new-workflow in the project's root`);
      sources.set(absolute, fs.readFileSync(absolute, 'utf8'));
    }
    sources.set(absolute, register(sources.get(absolute) as string, names, what, from, registry, file, alias));
  }
  const edits = [...sources].map(([absolute, content]) => ({ absolute, content }));
  const shared = 'src/workflows/shared.ts';
  const sharedPath = path.join(projectDir, shared);
  if (!fs.existsSync(sharedPath)) throw new ScaffoldError(`${shared} is missing: run new-workflow in the project's root`);
  edits.push({ absolute: sharedPath, content: registerGroup(fs.readFileSync(sharedPath, 'utf8'), names, shared) });
  for (const [file, content] of files) {
    fs.mkdirSync(path.dirname(path.join(projectDir, file)), { recursive: true });
    fs.writeFileSync(path.join(projectDir, file), content);
  }
  for (const [file, spec] of forms) {
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.json_to_sheet(spec.survey), 'survey');
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.json_to_sheet(spec.choices), 'choices');
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.json_to_sheet([spec.settings]), 'settings');
    XLSX.writeFile(workbook, path.join(projectDir, file));
  }
  for (const edit of edits) fs.writeFileSync(edit.absolute, edit.content);
  return [...targets, ...new Set(registries.map((registry) => registry.file)), shared];
}
