/**
 * What the three workflows' RapidPro sides share, so every workflow has the same shape:
 *
 * - languages: texts written once in CHT's locales (`Localized`) become flow texts (ISO 639-3);
 * - **the subject**: the CHT person a workflow follows on a phone, kept in the workflow's own
 *   contact fields (`<prefix>_contact_id`, `_name`, `_language`, `_enrollment_id`), never in a field
 *   another workflow writes, so one phone can carry several workflows (a CHW's own checks and a
 *   household member's quarantine) without one overwriting the other;
 * - **the enrolment flow**: a background flow (it never interrupts the flow the contact is
 *   answering) that saves the push's params, names the RapidPro contact, joins the group and
 *   welcomes the person — or, when the phone already follows someone else in this workflow, changes
 *   nothing and tells the health worker who enrolled them;
 * - **the start policy**: interactive flows run only from campaign events in skip mode, retried
 *   later the same day, and answer stray messages through one catch-all trigger per workflow in a
 *   fixed priority (rapidpro/README.md, "Which flow talks to a contact when");
 * - **replies as people type them**: yes/no questions and number questions parsed from free text
 *   in English, French and Swahili, digits only where the question offers them;
 * - **"Stop SMS"**: the push that starts a workflow's stop flow from `sms_withdrawal`.
 */
import { DocSource, FlowStartPush, flowStartPush } from '../integration/flow-start';
import { PathsOf } from '../phone/kit/app-form';
import { LOCALES, Locale, Localized } from '../phone/kit/locale';
import { WorkflowId } from '../phone/workflows';
import { WithdrawnProgramme, withdrawalForm } from '../phone/workflows/sms-withdrawal';
import { ActionSpec, addToGroups, removeFromGroups, sendBroadcast, sendMsg, setContactField, setContactLanguage, setContactName, setRunResult } from '../rapidpro/flow/actions';
import { FlowBuilder } from '../rapidpro/flow/builder';
import { CampaignBuilder } from '../rapidpro/flow/campaign';
import { CaseSpec, hasAnyWord, hasNumberBetween, hasNumberLt, hasOnlyText, hasPattern, hasText } from '../rapidpro/flow/cases';
import { contactField, contactGroup } from '../rapidpro/flow/fields';
import { NodeKey } from '../rapidpro/flow/node-spec';
import { Text } from '../rapidpro/flow/text';
import { catchAllTrigger, TriggerDefinition } from '../rapidpro/flow/triggers';
import { FieldDefinition, GroupDefinition } from '../rapidpro/flow/types';

// ---------------------------------------------------------------- languages and texts

/** CHT locale → the ISO 639-3 code RapidPro uses for contacts and flow localization. */
export const FLOW_LANGUAGE: Readonly<Record<Locale, string>> = { en: 'eng', fr: 'fra', sw: 'swa' };

/** Every flow's languages: English as the base, French and Swahili translations. */
export const FLOW_LANGUAGES = { language: FLOW_LANGUAGE.en, localizations: [FLOW_LANGUAGE.fr, FLOW_LANGUAGE.sw] } as const;

/** A text in every locale, as a flow text keyed by ISO 639-3 codes. */
export function sms(text: Localized): Text {
  const result: Record<string, string> = {};
  for (const locale of LOCALES) result[FLOW_LANGUAGE[locale]] = text[locale];
  return result;
}

/** Builds a text in every locale from a function of the locale. */
export function eachLocale(make: (locale: Locale) => string): Localized {
  return mapLocales(make);
}

/** Anything per locale, from a function of the locale. */
export function mapLocales<T>(make: (locale: Locale) => T): Readonly<Record<Locale, T>> {
  return { en: make('en'), fr: make('fr'), sw: make('sw') };
}

/** `@trigger.params.<key>`: a value the outbound push sent. */
export const param = (key: string): string => `@trigger.params.${key}`;

/** The phone number of the contact (`+2547…`), for texts that name it. */
export const CONTACT_PHONE = '@(urn_parts(contact.urn).path)';

