/**
 * What the three workflows' RapidPro sides share: the languages flows speak, texts written once in
 * CHT's locales (`Localized`, en/fr/sw) and turned into flow texts (ISO 639-3), the yes/no question,
 * and the trigger params and contact language every enrolment flow sets.
 */
import { LOCALES, Locale, Localized } from '../phone/kit/locale';
import { setContactLanguage } from '../rapidpro/flow/actions';
import { FlowBuilder } from '../rapidpro/flow/builder';
import { CaseSpec, hasAnyWord } from '../rapidpro/flow/cases';
import { NodeKey } from '../rapidpro/flow/node-spec';
import { Text } from '../rapidpro/flow/text';
import { ActionSpec } from '../rapidpro/flow/actions';

/** CHT locale → the ISO 639-3 code RapidPro uses for contacts and flow localization. */
export const FLOW_LANGUAGE: Readonly<Record<Locale, string>> = { en: 'eng', fr: 'fra', sw: 'swa' };

/** Every flow's languages: English as the base, French and Swahili translations. */
export const FLOW_LANGUAGES = { language: FLOW_LANGUAGE.en, localizations: [FLOW_LANGUAGE.fr, FLOW_LANGUAGE.sw] } as const;

/** A text in every locale, as a flow text keyed by ISO 639-3 codes. */
export function sms(text: Localized): Text {
  const result: Record<string, string> = {};
  for (const locale of LOCALES) result[FLOW_LANGUAGE[locale]] = text[locale];
  return result;
}

/** Builds a text in every locale from a function of the locale. */
export function eachLocale(make: (locale: Locale) => string): Localized {
  return { en: make('en'), fr: make('fr'), sw: make('sw') };
}

/** `@trigger.params.<key>`: a value the outbound push sent. */
export const param = (key: string): string => `@trigger.params.${key}`;

/** Sets the contact's language from a CHT locale (en, fr, sw) the push sent as `param`. */
export function setLanguageFromLocale(paramKey: string): ActionSpec {
  return setContactLanguage(`@(if(trigger.params.${paramKey} = "fr", "fra", if(trigger.params.${paramKey} = "sw", "swa", "eng")))`);
}

/** The category names every yes/no question uses. */
export const YES_NO = { yes: 'Yes', no: 'No' } as const;

export interface YesNoQuestion<T extends string> {
  /** Node keys: the message, the wait, and the re-ask after an unclear reply. */
  nodes: { ask: NodeKey; wait: NodeKey; retry: NodeKey };
  /** The run result the answer is saved as. */
  result: string;
  text: Text;
  retryText: Text;
  /** Space-separated words (per flow language) that mean yes and no. */
  words: { yes: Text; no: Text };
  quickReplies?: readonly Text[];
  timeout: { seconds: number; category: T; next: NodeKey };
  next: NodeKey;
}

/**
 * One yes/no question: ask, wait for the reply, re-ask on anything unclear, and on no answer go
 * to `timeout.next`. Categories: Yes, No, Other and the timeout category.
 */
export function askYesNo<const T extends string>(flow: FlowBuilder, question: YesNoQuestion<T>): FlowBuilder {
  const cases: CaseSpec<'Yes' | 'No'>[] = [
    { test: hasAnyWord(question.words.yes), category: YES_NO.yes },
    { test: hasAnyWord(question.words.no), category: YES_NO.no },
  ];
  const options = question.quickReplies ? { quickReplies: question.quickReplies } : {};
  return flow
    .send(question.nodes.ask, question.text, { ...options, next: question.nodes.wait })
    .waitForReply(question.nodes.wait, {
      resultName: question.result,
      cases,
      timeout: { seconds: question.timeout.seconds, category: question.timeout.category },
      routes: { Yes: question.next, No: question.next, Other: question.nodes.retry, [question.timeout.category]: question.timeout.next } as Record<'Yes' | 'No' | 'Other' | T, NodeKey>,
    })
    .send(question.nodes.retry, question.retryText, { ...options, next: question.nodes.wait });
}
