/**
 * Translated text for flows: one string per language, written as the base text plus entries in
 * the flow's `localization`.
 */
import { LanguageCode } from './types';

/** Text the same in every language (e.g. an expression) or one text per language code. */
export type Text = string | Readonly<Record<LanguageCode, string>>;

/** The languages of a flow: its base language first, then the ones it is translated into. */
export interface FlowLanguages {
  base: LanguageCode;
  translations: readonly LanguageCode[];
}

/** A text resolved for a flow: the base value and, if it was given per language, each translation. */
export interface ResolvedText {
  base: string;
  /** Present only for texts given per language; then every translation language has an entry. */
  translated?: Readonly<Record<LanguageCode, string>>;
}

/**
 * Resolves `text` for the flow's languages. A per-language text must give the base language
 * and every translation language, and nothing else: a missing translation would silently fall
 * back to the base language on the phone of a French or Swahili speaker.
 */
export function resolveText(text: Text, languages: FlowLanguages, where: string): ResolvedText {
  if (typeof text === 'string') return { base: text };
  const expected = [languages.base, ...languages.translations];
  const missing = expected.filter((language) => typeof text[language] !== 'string');
  if (missing.length > 0) {
    throw new Error(`${where}: missing ${missing.join(', ')} text (this flow needs ${expected.join(', ')})`);
  }
  const extra = Object.keys(text).filter((language) => !expected.includes(language));
  if (extra.length > 0) {
    throw new Error(`${where}: text in ${extra.join(', ')}, which this flow does not declare (it has ${expected.join(', ')})`);
  }
  const translated: Record<LanguageCode, string> = {};
  for (const language of languages.translations) translated[language] = text[language];
  return { base: text[languages.base], translated };
}