// ---------------------------------------------------------------- the subject of a workflow on a phone

/** The params every enrolment push sends about the person it enrols. */
export const ENROLMENT_PARAM = {
  /** The CHT contact id the records are about. */
  contactId: 'cht_contact_id',
  /** The person's name in CHT: names the RapidPro contact and every SMS about them. */
  name: 'name',
  /** en, fr or sw (CHT's locales) or eng, fra or swa (ISO 639-3). */
  language: 'language',
  /** The enrolment report's id. */
  enrollmentId: 'enrollment_id',
} as const;

/** The contact fields in which a workflow keeps whom it follows on this phone. */
export interface Subject {
  contactId: FieldDefinition;
  name: FieldDefinition;
  /** ISO 639-3: every interactive run of the workflow speaks it, whatever other workflows set. */
  language: FieldDefinition;
  enrollmentId: FieldDefinition;
}

/** The subject fields of a workflow: `<prefix>_contact_id`, `_name`, `_language`, `_enrollment_id`. */
export function subjectFields(prefix: string, label: string): Subject {
  return {
    contactId: contactField(`${prefix}_contact_id`, `${label} Contact ID`),
    name: contactField(`${prefix}_name`, `${label} Name`),
    language: contactField(`${prefix}_language`, `${label} Language`),
    enrollmentId: contactField(`${prefix}_enrollment_id`, `${label} Enrollment ID`),
  };
}

/** An expression for an ISO 639-3 code from a param holding a CHT locale (en, fr, sw) or a code already. */
function isoLanguage(paramKey: string): string {
  const value = `trigger.params.${paramKey}`;
  return `@(if(${value} = "fr", "fra", if(${value} = "sw", "swa", if(${value} = "en", "eng", ${value}))))`;
}

/** Speak the subject's language from here on (kept when the field is empty). */
export function speakSubjectLanguage(subject: Subject): ActionSpec {
  return setContactLanguage(`@(default(fields.${subject.language.key}, contact.language))`);
}

/** The phone no longer follows anyone in this workflow: a later enrolment of another person is free to take it. */
export function releaseSubject(subject: Subject): ActionSpec {
  return setContactField(subject.contactId, '');
}

/**
 * Sends `text` in the subject's language, then gives the contact back the language it had, so a
 * run of another workflow waiting on this phone keeps reading replies in its own language.
 */
export function inSubjectLanguage(subject: Subject, key: string, text: Localized): ActionSpec[] {
  return [
    setRunResult(`${key}_previous_language`, '@contact.language'),
    setContactLanguage(`@fields.${subject.language.key}`),
    sendMsg(sms(text)),
    setContactLanguage(`@(default(results.${key}_previous_language.value, fields.${subject.language.key}))`),
  ];
}

export interface EnrolmentSpec {
  name: string;
  /** Stable key the flow's UUIDs derive from. */
  key: string;
  group: GroupDefinition;
  subject: Subject;
  /** The workflow's own fields, saved from the push's params after the subject's. */
  save: readonly ActionSpec[];
  welcome: Localized;
  /** The param holding the phone of the health worker who enrolled the person (may be empty). */
  enrollerPhone: string;
  /**
   * Sent to that phone when this phone already follows another person in this workflow: name the
   * new person (`@trigger.params.name`), the one followed (`@fields.<prefix>_name`) and the way forward.
   */
  conflict: Localized;
}

/**
 * The enrolment flow a push starts, in the background:
 * - `check`: is the phone free for this person in this workflow? Free when it follows nobody in
 *   it, or this same person (a re-enrolment moves the schedule);
 * - free: save the subject and the workflow's fields, name the RapidPro contact (only when it has
 *   no name yet: on a shared phone it keeps the name of the first person), join the group and send
 *   the welcome in the person's language;
 * - taken: change nothing — the other person's monitoring goes on — and SMS the enroller.
 */
