import { expect } from 'chai';
import { createRecordDoc } from '../../../../src/cht/records';
import { RunLike } from '../../../../src/integration/sources';
import { simulateFlow, SimulationResult, WebhookRequest } from '../../../../src/rapidpro/simulator';
import { jsonFormOf } from '../../../../src/integration/record-post';
import { trainingRecord } from '../../../../src/phone/workflows/remote-training/model';
import { synthesize } from '../../../../src/project/synth';
import { FLOW_LANGUAGE } from '../../../../src/workflows/shared';
import { workflow } from '../../../../src/workflows/remote-training';
import { trainingFlow } from '../../../../src/workflows/remote-training/flows';
import { ANC_MODULE, TrainingLanguage, questionText } from '../../../../src/workflows/remote-training/messages';

const TRAINING_FLOW_NAME = trainingFlow.options.name;

const exported = synthesize({ workflows: [workflow] }).exports[0].content;
const forms = { RP_TRAINING: jsonFormOf(trainingRecord) };
const RUN = '5b0e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const q = (id: string) => ANC_MODULE.questions.find((question) => question.id === id)!;

function simulate(language: TrainingLanguage, replies: string[]): SimulationResult {
  return simulateFlow(exported, TRAINING_FLOW_NAME, {
    contact: { urn: 'tel:+254700000002', language: 'eng' },
    params: { chw_id: 'chw_user', enrollment_id: 'enrol-1', module: 'anc', language: FLOW_LANGUAGE[language], supervisor_phone: '+254700000001', chw_name: 'Amina' },
    globals: { cht_url: 'https://cht.example.org', cht_auth: 'Basic c2VjcmV0' },
    runUuid: RUN,
    replies,
    webhook: () => ({ status: 200, body: '{"success":true,"id":"x"}' }),
  });
}

const bodies = (result: SimulationResult): Array<Record<string, unknown>> =>
  result.webhooks.map((call: WebhookRequest) => JSON.parse(call.body) as Record<string, unknown>);

/** Replies for questions 1–7, answering each one a different way (see the test names). */
function script(language: TrainingLanguage): string[] {
  const word = q('anc_q4').options.b.words[language][0];
  return [
    'C',                             // q1: capital letter, right
    'B ',                            // q2: letter with a trailing space, right
    '1',                             // q3: option number, right
    `  ${word.toUpperCase()} `,      // q4: the answer word, any case and spacing, right
    'hmm', 'a',                      // q5: unclear, asked again, then right
    '2',                             // q6: number, right
    'xyz', 'no idea',                // q7: unclear twice: recorded as wrong ("Unclear")
  ];
}

