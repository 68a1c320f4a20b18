/**
 * Replies as people type them, question by question, against the outcome each must give: run
 * through the flow simulator on the exports `build` writes. "unclear" means the flow asks again.
 */
import { expect } from 'chai';
import { FIELD as CT, checkinFlow } from '../../../src/workflows/contact-tracing/flows';
import { FIELD as WB, weeklyFlow } from '../../../src/workflows/chw-wellbeing/flows';
import { FIELD as TR, trainingFlow } from '../../../src/workflows/remote-training/flows';
import { exportOf, run } from './helpers';

type Outcome = 'Yes' | 'No' | 'unclear';
type Row = readonly [reply: string, outcome: Outcome];
type Language = 'eng' | 'fra' | 'swa';

const contactTracing = exportOf('contact-tracing.json');
const wellbeing = exportOf('chw-wellbeing.json');
const training = exportOf('remote-training.json');

/** The answer to a contact-tracing question: the `before` replies get there, `reply` answers it. */
function checkin(language: Language, before: string[], result: 'fever' | 'cough' | 'breathing', reply: string): Outcome {
  const outcome = run(contactTracing, {
    flow: checkinFlow.options.name,
    fields: {
      [CT.contactId.key]: 'traced_contact', [CT.name.key]: 'Baraka', [CT.language.key]: language, [CT.enrollmentId.key]: 'enrol-1',
      [CT.quarantineStart.key]: '2026-03-09', [CT.quarantineLength.key]: 14,
    },
    groups: ['Quarantine'],
    now: '2026-03-11T09:00:00Z',
    replies: [...before, reply],
  });
  const category = outcome.results[result]?.category;
  return category === 'Yes' || category === 'No' ? category : 'unclear';
}

const CHECKIN_TABLE: Readonly<Record<'fever' | 'cough' | 'breathing', Readonly<Record<Language, readonly Row[]>>>> = {
  fever: {
    eng: [
      ['yes', 'Yes'], ['Yes!', 'Yes'], ['YES 👍', 'Yes'], ['yess', 'Yes'], ['y', 'Yes'], ['Yeah I do', 'Yes'], ['1', 'Yes'], [' 1.', 'Yes'],
      ['I have had fever for 2 days', 'Yes'], ['fever since yesterday', 'Yes'], ['Yes, no cough', 'Yes'], ['I feel hot', 'Yes'],
      ['no', 'No'], ['No.', 'No'], ['nope', 'No'], ['NO 🙏', 'No'], ['nooo', 'No'], ['2', 'No'], ['no fever', 'No'],
      ["I don't have fever", 'No'], ['I don’t have fever', 'No'], ['not today', 'No'], ['I am fine', 'No'], ['the fever is gone', 'No'],
      // other languages from an English-speaking contact
      ['hapana', 'No'], ['Ndiyo', 'Yes'], ['oui', 'Yes'], ['non', 'No'],
      // a number where the question offers 1 or 2 only as the whole reply
      ['2 days', 'unclear'], ['3', 'unclear'], ['12', 'unclear'], ['ok', 'unclear'], ['👍', 'unclear'], ['what?', 'unclear'], ['yesterday', 'unclear'],
    ],
    fra: [
      ['Oui', 'Yes'], ["oui j'ai de la fièvre", 'Yes'], ["J'ai de la fièvre depuis 2 jours", 'Yes'], ['fievre', 'Yes'], ['ouais', 'Yes'],
      ['non', 'No'], ['Non merci', 'No'], ["je n'ai pas de fièvre", 'No'], ['Pas de fièvre', 'No'], ['ça va bien', 'No'],
      // "y" is no yes in French: "(il n')y a pas de fièvre"
      ['Y a pas de fièvre', 'No'], ['yes', 'Yes'], ['1', 'Yes'], ['2 jours', 'unclear'],
    ],
    swa: [
      ['Ndiyo', 'Yes'], ['ndio', 'Yes'], ['Nina homa kwa siku 2', 'Yes'], ['homa', 'Yes'], ['Eeh', 'Yes'],
      ['hapana', 'No'], ['Sina homa', 'No'], ['La', 'No'], ['hakuna', 'No'], ['niko sawa', 'No'], ['Hapana, asante', 'No'], ['No', 'No'],
      ['siku 2', 'unclear'],
    ],
  },
  cough: {
    eng: [['I have a dry cough', 'Yes'], ['coughing a bit', 'Yes'], ['no cough', 'No'], ['2', 'No']],
    fra: [['je tousse', 'Yes'], ['un peu de toux', 'Yes'], ['pas de toux', 'No']],
    swa: [['kikohozi kidogo', 'Yes'], ['nakohoa', 'Yes'], ['sina kikohozi', 'No']],
  },
  breathing: {
    eng: [['it is hard to breathe', 'Yes'], ['short of breath', 'Yes'], ['I breathe fine', 'No'], ['no problem', 'No']],
    fra: [["j'ai du mal à respirer", 'Yes'], ['je respire bien', 'No'], ['pas mal', 'No']],
    swa: [['nina shida ya kupumua', 'Yes'], ['napumua vizuri, sawa', 'No'], ['hapana', 'No']],
  },
};

const BEFORE: Readonly<Record<'fever' | 'cough' | 'breathing', string[]>> = { fever: [], cough: ['no'], breathing: ['no', 'no'] };

/** The wellbeing counsellor question, after four "no" and four scores. */
function counsellor(language: Language, reply: string): Outcome {
  const outcome = wellbeingRun(language, ['no', 'no', 'no', 'no', '0', '0', '0', '0', reply]);
  const category = outcome.results.wants_counsellor?.category;
  return category === 'Yes' || category === 'No' ? category : 'unclear';
}