export function enrolmentFlow(spec: EnrolmentSpec): FlowBuilder {
  const { subject } = spec;
  const id = `trigger.params.${ENROLMENT_PARAM.contactId}`;
  const flow = new FlowBuilder({ name: spec.name, key: spec.key, ...FLOW_LANGUAGES, type: 'messaging_background' })
    .split('check', {
      operand: `@(if(or(default(fields.${subject.contactId.key}, "") = "", fields.${subject.contactId.key} = ${id}), "free", "taken"))`,
      cases: [{ test: hasOnlyText('taken'), category: 'Taken' }],
      other: 'Free',
      routes: { Free: 'save', Taken: 'has_enroller' },
    })
    .actions('save', [
      setContactField(subject.contactId, param(ENROLMENT_PARAM.contactId)),
      setContactField(subject.name, `@(default(trigger.params.${ENROLMENT_PARAM.name}, ""))`),
      setContactField(subject.language, isoLanguage(ENROLMENT_PARAM.language)),
      setContactField(subject.enrollmentId, param(ENROLMENT_PARAM.enrollmentId)),
      ...spec.save,
      setContactName(`@(if(contact.name = "", default(trigger.params.${ENROLMENT_PARAM.name}, ""), contact.name))`),
      addToGroups(spec.group),
    ], { next: 'welcome' })
    .actions('welcome', inSubjectLanguage(subject, 'welcome', spec.welcome));
  return tellPhone(flow, 'has_enroller', { phone: param(spec.enrollerPhone), text: sms(spec.conflict) });
}

export interface StopSpec {
  name: string;
  /** Stable key the flow's UUIDs derive from. */
  key: string;
  group: GroupDefinition;
  subject: Subject;
  /** The node that confirms the stop (the caller adds it): reached only for the person this phone follows. */
  next: NodeKey;
}

/**
 * The stop flow a workflow's stop push starts, in the background: only for the person this phone
 * follows in the workflow (`cht_contact_id` in the push's params), it leaves the group (the
 * workflow's campaign and stray-message trigger stop) and frees the phone, then goes on to
 * `next`; on a phone that follows someone else it changes nothing. A question already waiting for
 * a reply asks nothing more: each first checks that the phone still follows the person.
 */
export function stopFlow(spec: StopSpec): FlowBuilder {
  const { subject } = spec;
  return new FlowBuilder({ name: spec.name, key: spec.key, ...FLOW_LANGUAGES, type: 'messaging_background' })
    .split('whose', {
      operand: `@(if(fields.${subject.contactId.key} = trigger.params.${ENROLMENT_PARAM.contactId}, "this", "other"))`,
      cases: [{ test: hasOnlyText('this'), category: 'This Person' }],
      other: 'Someone Else',
      routes: { 'This Person': 'leave' },
    })
    .actions('leave', [removeFromGroups(spec.group), releaseSubject(subject)], { next: spec.next });
}

// ---------------------------------------------------------------- who talks to a contact, when

/** Each workflow's group: its members get its scheduled runs and its answers to stray messages. */
export const WORKFLOW_GROUP: Readonly<Record<WorkflowId, GroupDefinition>> = {
  'contact-tracing': contactGroup('Quarantine'),
  'remote-training': contactGroup('CHW Training'),
  'chw-wellbeing': contactGroup('CHW Wellbeing'),
};

/**
 * Which workflow answers a message that arrives when no flow waits for the contact, when the
 * contact is in several groups: a quarantine first (a late "I have fever" must reach the CHW),
 * then a training (a CHW coming back to it), then the wellbeing check.
 */
export const STRAY_MESSAGE_PRIORITY: readonly WorkflowId[] = ['contact-tracing', 'remote-training', 'chw-wellbeing'];

/**
 * The workflow's catch-all trigger: its flow answers stray messages of its group's members who
 * are not in a group of higher priority (mailroom scores an excluded-groups match above a plain
 * one, so exactly one trigger matches any contact). Returns the groups it names, for the export.
 */
