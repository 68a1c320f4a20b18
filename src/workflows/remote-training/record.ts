/**
 * `RP_TRAINING`: how the training flow's answers come back to CHT. One record per quiz answer
 * (`kind` answer, `step` = question id) and one at the end (`kind` complete, with the score), each
 * linked to the CHW's contact through `patient_id` (the CHT contact id the push sent as a flow param).
 */
import { ReportDoc } from '../../cht/docs';
import { textField } from '../../cht/fields';
import { responseForm } from '../../integration/response-form';
import { constant, resultCategory, resultFlag, resultNumber, resultText } from '../../integration/sources';
import { ANC_MODULE, OPTION_KEYS, QuizQuestion } from './anc-module';
import { RESULT, UNCLEAR, answerCategory } from './results';

export const trainingRecord = responseForm({
  code: 'RP_TRAINING',
  icon: 'icon-healthcare',
  fields: {
    kind: { type: 'string', required: true },
    module: { type: 'string', required: true },
    enrollment_id: { type: 'string' },
    question_id: { type: 'string' },
    topic: { type: 'string' },
    /** The CHW's answer: A, B, C, or Unclear after two replies that matched no option. */
    answer: { type: 'string' },
    correct: { type: 'boolean' },
    score: { type: 'integer' },
    total: { type: 'integer' },
  },
});

export type RecordKind = 'answer' | 'complete';

const common = {
  subject: resultText(RESULT.chwId),
  module: constant(ANC_MODULE.id),
  enrollment_id: resultText(RESULT.enrollmentId),
};

/** One post per question: step and `question_id` are the question id, so each answer has its own `rp_event_id`. */
export const answerPosts = new Map(ANC_MODULE.questions.map((question: QuizQuestion) => {
  const right = answerCategory(question.correct);
  const wrong = [...OPTION_KEYS.filter((key) => key !== question.correct).map(answerCategory), UNCLEAR];
  return [question.id, trainingRecord.post({
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

export const completePost = trainingRecord.post({
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

// ---------------------------------------------------------------- reading records in rules

export const recordKind = (record: ReportDoc): string => textField(record, 'kind');
export const isAnswer = (record: ReportDoc): boolean => recordKind(record) === 'answer';
export const isCompletion = (record: ReportDoc): boolean => recordKind(record) === 'complete';
/** `correct` is a JSON boolean once CHT stored it; anything else (null, missing) is not correct. */
export const isCorrect = (record: ReportDoc): boolean => record.fields.correct === true;
export const isWrongAnswer = (record: ReportDoc): boolean => isAnswer(record) && record.fields.correct === false;
