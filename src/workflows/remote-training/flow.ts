/**
 * The RapidPro flow of the ANC module: set the CHW's language, then for each question a lesson,
 * the question, a reply (letters, numbers or answer words, any case), one re-ask when the reply
 * is unclear, feedback, and a webhook that posts the answer to CHT; at the end the score, a
 * completion post, a thank-you and a note to the supervisor.
 */
import { FlowBuilder } from '../../rapidpro/flow/builder';
import { sendBroadcast, sendMsg, setContactLanguage, setRunResult } from '../../rapidpro/flow/actions';
import { CaseSpec, hasAnyWord, hasNumberEq, hasOnlyPhrase } from '../../rapidpro/flow/cases';
import { exportOf } from '../../rapidpro/export';
import { RapidProExport } from '../../rapidpro/flow/types';
import { RecordFieldSpec, ResponsePost } from '../../integration/response-form';
import { ANC_MODULE, OPTION_KEYS, QuizQuestion } from './anc-module';
import { BASE_LANGUAGE, TRANSLATIONS, completionText, eachLanguage, flowText, reaskText, questionText, rightText, supervisorText, wrongText } from './messages';
import { answerPosts, completePost } from './record';
import { OTHER, PARAM, RESULT, TRAINING_FLOW_KEY, TRAINING_FLOW_NAME, UNCLEAR, answerCategory } from './results';

/**
 * How a reply is matched to an option, in this order: the letter alone ("b", "B ", "(b)"), the
 * option's number ("2"), then a word of the option in the CHW's language ("refer"). Letters go
 * first so "b" is never read as a word of another option.
 */
export function answerCases(question: QuizQuestion): CaseSpec<string>[] {
  const letters = OPTION_KEYS.map((key) => ({ test: hasOnlyPhrase(key), category: answerCategory(key) }));
  const numbers = OPTION_KEYS.map((key, index) => ({ test: hasNumberEq(index + 1), category: answerCategory(key) }));
  const words = OPTION_KEYS.map((key) => ({
    test: hasAnyWord(eachLanguage((language) => question.options[key].words[language].join(' '))),
    category: answerCategory(key),
  }));
  return [...letters, ...numbers, ...words];
}

function webhookNode(flow: FlowBuilder, key: string, post: ResponsePost<Record<string, RecordFieldSpec>>, next: string | undefined): void {
  const webhook = post.webhook();
  // A failed post does not stop the training: `cht-rapidpro sync` recovers the record from the run.
  flow.callWebhook(key, {
    method: webhook.method,
    url: webhook.url,
    headers: webhook.headers,
    body: webhook.body,
    resultName: `${key}_status`,
    routes: { Success: next, Failure: next },
  });
}

export function buildTrainingFlow(): FlowBuilder {
  const questions = ANC_MODULE.questions;
  const total = questions.length;
  const flow = new FlowBuilder({
    name: TRAINING_FLOW_NAME,
    key: TRAINING_FLOW_KEY,
    language: BASE_LANGUAGE,
    localizations: TRANSLATIONS,
    // a week to finish, matching the supervisor's "not completed after 7 days" nudge
    expireAfterMinutes: 10080,
  });

  flow.actions('start', [
    setContactLanguage(`@trigger.params.${PARAM.language}`),
    // copied into results so every webhook value is a run result `sync` can read back
    setRunResult(RESULT.chwId, `@trigger.params.${PARAM.chwId}`),
    setRunResult(RESULT.enrollmentId, `@trigger.params.${PARAM.enrollmentId}`),
  ], { next: 'intro' });
  flow.actions('intro', [sendMsg(flowText(ANC_MODULE.intro))], { next: `${questions[0].id}_lesson` });

  questions.forEach((question, index) => {
    const id = question.id;
    const after = index + 1 < total ? `${questions[index + 1].id}_lesson` : 'score';
    const right = answerCategory(question.correct);
    const feedback = (category: string): string => (category === right ? `${id}_right` : `${id}_wrong`);
    const routes = Object.fromEntries(OPTION_KEYS.map((key) => [answerCategory(key), feedback(answerCategory(key))]));

    flow.send(`${id}_lesson`, flowText(question.lesson), { next: `${id}_ask` });
    flow.send(`${id}_ask`, eachLanguage((language) => questionText(question, language)), { next: `${id}_reply` });
    flow.waitForReply(`${id}_reply`, {
      resultName: id,
      cases: answerCases(question),
      other: OTHER,
      routes: { ...routes, [OTHER]: `${id}_reask` },
    });
    flow.send(`${id}_reask`, eachLanguage((language) => reaskText(question, language)), { next: `${id}_reply_again` });
    // the same result name: the second reply replaces the unclear first one
    flow.waitForReply(`${id}_reply_again`, {
      resultName: id,
      cases: answerCases(question),
      other: UNCLEAR,
      routes: { ...routes, [UNCLEAR]: `${id}_wrong` },
    });
    flow.send(`${id}_right`, eachLanguage((language) => rightText(question, language)), { next: `${id}_post` });
    flow.send(`${id}_wrong`, eachLanguage((language) => wrongText(question, language)), { next: `${id}_post` });
    webhookNode(flow, `${id}_post`, answerPosts.get(id) as ResponsePost<Record<string, RecordFieldSpec>>, after);
  });

  const points = questions.map((question) => `if(results.${question.id}.category = "${answerCategory(question.correct)}", 1, 0)`);
  flow.actions('score', [setRunResult(RESULT.score, `@(${points.join(' + ')})`)], { next: 'complete_post' });
  webhookNode(flow, 'complete_post', completePost, 'finish');
  flow.actions('finish', [
    sendMsg(completionText(total)),
    sendBroadcast({ to: [`@trigger.params.${PARAM.supervisorPhone}`], text: supervisorText(total) }),
  ]);
  return flow;
}

export const trainingFlow = buildTrainingFlow();

export function trainingExport(): RapidProExport {
  return exportOf([trainingFlow]);
}
