/**
 * Contact fields and groups a workflow needs in RapidPro. They travel in the export so that
 * importing it creates them; RapidPro matches existing ones by key (fields) and name (groups).
 */
import { derivedUuid } from '../uuid';
import { checkRapidProName } from './naming';
import { FieldDefinition, FieldType, GroupDefinition } from './types';

/** Keys RapidPro reserves for contact properties (`ContactField.RESERVED_KEYS`). */
const RESERVED_FIELD_KEYS = new Set(['has', 'is', 'fields', 'urns', 'created_on', 'last_seen_on']);

/** RapidPro's limits (`ContactField.MAX_KEY_LEN`, `MAX_NAME_LEN`). */
const MAX_FIELD_KEY_LENGTH = 36;
const MAX_FIELD_NAME_LENGTH = 36;

/**
 * A contact field, e.g. `contactField('quarantine_start', 'Quarantine Start', 'datetime')`.
 * Key and name follow RapidPro's rules (`ContactField.is_valid_key` / `is_valid_name`); a field
 * that breaks them would be renamed or refused on import, and flows reading it would break.
 */
export function contactField(key: string, name: string, type: FieldType = 'text'): FieldDefinition {
  if (!/^[a-z][a-z0-9_]*$/.test(key) || key.length > MAX_FIELD_KEY_LENGTH || RESERVED_FIELD_KEYS.has(key)) {
    throw new Error(
      `contact field key "${key}" is invalid: use lowercase letters, digits and _, start with a letter, ` +
        `at most ${MAX_FIELD_KEY_LENGTH} characters, not one of ${[...RESERVED_FIELD_KEYS].join(', ')}`,
    );
  }
  if (name !== name.trim() || !/^[A-Za-z0-9\- ]+$/.test(name) || name.length > MAX_FIELD_NAME_LENGTH) {
    throw new Error(`contact field name "${name}" is invalid: use letters, digits, spaces and -, at most ${MAX_FIELD_NAME_LENGTH} characters`);
  }
  return { key, name, type };
}

/** A plain contact group, with a UUID derived from its name (RapidPro matches groups by name on import). */
export function contactGroup(name: string): GroupDefinition {
  checkRapidProName('contact group', name);
  return { uuid: derivedUuid('group', name), name, query: null };
}
