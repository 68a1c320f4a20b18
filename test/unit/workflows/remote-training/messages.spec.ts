import { expect } from 'chai';
import { ANC_MODULE, OPTION_KEYS, TRAINING_LANGUAGES, questionText, reaskText, wrongText } from '../../../../src/workflows/remote-training/messages';

/** Lower-case words as RapidPro's has_any_word tokenises them (letters and digits). */
const words = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

describe('remote training: ANC module content', () => {
  const questions = ANC_MODULE.questions;

  it('has at least 5 questions with distinct ids, covering the WHO ANC topics', () => {
    expect(questions.length).to.be.at.least(5);
    expect(new Set(questions.map((q) => q.id)).size).to.equal(questions.length);
    const topics = new Set(questions.map((q) => q.topic));
    for (const topic of ['anc_contacts', 'danger_signs', 'iron_folic_acid', 'tetanus', 'malaria', 'nutrition', 'birth_preparedness']) {
      expect(topics, topic).to.include(topic);
    }
  });

  it('states the key WHO recommendations in every language', () => {
    const lessons = (language: 'en' | 'fr' | 'sw'): string => questions.map((q) => q.lesson[language]).join(' ');
    expect(lessons('en')).to.match(/at least 8 ANC contacts/).and.match(/vaginal bleeding/).and.match(/convulsions/)
      .and.match(/blurred vision/).and.match(/fever/).and.match(/moving less/).and.match(/iron and folic acid/)
      .and.match(/Tetanus toxoid/).and.match(/insecticide-treated net/).and.match(/IPTp/).and.match(/birth plan/);
    expect(lessons('fr')).to.match(/au moins 8 contacts/).and.match(/saignement vaginal/).and.match(/convulsions/).and.match(/moustiquaire/);
    expect(lessons('sw')).to.match(/angalau mahudhurio 8/).and.match(/kutokwa na damu ukeni/).and.match(/degedege/).and.match(/chandarua/);
  });

  it('is fully translated: no empty or untranslated text', () => {
    for (const q of questions) {
      for (const language of TRAINING_LANGUAGES) {
        for (const text of [q.lesson, q.question, q.explanation, ...OPTION_KEYS.map((k) => q.options[k].text)]) {
          expect(text[language].trim(), `${q.id} ${language}`).to.not.equal('');
        }
        expect(q.options[q.correct].words[language], `${q.id} ${language}`).to.not.be.empty;
      }
      expect(q.lesson.fr).to.not.equal(q.lesson.en);
      expect(q.lesson.sw).to.not.equal(q.lesson.en);
    }
  });

  it("never lets an option's answer words match another option's text or words, in any language (replies mix languages)", () => {
    for (const q of questions) {
      for (const key of OPTION_KEYS) {
        const own = TRAINING_LANGUAGES.flatMap((language) => q.options[key].words[language].map((w) => w.toLowerCase()));
        for (const other of OPTION_KEYS.filter((k) => k !== key)) {
          const theirs = new Set(TRAINING_LANGUAGES.flatMap((language) => [...words(q.options[other].text[language]), ...q.options[other].words[language].map((w) => w.toLowerCase())]));
          for (const word of own) expect(theirs.has(word), `${q.id}: "${word}" of ${key} also in ${other}`).to.equal(false);
        }
        // the letters stay unambiguous; digits are words only where the options are numbers (then no digit is a position)
        expect(own).to.not.include.members(['a', 'b', 'c']);
        if (!q.numericOptions) expect(own.filter((word) => /^\d+$/.test(word)), `${q.id} ${key}`).to.deep.equal([]);
      }
    }
  });

  it('keeps each SMS short enough for at most 3 SMS segments', () => {
    for (const q of questions) {
      for (const language of TRAINING_LANGUAGES) {
        for (const text of [q.lesson[language], questionText(q, language), reaskText(q, language), wrongText(q, language)]) {
          expect(text.length, `${q.id} ${language}: ${text}`).to.be.at.most(3 * 153);
        }
      }
    }
  });
});
