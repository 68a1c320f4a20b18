import { expect } from 'chai';
import { createRecordDoc } from '../../../../src/cht/records';
import { RunLike } from '../../../../src/integration/sources';
import { RecordPost, jsonFormOf } from '../../../../src/integration/record-post';
import { isCorrect, isWrongAnswer, trainingRecord } from '../../../../src/phone/workflows/remote-training/model';

import { answerPosts, completePost, trainingFlow } from '../../../../src/workflows/remote-training/flows';

const flowPosts = trainingFlow.webhookSources().filter((source): source is RecordPost => source instanceof RecordPost);
import { ANC_MODULE } from '../../../../src/workflows/remote-training/messages';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateFormsSchema } = require('cht-conf/src/lib/validate-app-settings') as {
  validateFormsSchema(forms: unknown): { valid: boolean; error?: unknown };
};

const RUN_UUID = '7d1e0a52-3f0c-4c1e-9d53-1a2b3c4d5e6f';
const run = (values: RunLike['values']): RunLike => ({
  uuid: RUN_UUID,
  contact: { uuid: 'rp-contact-1', urn: 'tel:+254700000002', name: 'Amina CHW' },
  values,
});
const result = (value: string | number, category: string | null = null) => ({ value, category, time: '2025-03-02T08:00:00Z' });
const base = { chw_id: result('chw_user'), enrollment_id: result('enrol-1') };

describe('remote training: RP_TRAINING record', () => {
  const forms = { RP_TRAINING: jsonFormOf(trainingRecord) };

  it('is a JSON form cht-conf accepts, with the documented fields', () => {
    expect(validateFormsSchema(forms).valid).to.equal(true);
    expect(Object.keys(forms.RP_TRAINING.fields)).to.deep.equal([
      'patient_id', 'rp_event_id', 'kind', 'module', 'enrollment_id', 'question_id', 'topic', 'answer', 'correct', 'score', 'total',
    ]);
  });

  it('declares one post per question (step = question id) and one for completion', () => {
    expect([...answerPosts.keys()]).to.deep.equal(ANC_MODULE.questions.map((q) => q.id));
    // the flow keeps its webhook nodes' posts, in the order it calls them
    expect(flowPosts.map((post) => post.options.step)).to.deep.equal([...ANC_MODULE.questions.map((q) => q.id), 'complete']);
  });

  it('turns a right, a wrong and an unclear answer into records CHT stores without errors', () => {
    const q2 = ANC_MODULE.questions[1];
    const cases: Array<[string, boolean]> = [['B', true], ['A', false], ['Unclear', false]];
    for (const [category, correct] of cases) {
      const body = answerPosts.get(q2.id)!.recordFromRun(run({ ...base, [q2.id]: result(category === 'Unclear' ? 'maybe' : category.toLowerCase(), category) }));
      expect(body).to.deep.equal({
        _meta: { form: 'RP_TRAINING', from: '+254700000002', reported_date: Date.parse('2025-03-02T08:00:00Z') },
        patient_id: 'chw_user',
        rp_event_id: `${RUN_UUID}/${q2.id}`,
        kind: 'answer',
        module: 'anc',
        enrollment_id: 'enrol-1',
        question_id: 'anc_q2',
        topic: 'danger_signs',
        answer: category,
        correct,
      });
      const doc = createRecordDoc(forms, body, { id: 'r1', now: 0 });
      expect(doc.errors).to.deep.equal([]);
      expect(isCorrect(doc)).to.equal(correct);
      expect(isWrongAnswer(doc)).to.equal(!correct);
    }
  });

  it('posts the completion with the score as a JSON number', () => {
    const body = completePost.recordFromRun(run({ ...base, score: result('6', '6') }));
    expect(body).to.include({ kind: 'complete', module: 'anc', score: 6, total: ANC_MODULE.questions.length, rp_event_id: `${RUN_UUID}/complete` });
    expect(createRecordDoc(forms, body, { id: 'r2', now: 0 }).errors).to.deep.equal([]);
    expect(completePost.recordFromRun(run(base)), 'no score yet: the run never reached the end').to.equal(undefined);
  });

  it("has the webhook read only run results and constants, so sync rebuilds the same record", () => {
    for (const post of flowPosts) {
      const body = post.webhook().body;
      expect(body).to.not.match(/trigger\.params|contact\.fields/);
      for (const field of Object.keys(forms.RP_TRAINING.fields)) {
        const sent = new RegExp(`"${field}", `).test(body);
        const declared = field in post.options.values || field === 'patient_id' || field === 'rp_event_id';
        expect(sent, `${post.options.step}: ${field}`).to.equal(declared);
      }
    }
  });
});
