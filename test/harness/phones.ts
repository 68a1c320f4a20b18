/**
 * Phone numbers as health workers type them, and what CHT's phone widget (appearance `tel`, with
 * this app's `default_country_code` 254 and `phone_validation: full`) saves: always E.164, the form
 * the outbound pushes require. Used by every form that asks for a phone.
 */
import { ChtHarness, allowConsoleErrors } from '../support/harness';

/** Typed → saved. */
export const ACCEPTED_PHONES: ReadonlyArray<readonly [string, string]> = [
  ['0712345678', '+254712345678'],
  ['0712 345 678', '+254712345678'],
  ['(0712) 345-678', '+254712345678'],
  ['712345678', '+254712345678'],
  ['254712345678', '+254712345678'],
  ['+254 712 345 678', '+254712345678'],
  ['+254712345678', '+254712345678'],
  ['0110345678', '+254110345678'],
  ['+255754123456', '+255754123456'],
  ['+33612345678', '+33612345678'],
  ['+14155550123', '+14155550123'],
];

/** A local and a foreign number, for the forms that ask for a phone besides the person form. */
export const SOME_ACCEPTED_PHONES: ReadonlyArray<readonly [string, string]> = [['0712 345 678', '+254712345678'], ['+255 754 123 456', '+255754123456']];

/** Not a phone number of any country (too short, too long, no country, letters). */
export const REFUSED_PHONES = ['0712', '12345', '+1234567', '+0123', '+25471234567890123', '0712 345 67x'];

export const SOME_REFUSED_PHONES = ['0712', '+0123'];

/** The constraint message every phone question shows for a number it refuses. */
export const PHONE_INVALID = /^This is not a valid mobile number\. Check the digits, e\.g\. 0712 345 678, or \+ and the country code/;

/** CHT's phone widget logs every number it refuses with console.error: expected in tests that type wrong numbers. */
export function expectRefusedPhones(harness: ChtHarness): void {
  allowConsoleErrors(harness, /^console\.error: invalid phone number: "/);
}