export function strayMessageTrigger(workflow: WorkflowId, flow: FlowBuilder): { trigger: TriggerDefinition; groups: GroupDefinition[] } {
  const higher = STRAY_MESSAGE_PRIORITY.slice(0, STRAY_MESSAGE_PRIORITY.indexOf(workflow)).map((id) => WORKFLOW_GROUP[id]);
  const group = WORKFLOW_GROUP[workflow];
  return { trigger: catchAllTrigger({ flow, groups: [group], excludeGroups: higher }), groups: [group, ...higher] };
}

/**
 * Schedules an interactive flow: `times` occurrences a day or a week apart from `relativeTo`, at
 * each of `hours`. Every event skips a contact who is answering another flow (start mode `S`:
 * never interrupt), so the later hours are the retries; the flow itself ends at once when its
 * occurrence already ran.
 */
export function scheduleInteractive(campaign: CampaignBuilder, spec: { flow: FlowBuilder; relativeTo: FieldDefinition; every: 'day' | 'week'; times: number; hours: readonly number[] }): CampaignBuilder {
  for (const hour of spec.hours) {
    campaign.repeat({ flow: spec.flow, relativeTo: spec.relativeTo, every: spec.every, times: spec.times, deliveryHour: hour, startMode: 'S' });
  }
  return campaign;
}

/** What an interactive run does when it starts (`@trigger.type`), with what it knows of its occurrence. */
export const RUN_REASON = { ask: 'ask', done: 'done', late: 'late', answered: 'answered' } as const;

/**
 * The reason an interactive run starts, from the occurrence it is for (`current`, e.g. the
 * quarantine day) and the fields marking the last occurrence asked and answered:
 * - `ask`: not asked yet (the scheduled event, or a message before it): ask now;
 * - `done`: asked already and started by a later event of the same occurrence: end quietly;
 * - `late`: a message after the questions closed unanswered: read it as the first answer;
 * - `answered`: a message after the occurrence was answered.
 */
export function runReason(current: string, asked: FieldDefinition, answered: FieldDefinition): string {
  const isMsg = 'trigger.type = "msg"';
  return `@(if(fields.${asked.key} = ${current}, if(${isMsg}, if(fields.${answered.key} = ${current}, "${RUN_REASON.answered}", "${RUN_REASON.late}"), "${RUN_REASON.done}"), "${RUN_REASON.ask}"))`;
}

// ---------------------------------------------------------------- replies as people type them

/** Anything but a letter or a digit (punctuation, spaces, emoji), in Go RE2 syntax. */
const NOT_ALNUM = '[^\\p{L}\\p{N}]';

/** A word in a pattern, tolerant of repeated letters ("yesss", "noo") and either apostrophe. */
function looseWord(word: string): string {
  return [...word].map((c) => (c === "'" ? "['’]" : /\p{L}/u.test(c) ? `${c}+` : `\\x{${(c.codePointAt(0) as number).toString(16)}}`)).join('');
}

/** The reply is only this number (or letter), give or take punctuation, spaces and emoji: "2", " 2.", "(b)", "b 👍". */
export function onlyPattern(token: string): string {
  return `^${NOT_ALNUM}*${token}${NOT_ALNUM}*$`;
}

/** The reply's first word is one of `words` (repeated letters allowed): "Yes, no cough", "NOOO". */
export function firstWordPattern(words: readonly string[]): string {
  return `^${NOT_ALNUM}*(?:${words.map(looseWord).join('|')})(?:[^\\p{L}\\p{N}'’]|$)`;
}

/** Words per locale. */
export type Words = Readonly<Record<Locale, readonly string[]>>;

/**
 * How people answer yes or no by SMS, in the three languages. Every contact's replies are read
 * with the words of all three (people mix languages: a contact recorded as English answers
 * "hapana"), except the few that mean something else in another language, which count only for
 * contacts of their own language (`ownLanguageOnly`).
 */
