/**
 * Log-safe views of sensitive values. Logs never show a token or a phone number in full:
 * operators still need enough of a phone number to tell two contacts apart.
 *
 * Secrets are masked in two ways only, so masking never rewrites ordinary words:
 * - by position: the password of a URL's userinfo (`https://user:[redacted]@host`) and the value
 *   of an `Authorization`-style scheme (`Basic …`, `Token …`, `Bearer …`);
 * - by exact value: a known secret (a password, an API token) where it stands as a whole token,
 *   i.e. not inside a longer word, and only when it is at least MIN_MASKED_SECRET_LENGTH long.
 *   A shorter secret (`gw`, `1234`) would garble every message that happens to hold those
 *   characters, so it is masked by position only; a secret equal to a value the message shows on
 *   purpose (the user name) is not masked by value either: `user "gw"` stays readable.
 */

/** `+254712345678` → `+2547•••••678`; anything shorter than 7 characters is fully masked. */
export function redactPhone(phone: string): string {
  const value = phone.replace(/^tel:/, '');
  if (value.length < 7) return '•'.repeat(value.length);
  const keepStart = value.startsWith('+') ? 5 : 4;
  return value.slice(0, keepStart) + '•'.repeat(value.length - keepStart - 3) + value.slice(-3);
}

/** A token shows only its length: even a prefix helps an attacker guess which workspace it is. */
export function redactToken(token: string): string {
  return `[token: ${token.length} chars]`;
}

/** Secrets shorter than this are masked by position only (see the module comment). */
export const MIN_MASKED_SECRET_LENGTH = 8;

export const REDACTED = '[redacted]';

const E164_ANYWHERE = /(?:tel:)?\+\d{7,15}\b/g;
const TOKEN_HEADER = /\b(Token|Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
/**
 * `scheme://user:password@`: the greedy password part runs to the last `@` of the authority, so a
 * password holding an unencoded `@` is masked whole rather than cut at its first `@`.
 */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:]*):([^\s/?#]*)@/gi;

export interface RedactOptions {
  /** Values the text shows on purpose (user names): a secret equal to one is not masked by value. */
  publicValues?: readonly string[];
}

/**
 * Masks phone numbers, authorization values and URL passwords inside free text (error messages,
 * bodies), then each known secret by exact value as a whole token.
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = [], options: RedactOptions = {}): string {
  let result = text
    .replace(TOKEN_HEADER, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(URL_USERINFO, (_m, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`)
    .replace(E164_ANYWHERE, (m) => redactPhone(m));
  const publicValues = new Set(options.publicValues ?? []);
  const maskable = [...new Set(secrets)]
    .filter((secret): secret is string => typeof secret === 'string' && secret.length >= MIN_MASKED_SECRET_LENGTH && !publicValues.has(secret))
    // Longest first, so a secret that contains another is masked whole.
    .sort((a, b) => b.length - a.length);
  for (const secret of maskable) result = result.replace(wholeToken(secret), REDACTED);
  return result;
}

const WORD = /[A-Za-z0-9_]/;

/** Matches `secret` where it is not part of a longer word (a boundary is only required next to a word character). */
function wholeToken(secret: string): RegExp {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = WORD.test(secret[0]) ? '(?<![A-Za-z0-9_])' : '';
  const after = WORD.test(secret[secret.length - 1]) ? '(?![A-Za-z0-9_])' : '';
  return new RegExp(`${before}${escaped}${after}`, 'g');
}
