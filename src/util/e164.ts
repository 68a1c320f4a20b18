/** E.164: a plus sign, a country code that does not start with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/** The same rule as an XPath `regex()` for XLSForm constraints, so forms and code agree. */
export const E164_XPATH_REGEX = '^\\+[1-9][0-9]{6,14}$';

export function isE164(value: unknown): value is string {
  return typeof value === 'string' && E164_PATTERN.test(value);
}

/** RapidPro's telephone URN for an E.164 number. */
export function telUrn(phone: string): string {
  if (!isE164(phone)) {
    throw new Error(`"${phone}" is not an E.164 phone number (expected a plus sign, a country code and up to 15 digits, e.g. +254712345678)`);
  }
  return `tel:${phone}`;
}