export const REPLY_WORDS = {
  /** As the first word of a reply. */
  yesFirst: { en: ['yes', 'yeah', 'yea', 'yep', 'yup', 'sure', 'y'], fr: ['oui', 'ouais', 'ouai'], sw: ['ndiyo', 'ndio', 'ndyo', 'ee', 'eeh', 'naam'] },
  noFirst: { en: ['no', 'nope', 'nop', 'nah', 'not', 'never', 'none', 'nothing', 'n'], fr: ['non', 'nan', 'pas', 'aucun', 'aucune', 'rien', 'jamais'], sw: ['hapana', 'hapan', 'hakuna', 'sina', 'siyo', 'sio', 'hamna', 'la'] },
  /** Anywhere in a reply, a negation answers no (checked before the yes words). */
  negation: {
    en: ['no', 'not', 'never', 'none', 'nothing', 'nope', 'nah', "don't", 'dont', 'don', "didn't", 'didnt', 'didn', "haven't", 'havent', 'haven', "doesn't", 'doesnt', 'doesn', "isn't", 'isnt', 'gone', 'recovered'],
    fr: ['non', 'pas', 'aucun', 'aucune', 'rien', 'jamais', 'nan', 'partie', 'passée', 'passee', 'guéri', 'guérie', 'gueri'],
    sw: ['hapana', 'sina', 'hakuna', 'siyo', 'sio', 'hamna', 'hana', 'sijapata', 'sijaona', 'imeisha', 'imepona', 'nimepona'],
  },
  /** Anywhere in a reply, after the negations. */
  affirmation: { en: ['yes', 'yeah', 'yep', 'yup'], fr: ['oui', 'ouais'], sw: ['ndiyo', 'ndio'] },
  /** "I'm fine": no symptom, no need, read as no after everything else. */
  wellness: { en: ['fine', 'well', 'good', 'great', 'healthy'], fr: ['bien', 'bon', 'bonne'], sw: ['sawa', 'salama', 'poa', 'mzima', 'nzuri', 'safi'] },
} as const satisfies Record<string, Words>;

/**
 * Words read only in their own language: Swahili "la" (no) is the French article ("j'ai de la
 * fièvre"); English "y" (yes) is French "there" ("y a pas de fièvre").
 */
export const OWN_LANGUAGE_ONLY: Readonly<Record<string, Locale>> = { la: 'sw', y: 'en' };

/** For each flow language: the words of every locale, less those another language reserves. */
function perLanguage(words: Words, make: (words: readonly string[]) => string): Text {
  const all = [...new Set(LOCALES.flatMap((locale) => words[locale]))];
  return sms(eachLocale((locale) => make(all.filter((word) => (OWN_LANGUAGE_ONLY[word] ?? locale) === locale))));
}

/** The category names every yes/no question uses. */
export const YES_NO = { yes: 'Yes', no: 'No' } as const;

/**
 * The cases of a yes/no question, in the order goflow tries them:
 * 1. with `menu`, the reply is only "1" (yes) or "2" (no) — the digits the question offers;
 * 2. the first word is a yes word, then a no word ("Yes, no cough" is yes; "Non merci" is no);
 * 3. a negation anywhere ("I don't have fever", "Sina homa", "pas de fièvre") is no;
 * 4. a yes word or one of `about` (the question's own words, e.g. fever, homa, fièvre) anywhere is
 *    yes ("I have had fever for 2 days", "Nina homa kwa siku 2");
 * 5. "I'm fine", "niko sawa", "ça va bien" is no.
 * Anything else — a number alone where the question offers none ("2 days"), an emoji, a question
 * back — is not understood and the question is asked again.
 */
export function yesNoCases(about: Words, options: { menu: boolean }): CaseSpec<'Yes' | 'No'>[] {
  const any = (words: Words): Text => perLanguage(words, (list) => list.join(' '));
  const affirm: Words = mapLocales((locale) => [...REPLY_WORDS.affirmation[locale], ...about[locale]]);
  const menu: CaseSpec<'Yes' | 'No'>[] = options.menu
    ? [{ test: hasPattern(onlyPattern('1')), category: YES_NO.yes }, { test: hasPattern(onlyPattern('2')), category: YES_NO.no }]
    : [];
  return [
    ...menu,
    { test: hasPattern(perLanguage(REPLY_WORDS.yesFirst, firstWordPattern)), category: YES_NO.yes },
    { test: hasPattern(perLanguage(REPLY_WORDS.noFirst, firstWordPattern)), category: YES_NO.no },
    { test: hasAnyWord(any(REPLY_WORDS.negation)), category: YES_NO.no },
    { test: hasAnyWord(any(affirm)), category: YES_NO.yes },
    { test: hasAnyWord(any(REPLY_WORDS.wellness)), category: YES_NO.no },
  ];
}

