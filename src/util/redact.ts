/**
 * Log-safe views of sensitive values. Logs never show a token or a phone number in full:
 * operators still need enough of a phone number to tell two contacts apart.
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

const E164_ANYWHERE = /(?:tel:)?\+\d{7,15}\b/g;
const TOKEN_HEADER = /\b(Token|Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const URL_CREDENTIALS = /\/\/([^/\s:@]+):([^/\s@]+)@/g;

/** Masks phone numbers, authorization values and URL credentials inside free text (error messages, bodies). */
export function redactText(text: string): string {
  return text
    .replace(TOKEN_HEADER, (_m, scheme: string) => `${scheme} [redacted]`)
    .replace(URL_CREDENTIALS, '//$1:[redacted]@')
    .replace(E164_ANYWHERE, (m) => redactPhone(m));
}
