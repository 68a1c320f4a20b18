/**
 * Shared steps of the remote-training harness specs. Records reach the harness exactly as they
 * would reach CHT: the response form's post turns a RapidPro run into the webhook body, and
 * `createRecordDoc` turns that body into the stored doc.
 */
import { expect } from 'chai';
import { createRecordDoc } from '../../../src/cht/records';
import { RunLike } from '../../../src/integration/sources';
import { jsonFormOf } from '../../../src/integration/record-post';
import { AncQuestionId, trainingRecord } from '../../../src/phone/workflows/remote-training/model';
import { answerPosts, completePost } from '../../../src/workflows/remote-training/flows';
import { ANC_MODULE } from '../../../src/workflows/remote-training/messages';
import { ChtHarness, FillResult, ReportDoc } from '../../support/harness';

export const CHW = 'chw_user';
export const SUPERVISOR = 'supervisor_user';
export const CHW_PHONE = '+254700000002';

export { asChw, asSupervisor } from '../../support/harness';

/** Gives the CHW a preferred language, as person-create would have recorded it. */
export function setPreferredLanguage(harness: ChtHarness, language: string): void {
  const chw = harness.state.contacts.find((contact) => contact._id === CHW);
  if (!chw) throw new Error('chw_user is missing from harness.defaults.json');
  chw.preferred_language = language;
}

export interface EnrolAnswers {
  /** A language other than the CHW's preferred one; by default the preferred one is kept (or English is picked). */
  language?: string;
  /** A number other than the CHW's profile phone; by default the profile phone is confirmed. */
  phone?: string;
  consent?: 'yes' | 'no';
}

/**
 * The supervisor fills the real `training_enrollment` for the CHW. The form asks to keep the
 * CHW's preferred language and profile phone when there are ones, so the answers depend on the CHW.
 */
export async function enrol(harness: ChtHarness, answers: EnrolAnswers = {}, chwId = CHW): Promise<FillResult> {
  const chw = harness.state.contacts.find((contact) => contact._id === chwId);
  const hasPreferred = ['en', 'fr', 'sw'].includes(String(chw?.preferred_language));
  const language = hasPreferred
    ? (answers.language === undefined ? ['yes'] : ['no', answers.language])
    : [answers.language ?? 'en'];
  const phone = answers.phone === undefined ? ['yes'] : ['no', answers.phone];
  return harness.fillForm({ form: 'training_enrollment', subject: chwId }, ['anc', ...language, ...phone, answers.consent ?? 'yes']);
}

export async function enrolOk(harness: ChtHarness, answers: EnrolAnswers = {}, chwId = CHW): Promise<ReportDoc> {
  const result = await enrol(harness, answers, chwId);
  expect(result.errors, JSON.stringify(result.errors)).to.be.empty;
  expect(result.report).to.not.equal(undefined);
  runs += 1; // the enrolment's push starts a new run of the training flow
  return result.report as ReportDoc;
}

let sequence = 0;
let runs = 0;

/** How a record reaches CHT: `webhook` (CHT stamps the arrival, now) or `sync` (the run's time). */
export interface Delivery {
  /** When the CHW answered; default now. */
  answeredAt?: string | number;
  via?: 'webhook' | 'sync';
}

/** A RapidPro run of the training flow for the CHW (the one the latest enrolment started), with results saved when answered. */
function run(harness: ChtHarness, values: Record<string, { value: string; category: string }>, chwId = CHW, delivery: Delivery = {}): RunLike {
  const time = new Date(delivery.answeredAt === undefined ? harness.getNow() : new Date(delivery.answeredAt).getTime()).toISOString();
  const withTime = Object.fromEntries(Object.entries(values).map(([key, result]) => [key, { ...result, time }]));
  return {
    uuid: `0f7b3c9e-8a41-4d2e-9b6a-${String(runs).padStart(12, '0')}`,
    contact: { uuid: 'rp-chw', urn: `tel:${CHW_PHONE}`, name: 'Amina CHW' },
    values: { chw_id: { value: chwId, category: 'All Responses', time }, enrollment_id: { value: 'enrol', category: 'All Responses', time }, ...withTime },
  };
}

function store(harness: ChtHarness, body: ReturnType<typeof completePost.recordFromRun>, delivery: Delivery = {}): ReportDoc {
  if (!body) throw new Error('the training run never reached its webhook');
  if (delivery.via !== 'sync') delete body._meta.reported_date;
  sequence += 1;
  const doc = createRecordDoc({ [trainingRecord.code]: jsonFormOf(trainingRecord) }, body, { id: `rp-training-${sequence}`, now: harness.getNow() });
  expect(doc.errors, JSON.stringify(doc.errors)).to.be.empty;
  harness.pushMockedDoc(doc);
  return doc;
}

/** The CHW answers a question (category A, B, C or Unclear); the flow's webhook posts it. */
export function answer(harness: ChtHarness, questionId: string, category: string, chwId = CHW, delivery: Delivery = {}): ReportDoc {
  const post = answerPosts.get(questionId as AncQuestionId);
  if (!post) throw new Error(`no question ${questionId}`);
  return store(harness, post.recordFromRun(run(harness, { [questionId]: { value: category.toLowerCase(), category } }, chwId, delivery)), delivery);
}

/** The right answer of a question, as its category. */
export const rightAnswer = (questionId: string): string =>
  (ANC_MODULE.questions.find((q) => q.id === questionId)?.correct ?? 'a').toUpperCase();

/** The flow's completion post with the score. */
export function complete(harness: ChtHarness, score: number): ReportDoc {
  return store(harness, completePost.recordFromRun(run(harness, { score: { value: String(score), category: 'Has Text' } })));
}