/**
 * Goes on to `next` only while the phone still follows the subject: "Stop SMS" (the stop flow) or
 * the end of the workflow frees the phone, and a run already under way then asks nothing more.
 */
export function whileFollowing(flow: FlowBuilder, key: NodeKey, subject: Subject, next: NodeKey): FlowBuilder {
  return flow.split(key, {
    operand: `@(default(fields.${subject.contactId.key}, ""))`,
    cases: [{ test: hasText(), category: 'Following' }],
    other: 'Released',
    routes: { Following: next },
  });
}

export interface YesNoQuestion<T extends string> {
  /** Node keys: the message, the wait, the re-ask after an unclear reply, and optionally a late entry. */
  nodes: { ask: NodeKey; wait: NodeKey; retry: NodeKey; late?: NodeKey };
  /** The run result the answer is saved as. */
  result: string;
  text: Text;
  retryText: Text;
  /** The question's own words, that answer yes when they come without a negation. */
  about: Words;
  /** The question offers "1 for YES, 2 for NO". */
  menu: boolean;
  quickReplies?: readonly Text[];
  timeout: { seconds: number; category: T; next: NodeKey };
  next: NodeKey;
  /** Where a late message that is no answer goes (from `nodes.late`). Default: ask the question. */
  lateOther?: NodeKey;
  /** Ask only while the phone follows this subject (`nodes.ask` checks, `<ask>_send` asks). */
  subject?: Subject;
}

/**
 * One yes/no question: ask, wait for the reply, re-ask on anything unclear, and on no answer go
 * to `timeout.next`. Categories: Yes, No, Other and the timeout category. With `nodes.late`, a
 * node that reads the message that started the run (`@input.text`) as the answer, for a reply
 * that arrives after the question closed.
 */
export function askYesNo<const T extends string>(flow: FlowBuilder, question: YesNoQuestion<T>): FlowBuilder {
  const cases = yesNoCases(question.about, { menu: question.menu });
  const options = question.quickReplies ? { quickReplies: question.quickReplies } : {};
  const send = question.subject ? `${question.nodes.ask}_send` : question.nodes.ask;
  if (question.subject) whileFollowing(flow, question.nodes.ask, question.subject, send);
  flow
    .send(send, question.text, { ...options, next: question.nodes.wait })
    .waitForReply(question.nodes.wait, {
      resultName: question.result,
      cases,
      timeout: { seconds: question.timeout.seconds, category: question.timeout.category },
      routes: { Yes: question.next, No: question.next, Other: question.nodes.retry, [question.timeout.category]: question.timeout.next } as Record<'Yes' | 'No' | 'Other' | T, NodeKey>,
    })
    .send(question.nodes.retry, question.retryText, { ...options, next: question.nodes.wait });
  if (question.nodes.late) {
    flow.split(question.nodes.late, {
      operand: '@input.text',
      resultName: question.result,
      cases,
      routes: { Yes: question.next, No: question.next, Other: question.lateOther ?? question.nodes.ask },
    });
  }
  return flow;
}

// ---------------------------------------------------------------- shapes every workflow's flows share

/**
 * Sends `text` by SMS to the phone a template holds (a contact field or a param, e.g. the CHW's),
 * when it holds one: a split `key` (Phone / No Phone), then the broadcast `<key>_send`. Both go on
 * to `next`; without a phone, to `otherwise` (default `next`). No broadcast to an empty phone,
 * which RapidPro would log as an error.
 */
