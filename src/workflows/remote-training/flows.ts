/**
 * The RapidPro flow of the ANC module: set the CHW's language, then for each question a lesson,
 * the question, a reply (letters, numbers or answer words, any case), one re-ask when the reply
 * is unclear, feedback, and a webhook that posts the answer to CHT as an `RP_TRAINING` record; at
 * the end the score, a completion post, a thank-you and a note to the supervisor.
 */
import { recordPost } from '../../integration/record-post';
import { constant, resultCategory, resultFlag, resultNumber, resultText } from '../../integration/sources';
import { MODULES, trainingRecord } from '../../phone/workflows/remote-training/model';
import { sendBroadcast, sendMsg, setContactLanguage, setRunResult } from '../../rapidpro/flow/actions';
import { FlowBuilder } from '../../rapidpro/flow/builder';
import { CaseSpec, hasAnyWord, hasNumberEq, hasOnlyPhrase } from '../../rapidpro/flow/cases';
import { FLOW_LANGUAGES, eachLocale, sms } from '../shared';
import { RapidProApp } from '../workflow';
import { ANC_MODULE, OPTION_KEYS, OptionKey, QuizQuestion, STOPPED, completionText, questionText, reaskText, rightText, supervisorText, wrongText } from './messages';

/** Never change: the flow's UUIDs are derived from it. */
const FLOW_KEY = 'remote-training-anc';

/** Flow params the push sends; the flow reads them as `@trigger.params.<key>`. */
export const PARAM = {
  chwId: 'chw_id',
  enrollmentId: 'enrollment_id',
  module: 'module',
  /** ISO 639-3 (eng, fra, swa): set as the contact's language so the flow speaks it. */
  language: 'language',
  supervisorPhone: 'supervisor_phone',
  chwName: 'chw_name',
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

/** The category of a recognised answer: the option letter, upper case (A, B, C). */
export function answerCategory(key: OptionKey): string {
  return key.toUpperCase();
}

/** First reply not understood: the question is asked once more. */
export const OTHER = 'Other';
/** Second reply not understood either: recorded as a wrong answer. */
export const UNCLEAR = 'Unclear';

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

// ---------------------------------------------------------------- the flow

/**
 * How a reply is matched to an option, in this order: the letter alone ("b", "B ", "(b)"), the
 * option's number ("2"), then a word of the option in the CHW's language ("refer"). Letters go
 * first so "b" is never read as a word of another option.
 */
export function answerCases(question: QuizQuestion): CaseSpec<string>[] {
  const letters = OPTION_KEYS.map((key) => ({ test: hasOnlyPhrase(key), category: answerCategory(key) }));
  const numbers = OPTION_KEYS.map((key, index) => ({ test: hasNumberEq(index + 1), category: answerCategory(key) }));
  const words = OPTION_KEYS.map((key) => ({
    test: hasAnyWord(sms(eachLocale((locale) => question.options[key].words[locale].join(' ')))),
    category: answerCategory(key),
  }));
  return [...letters, ...numbers, ...words];
}

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
    // a week to finish, matching the supervisor's "not completed after 7 days" nudge
    expireAfterMinutes: 10080,
  });

  flow.actions('start', [
    setContactLanguage(`@trigger.params.${PARAM.language}`),
    // copied into results so every webhook value is a run result `sync` can read back
    setRunResult(RESULT.chwId, `@trigger.params.${PARAM.chwId}`),
    setRunResult(RESULT.enrollmentId, `@trigger.params.${PARAM.enrollmentId}`),
  ], { next: 'intro' });
  flow.actions('intro', [sendMsg(sms(ANC_MODULE.intro))], { next: `${questions[0].id}_lesson` });

  questions.forEach((question, index) => {
    const id = question.id;
    const after = index + 1 < total ? `${questions[index + 1].id}_lesson` : 'score';
    const right = answerCategory(question.correct);
    const feedback = (category: string): string => (category === right ? `${id}_right` : `${id}_wrong`);
    const routes = Object.fromEntries(OPTION_KEYS.map((key) => [answerCategory(key), feedback(answerCategory(key))]));

    flow.send(`${id}_lesson`, sms(question.lesson), { next: `${id}_ask` });
    flow.send(`${id}_ask`, sms(eachLocale((locale) => questionText(question, locale))), { next: `${id}_reply` });
    flow.waitForReply(`${id}_reply`, {
      resultName: id,
      cases: answerCases(question),
      other: OTHER,
      routes: { ...routes, [OTHER]: `${id}_reask` },
    });
    flow.send(`${id}_reask`, sms(eachLocale((locale) => reaskText(question, locale))), { next: `${id}_reply_again` });
    // the same result name: the second reply replaces the unclear first one
    flow.waitForReply(`${id}_reply_again`, {
      resultName: id,
      cases: answerCases(question),
      other: UNCLEAR,
      routes: { ...routes, [UNCLEAR]: `${id}_wrong` },
    });
    flow.send(`${id}_right`, sms(eachLocale((locale) => rightText(question, locale))), { next: `${id}_post` });
    flow.send(`${id}_wrong`, sms(eachLocale((locale) => wrongText(question, locale))), { next: `${id}_post` });
    // A failed post does not stop the training: `cht-rapidpro sync` recovers the record from the run.
    const post = answerPosts.get(id);
    if (!post) throw new Error(`no RP_TRAINING post for question ${id}`);
    flow.callWebhook(`${id}_post`, { source: post, resultName: `${id}_post_status`, routes: { Success: after, Failure: after } });
  });

  const points = questions.map((question) => `if(results.${question.id}.category = "${answerCategory(question.correct)}", 1, 0)`);
  flow.actions('score', [setRunResult(RESULT.score, `@(${points.join(' + ')})`)], { next: 'complete_post' });
  flow.callWebhook('complete_post', { source: completePost, resultName: 'complete_post_status', routes: { Success: 'finish', Failure: 'finish' } });
  flow.actions('finish', [
    sendMsg(sms(completionText(total))),
    sendBroadcast({ to: [`@trigger.params.${PARAM.supervisorPhone}`], text: sms(supervisorText(total)) }),
  ]);
  return flow;
}

export const trainingFlow = buildTrainingFlow();

/**
 * Started by `rapidpro_training_stop` ("Stop SMS", training). Starting it is what stops the
 * training: RapidPro interrupts the run a contact is in when it starts them in another flow (the
 * push must not set `exclude_active`). It confirms with one SMS in the contact's language.
 */
export const stopFlow = new FlowBuilder({ name: 'CHW Training Stop', key: 'remote-training-stop', ...FLOW_LANGUAGES, expireAfterMinutes: 60 })
  .send('stopped', sms(STOPPED));

export const rapidpro: RapidProApp = {
  file: 'remote-training.json',
  flows: [trainingFlow, stopFlow],
};
