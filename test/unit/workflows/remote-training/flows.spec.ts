import { expect } from 'chai';
import { createRecordDoc } from '../../../../src/cht/records';
import { RunLike } from '../../../../src/integration/sources';
import { ScriptedReply, simulateFlow, SimulationResult } from '../../../../src/rapidpro/simulator';
import { jsonFormOf } from '../../../../src/integration/record-post';
import { trainingRecord } from '../../../../src/phone/workflows/remote-training/model';
import { synthesize } from '../../../../src/project/synth';
import { validateExport } from '../../../../src/rapidpro/validate';
import { FLOW_LANGUAGE } from '../../../../src/workflows/shared';
import { startPush, workflow } from '../../../../src/workflows/remote-training';
import { FIELD, enrolmentFlow, group, trainingFlow } from '../../../../src/workflows/remote-training/flows';
import { ANC_MODULE, TrainingLanguage, questionText } from '../../../../src/workflows/remote-training/messages';
import { posted, run } from '../helpers';

const TRAINING_FLOW_NAME = trainingFlow.options.name;
const assembly = synthesize({ workflows: [workflow] });
const exported = assembly.exports[0].content;
const forms = { RP_TRAINING: jsonFormOf(trainingRecord) };
const RUN = '7b0a2f4e-55a1-4c8e-9d57-0c6f1d2f3a10';
const q = (id: string) => ANC_MODULE.questions.find((question) => question.id === id)!;

/** Amina's phone as her enrolment leaves it, in `language`, `extra` being progress so far. */
function enrolled(language: TrainingLanguage, extra: Record<string, string | number> = {}) {
  return {
    [FIELD.contactId.key]: 'chw_user', [FIELD.name.key]: 'Amina', [FIELD.language.key]: FLOW_LANGUAGE[language], [FIELD.enrollmentId.key]: 'enrol-1',
    [FIELD.module.key]: 'anc', [FIELD.supervisorPhone.key]: '+254700000001', [FIELD.score.key]: 0, [FIELD.enrolled.key]: '2026-03-23T10:00:00Z', ...extra,
  };
}

function simulate(language: TrainingLanguage, replies: readonly ScriptedReply[], options: { extra?: Record<string, string | number>; input?: string; now?: string } = {}): SimulationResult {
  return run(exported, {
    flow: TRAINING_FLOW_NAME, fields: enrolled(language, options.extra), groups: [group.name], replies, urn: 'tel:+254700000002',
    now: options.now ?? '2026-03-23T10:01:00Z', ...(options.input !== undefined ? { input: options.input } : {}),
  });
}

/** Replies for questions 1–7, answering each one a different way (see the test names). */
function script(language: TrainingLanguage): string[] {
  const word = q('anc_q4').options.b.words[language][0];
  return [
    'C',                             // q1: capital letter, right
    'B ',                            // q2: letter with a trailing space, right
    '1',                             // q3: the option's position, right
    `  ${word.toUpperCase()} `,      // q4: the answer word, any case and spacing, right
    'hmm', 'a',                      // q5: unclear, asked again, then right
    '2',                             // q6: position, right
    'xyz', 'no idea',                // q7: unclear twice: recorded as wrong ("Unclear")
  ];
}

