/**
 * Language codes as the flow engine and RapidPro check them: goflow's `language` validator and
 * localization keys go through gocommon `i18n.ParseLanguage` (3 letters, a known ISO 639 code,
 * case-insensitive); a campaign message's base language must be one RapidPro lists
 * (`temba.utils.languages`: languages with an ISO 639-1 code, plus `mul` and `und`).
 */
import { ISO_639_1_LANGUAGES, ISO_639_3_CODES } from './iso639-data';

let iso6393: ReadonlySet<string> | undefined;
let campaignLanguages: ReadonlySet<string> | undefined;

function unpack(lines: readonly string[]): string[] {
  return lines.join('').match(/.../g) ?? [];
}

/**
 * True for an ISO 639-3 code such as `eng`, `fra` or `swa` (any letter case, as goflow reads it),
 * including the range `qaa`–`qtz` ISO 639 reserves for local use.
 */
export function isLanguageCode(code: string): boolean {
  iso6393 ??= new Set(unpack(ISO_639_3_CODES));
  const lower = code.toLowerCase();
  return code.length === 3 && (iso6393.has(lower) || /^q[a-t][a-z]$/.test(lower));
}

/** True for a language RapidPro accepts as a campaign message's base language. */
export function isCampaignLanguage(code: string): boolean {
  campaignLanguages ??= new Set([...unpack(ISO_639_1_LANGUAGES), 'mul', 'und']);
  return campaignLanguages.has(code);
}
