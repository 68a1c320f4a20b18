/**
 * RapidPro's rules for the names and keys an import creates (temba `utils/fields.py` NameValidator,
 * `TembaNameMixin.clean_name`, `ContactField.is_valid_key` / `is_valid_name`).
 */
import { runeLength } from './json';

/** Longest name of a flow, group or campaign (`TembaNameMixin.MAX_NAME_LEN`). */
export const MAX_NAME_LENGTH = 64;

/** Keys a custom contact field can't have (`ContactField.RESERVED_KEYS`). */
export const RESERVED_FIELD_KEYS: ReadonlySet<string> = new Set(['has', 'is', 'fields', 'urns', 'created_on', 'last_seen_on']);

/** Contact fields every workspace has (`ContactField.SYSTEM_FIELDS`): campaign events may be relative to them. */
export const SYSTEM_DATE_FIELDS: ReadonlySet<string> = new Set(['created_on', 'last_seen_on']);

/** Why RapidPro's NameValidator refuses `name`, or undefined when it accepts it. */
export function nameProblem(name: string, max = MAX_NAME_LENGTH): string | undefined {
  if (runeLength(name) > max) return `is longer than ${max} characters`;
  if (name !== name.trim()) return 'begins or ends with whitespace';
  if (name.includes('"') || name.includes('\\')) return 'contains " or \\';
  if (name.includes('\0')) return 'contains a null character';
  return undefined;
}

/** `TembaNameMixin.clean_name`: what an import makes of a flow, group or campaign name. */
export function cleanName(name: string): string {
  return [...name.trim()].slice(0, MAX_NAME_LENGTH).join('').trim().replace(/"/g, "'").replace(/\\/g, '/').replace(/\0/g, '');
}

/** Why RapidPro refuses `key` for a new contact field, or undefined when it is valid. */
export function fieldKeyProblem(key: string): string | undefined {
  if (!/^[a-z][a-z0-9_]*$/.test(key)) return 'must be lowercase letters, digits and _, starting with a letter';
  if (key.length > 36) return 'is longer than 36 characters';
  if (RESERVED_FIELD_KEYS.has(key)) return `is reserved (RapidPro reserves ${[...RESERVED_FIELD_KEYS].join(', ')})`;
  return undefined;
}

/** `ContactField.is_valid_name`: letters, digits, spaces and hyphens, at most 36 characters. */
export function isValidFieldName(name: string): boolean {
  return name === name.trim() && /^[A-Za-z0-9\- ]+$/.test(name) && name.length <= 36;
}

/** `utils.text.unsnakify`: the name RapidPro gives a field whose exported name it can't use. */
export function unsnakify(key: string): string {
  return key
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join(' ');
}