describe('remote training: the RapidPro flow, simulated', () => {
  for (const language of ['en', 'fr', 'sw'] as const) {
    describe(`in ${language}`, () => {
      const result = simulate(language, script(language));

      it('completes, speaking the language the enrolment chose', () => {
        expect(result.status).to.equal('completed');
        expect(result.unusedReplies).to.equal(0);
        expect(result.errors).to.deep.equal([]);
        expect(result.contactLanguage).to.equal(FLOW_LANGUAGE[language]);
        expect(result.messages[0].text).to.equal(ANC_MODULE.intro[language]);
        expect(result.messages.map((m) => m.text)).to.include(q('anc_q1').lesson[language]);
        expect(result.messages.map((m) => m.text)).to.include(questionText(q('anc_q2'), language));
        for (const message of result.messages) expect(message.language).to.equal(FLOW_LANGUAGE[language]);
      });

      it('accepts "C", "B ", "1", the answer word in any case, and re-asks once on an unclear reply', () => {
        const categories = ANC_MODULE.questions.map((question) => result.results[question.id]?.category);
        expect(categories).to.deep.equal(['C', 'B', 'A', 'B', 'A', 'B', 'Unclear']);
        const reasks = result.messages.filter((m) => m.text.startsWith({ en: 'Sorry', fr: 'Désolé', sw: 'Samahani' }[language]));
        // once for q5, once for q7; the second unclear reply to q7 is not asked a third time
        expect(reasks).to.have.length(2);
        expect(reasks[0].text).to.contain(q('anc_q5').question[language]);
      });

      it('posts one RP_TRAINING answer per question and the completion with the score, each a valid record', () => {
        const posted = bodies(result);
        expect(posted).to.have.length(ANC_MODULE.questions.length + 1);
        expect(result.webhooks[0].url).to.equal('https://cht.example.org/api/v2/records');
        expect(result.webhooks[0].headers.Authorization).to.equal('Basic c2VjcmV0');
        expect(posted.map((body) => [body.question_id ?? body.kind, body.answer ?? body.score, body.correct ?? null])).to.deep.equal([
          ['anc_q1', 'C', true], ['anc_q2', 'B', true], ['anc_q3', 'A', true], ['anc_q4', 'B', true],
          ['anc_q5', 'A', true], ['anc_q6', 'B', true], ['anc_q7', 'Unclear', false], ['complete', 6, null],
        ]);
        expect(posted[1]).to.deep.include({
          _meta: { form: 'RP_TRAINING', from: '+254700000002' },
          patient_id: 'chw_user', rp_event_id: `${RUN}/anc_q2`, kind: 'answer', module: 'anc', enrollment_id: 'enrol-1', topic: 'danger_signs',
        });
        expect(posted[7]).to.deep.include({ kind: 'complete', score: 6, total: 7, rp_event_id: `${RUN}/complete` });
        posted.forEach((body, i) => expect(createRecordDoc(forms, body, { id: `r${i}`, now: 0 }).errors, JSON.stringify(body)).to.deep.equal([]));
      });

      it('gives sync the same records from the run results as the webhooks posted', () => {
        const run: RunLike = {
          uuid: RUN,
          contact: { uuid: 'c', urn: 'tel:+254700000002' },
          values: Object.fromEntries(Object.entries(result.results).map(([key, r]) => [key, { value: r.value, category: r.category }])),
        };
        const strip = (body: Record<string, unknown>) => ({ ...body, _meta: { form: (body._meta as { form: string }).form } });
        const source = synthesize({ workflows: [workflow] }).recordSources.find((candidate) => candidate.flowName === TRAINING_FLOW_NAME);
        expect(source?.recordsFromRun(run).map((record) => strip(record as unknown as Record<string, unknown>)))
          .to.deep.equal(bodies(result).map(strip));
      });

      it('thanks the CHW with the score and tells the supervisor', () => {
        expect(result.messages[result.messages.length - 1].text).to.contain('6').and.contain('7');
        expect(result.broadcasts).to.have.length(1);
        expect(result.broadcasts[0].to).to.deep.equal(['tel:+254700000001']);
        expect(result.broadcasts[0].text).to.contain('Amina').and.contain('6 out of 7');
      });
    });
  }

  describe('answer matching on one question (anc_q2, right answer B)', () => {
    const first = (language: TrainingLanguage, reply: string) => simulate(language, [reply]).results.anc_q2;
    const atQ2 = (language: TrainingLanguage, replies: string[]) => simulate(language, ['c', ...replies]);

    for (const language of ['en', 'fr', 'sw'] as const) {
      it(`reads b, B , 2, (b) and the answer words as B in ${language}`, () => {
        for (const reply of ['b', 'B ', ' 2', '(b)', ...q('anc_q2').options.b.words[language]]) {
          const result = atQ2(language, [reply]);
          expect(result.results.anc_q2?.category, `"${reply}"`).to.equal('B');
          expect(bodies(result)[1]).to.include({ question_id: 'anc_q2', answer: 'B', correct: true });
        }
      });

      it(`records a wrong answer as not correct in ${language}`, () => {
        const result = atQ2(language, [q('anc_q2').options.a.words[language][0]]);
        expect(bodies(result)[1]).to.include({ answer: 'A', correct: false });
        const texts = result.messages.map((m) => m.text);
        const feedback = texts[texts.indexOf(questionText(q('anc_q2'), language)) + 1];
        expect(feedback).to.contain(`B) ${q('anc_q2').options.b.text[language]}`).and.contain(q('anc_q2').explanation[language]);
      });
    }

    it('waits for the answer to question 1 before anything is posted', () => {
      expect(first('en', 'c')).to.equal(undefined);
      expect(simulate('en', []).webhooks).to.be.empty;
    });
  });
});