export function tellPhone(flow: FlowBuilder, key: NodeKey, spec: { phone: string; text: Text; next?: NodeKey; otherwise?: NodeKey }): FlowBuilder {
  const path = spec.phone.replace(/^@/, '');
  return flow
    .split(key, {
      operand: `@(default(${path}, ""))`,
      cases: [{ test: hasText(), category: 'Phone' }],
      other: 'No Phone',
      routes: { Phone: `${key}_send`, 'No Phone': spec.otherwise ?? spec.next },
    })
    .actions(`${key}_send`, [sendBroadcast({ to: [spec.phone], text: spec.text })], { next: spec.next });
}

export interface OccurrenceSpec {
  /** The occurrence now (1 on the first day or week), an expression. */
  operand: string;
  /** The last occurrence (a number or a template like `@fields.quarantine_length`). */
  last: number | string;
  /** The result the occurrence is saved as (`@results.<key>.value`), and the category of an occurrence in range. */
  resultName: string;
  current: string;
  group: GroupDefinition;
  subject: Subject;
  /** The fields marking the last occurrence asked and answered. */
  asked: FieldDefinition;
  answered: FieldDefinition;
  texts: { notStarted: Localized; ended: Localized };
  /** Where each reason goes: ask the first question, read a late message as its answer, a message after answering. */
  next: { ask: NodeKey; late: NodeKey; answered: NodeKey };
}

/**
 * The start of a scheduled interactive flow, the same in every workflow: which occurrence this is
 * (`period`: in range, not started — only a message can come before the first —, or after the last,
 * which ends the workflow for the phone: leave the group, free the phone, say goodbye), then why
 * the run started (`reason`, see `runReason`), marking the occurrence asked before asking.
 */
export function scheduledOccurrence(flow: FlowBuilder, key: NodeKey, spec: OccurrenceSpec): FlowBuilder {
  const current = `results.${spec.resultName}.value`;
  return flow
    .split(key, {
      operand: spec.operand,
      cases: [
        { test: hasNumberBetween(1, spec.last), category: spec.current },
        { test: hasNumberLt(1), category: 'Not Started' },
      ],
      other: 'Ended',
      resultName: spec.resultName,
      routes: { [spec.current]: 'reason', 'Not Started': 'not_started', Ended: 'ended' },
    })
    .send('not_started', sms(spec.texts.notStarted))
    .actions('ended', [removeFromGroups(spec.group), releaseSubject(spec.subject), sendMsg(sms(spec.texts.ended))])
    .split('reason', {
      operand: runReason(current, spec.asked, spec.answered),
      cases: [
        { test: hasOnlyText(RUN_REASON.ask), category: 'Ask' },
        { test: hasOnlyText(RUN_REASON.late), category: 'Late' },
        { test: hasOnlyText(RUN_REASON.answered), category: 'Answered' },
      ],
      other: 'Done',
      routes: { Ask: 'asked', Late: spec.next.late, Answered: spec.next.answered },
    })
    .actions('asked', [setContactField(spec.asked, `@${current}`)], { next: spec.next.ask });
}

/** Marks the occurrence answered (`answered` field), then goes on. */
export function markAnswered(spec: Pick<OccurrenceSpec, 'resultName' | 'answered'>): ActionSpec {
  return setContactField(spec.answered, `@results.${spec.resultName}.value`);
}

// ---------------------------------------------------------------- "Stop SMS"

type WithdrawalForm = typeof withdrawalForm;

/**
 * The push that starts a workflow's stop flow when a health worker records "Stop SMS"
 * (`sms_withdrawal`) for its programme: at the number the SMS go to, with the workflow's params.
 */
export function withdrawalPush(spec: {
  name: string;
  programme: WithdrawnProgramme;
  flow: FlowBuilder;
  params: Record<string, DocSource<PathsOf<WithdrawalForm>>>;
}): FlowStartPush<WithdrawalForm> {
  return flowStartPush({
    name: spec.name,
    form: withdrawalForm,
    flow: spec.flow,
    phone: { field: 'withdrawal.sms_phone' },
    when: { field: 'withdrawal.programme', value: spec.programme },
    params: spec.params,
  });
}
