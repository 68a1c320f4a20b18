/**
 * The RapidPro side of the ANC training: an enrolment flow the push starts in the background, a
 * campaign that starts the training as soon as the CHW is not answering another SMS check, the
 * training flow, and the catch-all trigger through which a CHW's reply continues a paused training.
 *
 * The training flow: the CHW's language, then for each question a lesson, the question, a reply
 * (parsed as people type it: the letter, the option's words in any of the three languages, the
 * position's digit where the options are no numbers), one re-ask when the reply is unclear,
 * feedback, and a webhook that posts the answer to CHT as an `RP_TRAINING` record; at the end the
 * score, a completion post, a thank-you and a note to the supervisor.
 *
 * It never holds the phone for long: a question left unanswered for a few hours pauses the
 * training (`training_next` remembers where), which frees the phone for the other workflows'
 * checks; the training goes on when the CHW replies (the catch-all trigger reads the reply as the
 * answer to that question) or the next day (the campaign, relative to `training_due`). Progress
 * lives in contact fields (`training_next`, `training_score`), so a training spread over several
 * runs scores the same as one in a single run.
 */
import { recordPost } from '../../integration/record-post';
import { constant, resultCategory, resultFlag, resultNumber, resultText } from '../../integration/sources';
import { HOUR, SECOND } from '../../phone/kit/time';
import { ID, MODULES, trainingRecord } from '../../phone/workflows/remote-training/model';
import { removeFromGroups, sendMsg, setContactField, setRunResult } from '../../rapidpro/flow/actions';
import { FlowBuilder } from '../../rapidpro/flow/builder';
import { CampaignBuilder } from '../../rapidpro/flow/campaign';
import { CaseSpec, hasNumberGte, hasOnlyText, hasPattern, hasText } from '../../rapidpro/flow/cases';
import { contactField } from '../../rapidpro/flow/fields';
import { quote } from '../../integration/sources';
import {
  eachLocale, ENROLMENT_PARAM, enrolmentFlow as enrolment, FLOW_LANGUAGES, inSubjectLanguage, onlyPattern, param, releaseSubject, sms, speakSubjectLanguage, stopFlow as stopFlowFor, strayMessageTrigger, subjectFields, tellPhone, whileFollowing, WORKFLOW_GROUP,
} from '../shared';
import { RapidProApp } from '../workflow';
import {
  ANC_MODULE, OPTION_KEYS, OptionKey, PAUSED, PHONE_IN_USE, QuizQuestion, STOPPED, WELCOME, WITHDRAWN, completionText, questionText, reaskText,
  rightText, supervisorText, wrongText,
} from './messages';

/** Never change: the flow's UUIDs are derived from it. */
const FLOW_KEY = 'remote-training-anc';

