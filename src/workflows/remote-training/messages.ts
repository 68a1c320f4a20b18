/**
 * The flow's fixed SMS texts (the lessons and questions are in `anc-module.ts`), in the flow's
 * languages. RapidPro picks the text of the contact's language, which the flow sets first.
 */
import { Localized, OPTION_KEYS, QuizQuestion, TRAINING_LANGUAGES, TrainingLanguage } from './anc-module';

/** CHT language code → the ISO 639-3 code RapidPro uses for contacts and flow localization. */
export const FLOW_LANGUAGE: Record<TrainingLanguage, string> = { en: 'eng', fr: 'fra', sw: 'swa' };
export const BASE_LANGUAGE = FLOW_LANGUAGE.en;
export const TRANSLATIONS = [FLOW_LANGUAGE.fr, FLOW_LANGUAGE.sw] as const;

export type FlowText = Record<string, string>;

/** A localized text keyed by the flow's language codes. */
export function flowText(text: Localized): FlowText {
  const result: FlowText = {};
  for (const language of TRAINING_LANGUAGES) result[FLOW_LANGUAGE[language]] = text[language];
  return result;
}

/** Builds a text in every language from a function of the language. */
export function eachLanguage(make: (language: TrainingLanguage) => string): FlowText {
  return flowText({ en: make('en'), fr: make('fr'), sw: make('sw') });
}

const REPLY_HINT: Localized = {
  en: 'Reply A, B or C.',
  fr: 'Répondez A, B ou C.',
  sw: 'Jibu A, B au C.',
};

/** The question with its three options, one per line. */
export function questionText(question: QuizQuestion, language: TrainingLanguage): string {
  const options = OPTION_KEYS.map((key) => `${key.toUpperCase()}) ${question.options[key].text[language]}`);
  return [question.question[language], ...options, REPLY_HINT[language]].join('\n');
}

const NOT_UNDERSTOOD: Localized = {
  en: 'Sorry, I did not understand your answer.',
  fr: "Désolé, je n'ai pas compris votre réponse.",
  sw: 'Samahani, sikuelewa jibu lako.',
};

/** The re-ask after an unclear reply: an apology, then the question again. */
export function reaskText(question: QuizQuestion, language: TrainingLanguage): string {
  return `${NOT_UNDERSTOOD[language]}\n${questionText(question, language)}`;
}

const CORRECT: Localized = { en: 'Correct!', fr: 'Bonne réponse !', sw: 'Sahihi!' };
const RIGHT_ANSWER: Localized = { en: 'The right answer is', fr: 'La bonne réponse est', sw: 'Jibu sahihi ni' };

export function rightText(question: QuizQuestion, language: TrainingLanguage): string {
  return `${CORRECT[language]} ${question.explanation[language]}`;
}

export function wrongText(question: QuizQuestion, language: TrainingLanguage): string {
  const key = question.correct;
  return `${RIGHT_ANSWER[language]} ${key.toUpperCase()}) ${question.options[key].text[language]}. ${question.explanation[language]}`;
}

/** `@results.score.value` is filled in by RapidPro. */
export function completionText(total: number): FlowText {
  return flowText({
    en: `You have finished the antenatal care training. Your score: @results.score.value out of ${total}. Your supervisor will go over any wrong answers with you. Thank you!`,
    fr: `Vous avez terminé la formation sur les consultations prénatales. Votre score : @results.score.value sur ${total}. Votre superviseur reverra avec vous les mauvaises réponses. Merci !`,
    sw: `Umemaliza mafunzo ya huduma kwa wajawazito. Alama zako: @results.score.value kati ya ${total}. Msimamizi wako atapitia nawe majibu yasiyo sahihi. Asante!`,
  });
}

/** Sent to the supervisor's phone at completion (in the supervisor's RapidPro contact language). */
export function supervisorText(total: number): FlowText {
  return flowText({
    en: `@trigger.params.chw_name has finished the ANC training by SMS with a score of @results.score.value out of ${total}. Wrong answers appear as tasks in CHT.`,
    fr: `@trigger.params.chw_name a terminé la formation CPN par SMS avec un score de @results.score.value sur ${total}. Les mauvaises réponses apparaissent comme tâches dans CHT.`,
    sw: `@trigger.params.chw_name amemaliza mafunzo ya ANC kwa SMS kwa alama @results.score.value kati ya ${total}. Majibu yasiyo sahihi yanaonekana kama kazi kwenye CHT.`,
  });
}