function wellbeingRun(language: Language, replies: string[]) {
  return run(wellbeing, {
    flow: weeklyFlow.options.name,
    fields: { [WB.contactId.key]: 'chw_user', [WB.name.key]: 'Amina', [WB.language.key]: language, [WB.enrollmentId.key]: 'enrol-1', [WB.firstCheck.key]: '2026-03-02' },
    groups: ['CHW Wellbeing'],
    now: '2026-03-09T09:00:00Z',
    replies,
    urn: 'tel:+254700000002',
  });
}

/** The first PHQ-4 item's score, or "unclear". */
function phq(reply: string): number | 'unclear' {
  const result = wellbeingRun('eng', ['no', 'no', 'no', 'no', reply]).results.phq_anxious;
  return result?.category === 'Score' ? Number(result.value) : 'unclear';
}

/** The answer to a training question, after the right answers to the questions before it. */
function quiz(question: 'anc_q1' | 'anc_q2', reply: string, language: Language = 'eng'): string {
  const before = question === 'anc_q2' ? ['c'] : [];
  const outcome = run(training, {
    flow: trainingFlow.options.name,
    fields: { [TR.contactId.key]: 'chw_user', [TR.name.key]: 'Amina', [TR.language.key]: language, [TR.enrollmentId.key]: 'enrol-1', [TR.score.key]: 0, [TR.enrolled.key]: '2026-03-23T10:00:00Z' },
    groups: ['CHW Training'],
    now: '2026-03-23T10:01:00Z',
    replies: [...before, reply],
    urn: 'tel:+254700000002',
  });
  const category = outcome.results[question]?.category;
  return category === 'A' || category === 'B' || category === 'C' ? category : 'unclear';
}

describe('replies as people type them, on the real exports', () => {
  for (const [question, byLanguage] of Object.entries(CHECKIN_TABLE) as Array<[keyof typeof CHECKIN_TABLE, Readonly<Record<Language, readonly Row[]>>]>) {
    for (const [language, rows] of Object.entries(byLanguage) as Array<[Language, readonly Row[]]>) {
      it(`contact tracing, ${question}, a contact whose language is ${language}`, () => {
        const got = rows.map(([reply]) => [reply, checkin(language, BEFORE[question], question, reply)]);
        expect(got).to.deep.equal(rows.map(([reply, outcome]) => [reply, outcome]));
      });
    }
  }

  it('wellbeing yes/no questions offer no digits: "1" and "2" are asked again, words count in every language', () => {
    const rows: Array<[Language, string, Outcome]> = [
      ['eng', 'yes please', 'Yes'], ['eng', 'I would like to talk to someone', 'Yes'], ['eng', 'no thanks', 'No'], ['eng', "I don't need one", 'No'],
      ['eng', 'not now', 'No'], ['eng', 'maybe later', 'unclear'], ['eng', '1', 'unclear'], ['eng', '2', 'unclear'],
      ['swa', 'nataka kuzungumza', 'Yes'], ['swa', 'Hapana asante', 'No'], ['fra', 'je voudrais parler', 'Yes'], ['fra', 'non merci', 'No'],
    ];
    expect(rows.map(([language, reply]) => [language, reply, counsellor(language, reply)])).to.deep.equal(rows);
  });

  it('PHQ-4 scores: the number that starts the reply or the scale in words; a number elsewhere or out of range is asked again', () => {
    const rows: Array<[string, number | 'unclear']> = [
      ['0', 0], ['2', 2], ['3.', 3], ['2 - more than half', 2], ['3 😔', 3], ['1, several days', 1],
      ['several days', 1], ['Siku kadhaa', 1], ['plusieurs jours', 1], ['more than half the days', 2], ['nearly every day', 3],
      ['not at all', 0], ['hata kidogo', 0], ['presque tous les jours', 3], ['two', 2], ['mbili', 2],
      ['I felt bad for 2 weeks', 'unclear'], ['4', 'unclear'], ['12', 'unclear'], ['2.5', 'unclear'], ['-1', 'unclear'], ['two weeks', 'unclear'], ['often', 'unclear'],
    ];
    expect(rows.map(([reply]) => [reply, phq(reply)])).to.deep.equal(rows);
  });

  it('training answers: the option the reply names, never the first option whose word appears; ambiguous replies are asked again', () => {
    const rows: Array<[string, string]> = [
      ['b', 'B'], ['B.', 'B'], ['(b)', 'B'], ['b 👍', 'B'], ['B) Refer her urgently', 'B'], ['b - refer', 'B'], ['2', 'B'],
      ['refer her to the hospital', 'B'], ['Kumpeleka hospitali haraka', 'B'], ["l'orienter vers le centre de santé", 'B'],
      ['rest at home', 'A'], ['c', 'C'], ['next week', 'C'],
      // words of two options, several letters, or none
      ['not rest at home, refer her', 'unclear'], ['A or B', 'unclear'], ['I think b or c', 'unclear'], ["I don't know", 'unclear'], ['🤔', 'unclear'],
    ];
    expect(rows.map(([reply]) => [reply, quiz('anc_q2', reply)])).to.deep.equal(rows);
  });

  it('training answers where the options are numbers: a digit is content, not a position', () => {
    const rows: Array<[string, string]> = [
      ['8', 'C'], ['at least 8', 'C'], ['huit', 'C'], ['eight visits', 'C'], ['4', 'B'], ['four', 'B'], ['1', 'A'], ['c', 'C'],
      ['2', 'unclear'], ['3', 'unclear'], ['4 or 8', 'unclear'],
    ];
    expect(rows.map(([reply]) => [reply, quiz('anc_q1', reply)])).to.deep.equal(rows);
  });
});