/** Flow params the push sends; the enrolment flow reads them as `@trigger.params.<key>`. */
export const PARAM = {
  ...ENROLMENT_PARAM,
  module: 'module',
  supervisorPhone: 'supervisor_phone',
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

/** Which CHW this phone's training is about. */
export const SUBJECT = subjectFields('training', 'Training');

export const FIELD = {
  ...SUBJECT,
  module: contactField('training_module', 'Training Module'),
  supervisorPhone: contactField('training_supervisor_phone', 'Training Supervisor Phone'),
  /** When the training is next due to (re)start: the campaign's events count from it. */
  due: contactField('training_due', 'Training Due', 'datetime'),
  /** When the CHW was enrolled: after 7 days without finishing, the reminders stop. */
  enrolled: contactField('training_enrolled', 'Training Enrolled', 'datetime'),
  /** The question the CHW is at (its id), empty before the first. */
  next: contactField('training_next', 'Training Next Question'),
  /** Right answers so far, across the runs of this enrolment. */
  score: contactField('training_score', 'Training Score', 'number'),
} as const;

export const group = WORKFLOW_GROUP[ID];

/** The category of a recognised answer: the option letter, upper case (A, B, C). */
export function answerCategory(key: OptionKey): string {
  return key.toUpperCase();
}

/** Words of no single option: the question is asked once more. */
export const OTHER = 'Other';
/** Second reply not understood either: recorded as a wrong answer. */
export const UNCLEAR = 'Unclear';
/** A reply that is no letter or position: the option words decide. */
const WORDS = 'Words';

/** A question left this long without a reply pauses the training. */
const ANSWER_TIMEOUT_SECONDS = (4 * HOUR) / SECOND;
/** The reminders stop this many days after enrolment (the supervisor's "not completed" task is due then). */
const DAYS_TO_FINISH = 7;
/** Starts after enrolment or a pause, in minutes from `training_due`: at once, then retried while the CHW answers another check. */
const START_MINUTES = [1, 60, 120, 180, 240, 360, 480, 720, 1440, 2160, 2880];

// ---------------------------------------------------------------- the records the flow posts

const common = {
  subject: resultText(RESULT.chwId),
  module: constant(ANC_MODULE.id),
  enrollment_id: resultText(RESULT.enrollmentId),
};

/** One post per question: step and `question_id` are the question id, so each answer has its own `rp_event_id`. */
export const answerPosts = new Map(ANC_MODULE.questions.map((question: QuizQuestion) => {
  const right = answerCategory(question.correct);
  const wrong = [...OPTION_KEYS.filter((key) => key !== question.correct).map(answerCategory), UNCLEAR];
  return [question.id, recordPost(trainingRecord, {
    step: question.id,
    presentWhen: question.id,
    subject: common.subject,
    values: {
      kind: constant('answer'),
      module: common.module,
      enrollment_id: common.enrollment_id,
      question_id: constant(question.id),
      topic: constant(question.topic),
      answer: resultCategory(question.id),
      correct: resultFlag(question.id, [right], wrong),
    },
  })] as const;
}));

export const completePost = recordPost(trainingRecord, {
  step: 'complete',
  presentWhen: RESULT.score,
  subject: common.subject,
  values: {
    kind: constant('complete'),
    module: common.module,
    enrollment_id: common.enrollment_id,
    score: resultNumber(RESULT.score),
    total: constant(ANC_MODULE.questions.length),
  },
});

// ---------------------------------------------------------------- reading a reply

const NOT_ALNUM = '[^\\p{L}\\p{N}]';

/** The option's letter alone ("b", "B.", "(b)", "b 👍") or quoting the option ("B) Refer her", "b - refer"). */
export function letterPattern(key: OptionKey): string {
  return `^${NOT_ALNUM}*${key}(?:${NOT_ALNUM}*$|\\s*[).:/-])`;
}

/**
 * The letter and position cases of a question: the letter as the reply (or quoting the option),
 * then, unless the options are numbers, the position's digit alone ("2" for B).
 */
export function letterCases(question: QuizQuestion): CaseSpec<string>[] {
  const letters = OPTION_KEYS.map((key) => ({ test: hasPattern(letterPattern(key)), category: answerCategory(key) }));
  const positions = question.numericOptions ? [] : OPTION_KEYS.map((key, index) => ({ test: hasPattern(onlyPattern(String(index + 1))), category: answerCategory(key) }));
  return [...letters, ...positions];
}

/** Every word of an option, in all three languages: a CHW may answer in another language than the lessons'. */
export function optionWords(question: QuizQuestion, key: OptionKey): string[] {
  const option = question.options[key];
  return [...new Set((['en', 'fr', 'sw'] as const).flatMap((locale) => option.words[locale]))];
}

/**
 * The option a reply names by its words: the letter of the one option whose words it has, and
 * nothing when it has none or several ("not rest at home, refer her" names A and B: asked again).
 */
export function wordsOperand(question: QuizQuestion): string {
  const mentions = Object.fromEntries(OPTION_KEYS.map((key) => [key, `has_any_word(input.text, ${quote(optionWords(question, key).join(' '))})`])) as Record<OptionKey, string>;
  const only = (key: OptionKey) => {
    const others = OPTION_KEYS.filter((other) => other !== key).map((other) => mentions[other]);
    return `and(${mentions[key]}, if(or(${others.join(', ')}), false, true))`;
  };
  return `@(${OPTION_KEYS.reduceRight((rest, key) => `if(${only(key)}, ${quote(answerCategory(key))}, ${rest})`, '""')})`;
}

function wordsCases(): CaseSpec<string>[] {
  return OPTION_KEYS.map((key) => ({ test: hasOnlyText(answerCategory(key)), category: answerCategory(key) }));
}

// ---------------------------------------------------------------- the flows

/** Started by the `rapidpro_training_start` push, in the background: the training itself starts from the campaign. */
export const enrolmentFlow = enrolment({
  name: 'CHW Training Enrolment',
  key: 'remote-training-enrolment',
  group,
  subject: SUBJECT,
  save: [
    setContactField(FIELD.module, param(PARAM.module)),
    setContactField(FIELD.supervisorPhone, `@(default(trigger.params.${PARAM.supervisorPhone}, ""))`),
    setContactField(FIELD.next, ''),
    setContactField(FIELD.score, '0'),
    setContactField(FIELD.enrolled, '@(now())'),
    setContactField(FIELD.due, '@(now())'),
  ],
  welcome: WELCOME,
  enrollerPhone: PARAM.supervisorPhone,
  conflict: PHONE_IN_USE,
});

function buildTrainingFlow(): FlowBuilder {
  const questions = ANC_MODULE.questions;
  if (questions.map((question) => question.id).join() !== MODULES.anc.join()) {
    throw new Error(`the ANC module's questions (${questions.map((question) => question.id).join(', ')}) must be MODULES.anc in src/phone/workflows/remote-training/model.ts, in order`);
  }
  const total = questions.length;
  const flow = new FlowBuilder({
    name: 'CHW Training - Antenatal Care',
    key: FLOW_KEY,
    ...FLOW_LANGUAGES,
    // longer than a question's wait, after which the training pauses
    expireAfterMinutes: 1440,
  });

  flow.actions('start', [
    speakSubjectLanguage(SUBJECT),
    // copied into results so every webhook value is a run result `sync` can read back
    setRunResult(RESULT.chwId, `@fields.${FIELD.contactId.key}`),
    setRunResult(RESULT.enrollmentId, `@fields.${FIELD.enrollmentId.key}`),
  ], { next: 'how' });
  // a reply that continues a paused training is the answer to the question it was at
  flow.split('how', {
    operand: '@trigger.type',
    cases: [{ test: hasOnlyText('msg'), category: 'Reply' }],
    other: 'Scheduled',
    routes: { Reply: 'continue_with_reply', Scheduled: 'continue' },
  });
  const resume = (target: (id: string) => string) => ({
    operand: `@fields.${FIELD.next.key}`,
    cases: questions.map((question) => ({ test: hasOnlyText(question.id), category: question.id })),
    other: 'Beginning',
    routes: { ...Object.fromEntries(questions.map((question) => [question.id, target(question.id)])), Beginning: 'intro' },
  });
  flow.split('continue', resume((id) => `${id}_lesson`));
  flow.split('continue_with_reply', resume((id) => `${id}_answer`));
  flow.actions('intro', [sendMsg(sms(ANC_MODULE.intro))], { next: `${questions[0].id}_lesson` });

  questions.forEach((question, index) => {
    const id = question.id;
    const after = index + 1 < total ? `${questions[index + 1].id}_lesson` : 'score';
    const right = answerCategory(question.correct);
    // The question's result holds only a final answer (A, B, C, or Unclear after two unclear
    // replies): the splits read into a scratch result, and one node per outcome saves the answer.
    // So a run waiting for the re-ask has no answer yet, and `sync` cannot post one too early.
    const reading = `${id}_reading`;
    const outcome = (category: string): string => `${id}_is_${category.toLowerCase()}`;
    const routes = Object.fromEntries(OPTION_KEYS.map((key) => [answerCategory(key), outcome(answerCategory(key))]));
    for (const category of [...OPTION_KEYS.map(answerCategory), UNCLEAR]) {
      flow.actions(outcome(category), [setRunResult(id, `@results.${reading}.value`, category)], { next: category === right ? `${id}_right` : `${id}_wrong` });
    }

    whileFollowing(flow, `${id}_lesson`, SUBJECT, `${id}_teach`);
    flow.actions(`${id}_teach`, [setContactField(FIELD.next, id), sendMsg(sms(question.lesson))], { next: `${id}_ask` });
    flow.send(`${id}_ask`, sms(eachLocale((locale) => questionText(question, locale))), { next: `${id}_reply` });
    // two attempts: an unclear first reply is asked again, an unclear second one is wrong
    for (const attempt of ['', '_again'] as const) {
      flow.waitForReply(`${id}_reply${attempt}`, {
        cases: [{ test: hasText(), category: 'Replied' }],
        timeout: { seconds: ANSWER_TIMEOUT_SECONDS, category: 'No Response' },
        routes: { Replied: `${id}_answer${attempt}`, 'No Response': 'pause' },
      });
      flow.split(`${id}_answer${attempt}`, {
        operand: '@input.text',
        resultName: reading,
        cases: letterCases(question),
        other: WORDS,
        routes: { ...routes, [WORDS]: `${id}_words${attempt}` },
      });
      flow.split(`${id}_words${attempt}`, {
        operand: wordsOperand(question),
        resultName: reading,
        cases: wordsCases(),
        other: attempt === '' ? OTHER : UNCLEAR,
        routes: { ...routes, [attempt === '' ? OTHER : UNCLEAR]: attempt === '' ? `${id}_reask` : outcome(UNCLEAR) },
      });
    }
    flow.send(`${id}_reask`, sms(eachLocale((locale) => reaskText(question, locale))), { next: `${id}_reply_again` });
    flow.actions(`${id}_right`, [
      setContactField(FIELD.score, `@(default(fields.${FIELD.score.key}, 0) + 1)`),
      sendMsg(sms(eachLocale((locale) => rightText(question, locale)))),
    ], { next: `${id}_post` });
    flow.send(`${id}_wrong`, sms(eachLocale((locale) => wrongText(question, locale))), { next: `${id}_post` });
    // A failed post does not stop the training: `cht-rapidpro sync` recovers the record from the run.
    const post = answerPosts.get(id);
    if (!post) throw new Error(`no RP_TRAINING post for question ${id}`);
    flow.callWebhook(`${id}_post`, { source: post, resultName: `${id}_post_status`, routes: { Success: after, Failure: after } });
  });

  flow.actions('score', [setRunResult(RESULT.score, `@fields.${FIELD.score.key}`)], { next: 'complete_post' });
  flow.callWebhook('complete_post', { source: completePost, resultName: 'complete_post_status', routes: { Success: 'finish', Failure: 'finish' } });
  flow.actions('finish', [sendMsg(sms(completionText(total)))], { next: 'tell_supervisor' });
  tellPhone(flow, 'tell_supervisor', { phone: `@fields.${FIELD.supervisorPhone.key}`, text: sms(supervisorText(total)), next: 'same_enrolment' });
  // a re-enrolment while this run went on keeps the phone and the group for the new training
  flow.split('same_enrolment', {
    operand: `@(if(fields.${FIELD.enrollmentId.key} = results.${RESULT.enrollmentId}.value, "same", "new"))`,
    cases: [{ test: hasOnlyText('same'), category: 'Same' }],
    other: 'New',
    routes: { Same: 'done' },
  });
  flow.actions('done', [removeFromGroups(group), releaseSubject(SUBJECT)]);

  // no reply for hours: free the phone, and come back tomorrow, or stop after a week
  flow.split('pause', {
    operand: `@(datetime_diff(fields.${FIELD.enrolled.key}, now(), "D"))`,
    cases: [{ test: hasNumberGte(DAYS_TO_FINISH), category: 'Too Long' }],
    other: 'Pause',
    routes: { 'Too Long': 'stop', Pause: 'paused' },
  });
  flow.actions('paused', [setContactField(FIELD.due, '@(datetime_add(now(), 1, "D"))'), sendMsg(sms(PAUSED))]);
  flow.actions('stop', [sendMsg(sms(STOPPED)), removeFromGroups(group), releaseSubject(SUBJECT)]);
  return flow;
}

export const trainingFlow = buildTrainingFlow();

/** Starts the training flow after enrolment and after each pause, retried in skip mode while the CHW answers another check. */
export const trainingCampaign = START_MINUTES.reduce(
  (campaign, minutes) => campaign.event({ flow: trainingFlow, relativeTo: FIELD.due, offset: minutes % 60 === 0 ? minutes / 60 : minutes, unit: minutes % 60 === 0 ? 'H' : 'M', startMode: 'S' }),
  new CampaignBuilder({ key: 'remote-training-starts', name: 'CHW Training Starts', group }),
);

const stray = strayMessageTrigger(ID, trainingFlow);

/**
 * Started by `rapidpro_training_stop` ("Stop SMS", training), in the background like every push:
 * for the CHW this phone follows, it leaves the group (no more lessons are scheduled, stray
 * messages no longer resume the training) and frees the phone, then confirms in the CHW's language.
 * A lesson already waiting for a reply goes no further: each reply first checks that the phone
 * still follows the CHW.
 */
export const stopFlow = stopFlowFor({ name: 'CHW Training Stop', key: 'remote-training-stop', group, subject: SUBJECT, next: 'stopped' })
  .actions('stopped', inSubjectLanguage(SUBJECT, 'stopped', WITHDRAWN));

export const rapidpro: RapidProApp = {
  file: 'remote-training.json',
  flows: [enrolmentFlow, trainingFlow, stopFlow],
  campaigns: [trainingCampaign],
  triggers: [stray.trigger],
  fields: Object.values(FIELD),
  groups: stray.groups,
};