describe('remote training: RapidPro export and enrolment', () => {
  it('is a valid export: background enrolment, the training, the starts campaign in skip mode, the catch-all trigger, the stop flow', () => {
    expect(validateExport(exported)).to.deep.equal([]);
    expect(exported.flows.map((f) => [f.name, f.type])).to.deep.equal([[enrolmentFlow.options.name, 'messaging_background'], [TRAINING_FLOW_NAME, 'messaging'], ['CHW Training Stop', 'messaging_background']]);
    const [campaign] = exported.campaigns;
    expect(campaign.group.name).to.equal(group.name);
    expect(campaign.events.every((event) => event.start_mode === 'S' && event.relative_to.key === FIELD.due.key && event.flow.name === TRAINING_FLOW_NAME)).to.equal(true);
    expect(campaign.events.map((event) => `${event.offset}${event.unit}`)).to.deep.equal(['1M', '1H', '2H', '3H', '4H', '6H', '8H', '12H', '24H', '36H', '48H']);
    expect(exported.triggers).to.have.length(1);
    expect(exported.triggers[0]).to.deep.include({ trigger_type: 'C', flow: trainingFlow.ref, exclude_groups: [{ uuid: exported.groups.find((g) => g.name === 'Quarantine')?.uuid, name: 'Quarantine' }] });
    expect(assembly.pushes.find((push) => push.name === startPush.name)?.flow.name).to.equal(enrolmentFlow.options.name);
  });

  it('enrolment queues the training: the progress from the start, due now, in the group, named, welcomed', () => {
    const result = simulateFlow(exported, enrolmentFlow.options.name, {
      contact: { urn: 'tel:+254700000002' },
      now: '2026-03-23T10:00:00Z',
      params: { cht_contact_id: 'chw_user', name: 'Amina Mwana', enrollment_id: 'enrol-1', module: 'anc', language: 'fra', supervisor_phone: '+254700000001' },
    });
    expect(result.errors).to.deep.equal([]);
    expect(result.contactName).to.equal('Amina Mwana');
    expect(result.groups).to.deep.equal([group.name]);
    expect(result.contactFields).to.include({ training_contact_id: 'chw_user', training_language: 'fra', training_next: null, training_score: '0', training_module: 'anc' });
    expect(result.contactFields[FIELD.due.key]).to.match(/^2026-03-23T10:00:00/);
    expect(result.messages[0].text).to.match(/^Bonjour Amina Mwana/);
  });
});

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
        const bodies = posted(result);
        expect(bodies).to.have.length(ANC_MODULE.questions.length + 1);
        expect(result.webhooks[0].url).to.equal('https://cht.example.org/api/v2/records');
        expect(result.webhooks[0].headers.Authorization).to.equal('Basic c2VjcmV0');
        expect(bodies.map((body) => [body.question_id ?? body.kind, body.answer ?? body.score, body.correct ?? null])).to.deep.equal([
          ['anc_q1', 'C', true], ['anc_q2', 'B', true], ['anc_q3', 'A', true], ['anc_q4', 'B', true],
          ['anc_q5', 'A', true], ['anc_q6', 'B', true], ['anc_q7', 'Unclear', false], ['complete', 6, null],
        ]);
        expect(bodies[1]).to.deep.include({
          _meta: { form: 'RP_TRAINING', from: '+254700000002' },
          patient_id: 'chw_user', rp_event_id: `${RUN}/anc_q2`, kind: 'answer', module: 'anc', enrollment_id: 'enrol-1', topic: 'danger_signs',
        });
        expect(bodies[7]).to.deep.include({ kind: 'complete', score: 6, total: 7, rp_event_id: `${RUN}/complete` });
        bodies.forEach((body, i) => expect(createRecordDoc(forms, body, { id: `r${i}`, now: 0 }).errors, JSON.stringify(body)).to.deep.equal([]));
      });

      it('gives sync the same records from the run results as the webhooks posted', () => {
        const runLike: RunLike = {
          uuid: RUN,
          contact: { uuid: 'c', urn: 'tel:+254700000002' },
          values: Object.fromEntries(Object.entries(result.results).map(([key, r]) => [key, { value: r.value, category: r.category }])),
        };
        const strip = (body: Record<string, unknown>) => ({ ...body, _meta: { form: (body._meta as { form: string }).form } });
        const source = assembly.recordSources.find((candidate) => candidate.flowName === TRAINING_FLOW_NAME);
        expect(source?.recordsFromRun(runLike).map((record) => strip(record as unknown as Record<string, unknown>)))
          .to.deep.equal(posted(result).map(strip));
      });

      it('thanks the CHW with the score, tells the supervisor by name, and frees the phone', () => {
        expect(result.messages[result.messages.length - 1].text).to.contain('6').and.contain('7');
        expect(result.broadcasts).to.have.length(1);
        expect(result.broadcasts[0].to).to.deep.equal(['tel:+254700000001']);
        expect(result.broadcasts[0].text).to.contain('Amina').and.contain('6 out of 7');
        expect(result.groups).to.deep.equal([]);
        expect(result.contactFields[FIELD.contactId.key]).to.equal(null);
      });
    });
  }

  describe('answer matching on one question (anc_q2, right answer B)', () => {
    const atQ2 = (language: TrainingLanguage, replies: string[]) => simulate(language, ['c', ...replies]);

    for (const language of ['en', 'fr', 'sw'] as const) {
      it(`reads b, B , 2, (b) and the answer words as B in ${language}`, () => {
        for (const reply of ['b', 'B ', ' 2', '(b)', ...q('anc_q2').options.b.words[language]]) {
          const result = atQ2(language, [reply]);
          expect(result.results.anc_q2?.category, `"${reply}"`).to.equal('B');
          expect(posted(result)[1]).to.include({ question_id: 'anc_q2', answer: 'B', correct: true });
        }
      });

      it(`records a wrong answer as not correct in ${language}`, () => {
        const result = atQ2(language, [q('anc_q2').options.a.words[language][0]]);
        expect(posted(result)[1]).to.include({ answer: 'A', correct: false });
        const texts = result.messages.map((m) => m.text);
        const feedback = texts[texts.indexOf(questionText(q('anc_q2'), language)) + 1];
        expect(feedback).to.contain(`B) ${q('anc_q2').options.b.text[language]}`).and.contain(q('anc_q2').explanation[language]);
      });
    }

    it('waits for the answer to question 1 before anything is posted', () => {
      expect(simulate('en', ['c']).results.anc_q2).to.equal(undefined);
      expect(simulate('en', []).webhooks).to.be.empty;
    });
  });

  describe('pausing and resuming', () => {
    it('a question left unanswered for hours pauses the training: the phone is free, the next start is tomorrow, nothing is posted for it', () => {
      const result = simulate('en', ['c', { timeout: true }]);
      expect(result.status).to.equal('completed');
      expect(result.messages[result.messages.length - 1].text).to.contain('continue the training tomorrow');
      expect(result.contactFields[FIELD.next.key]).to.equal('anc_q2');
      expect(result.contactFields[FIELD.due.key]).to.match(/^2026-03-24T10:01/);
      expect(result.results.anc_q2).to.equal(undefined);
      expect(posted(result).map((body) => body.question_id)).to.deep.equal(['anc_q1']);
      expect(result.groups).to.deep.equal([group.name]);
    });

    it('the next start goes on from the question it was at, with the score so far', () => {
      const result = simulate('en', ['b', 'b', 'a', 'b', 'b'], { extra: { [FIELD.next.key]: 'anc_q3', [FIELD.score.key]: 2 }, now: '2026-03-24T10:01:00Z' });
      expect(result.messages[0].text).to.equal(q('anc_q3').lesson.en);
      expect(posted(result).map((body) => body.question_id ?? body.kind)).to.deep.equal(['anc_q3', 'anc_q4', 'anc_q5', 'anc_q6', 'anc_q7', 'complete']);
      // q3 "b" is wrong; q4–q7 right: 2 + 4
      expect(posted(result).pop()).to.include({ score: 6 });
    });

    it('a reply that starts the flow (catch-all trigger) is the answer to the question the training was at', () => {
      const result = simulate('en', [], { extra: { [FIELD.next.key]: 'anc_q5', [FIELD.score.key]: 4 }, input: 'A) sleep under a net' });
      expect(result.results.anc_q5?.category).to.equal('A');
      expect(result.messages[0].text).to.match(/^Correct!/);
      expect(result.messages[2].text).to.equal(questionText(q('anc_q6'), 'en'));
    });

    it('a week after enrolment the reminders stop, the supervisor\'s task takes over', () => {
      const result = simulate('en', [{ timeout: true }], { extra: { [FIELD.next.key]: 'anc_q2' }, now: '2026-03-30T11:00:00Z' });
      expect(result.messages[result.messages.length - 1].text).to.contain('not finished within 7 days');
      expect(result.groups).to.deep.equal([]);
      expect(result.contactFields[FIELD.contactId.key]).to.equal(null);
    });
  });
});
