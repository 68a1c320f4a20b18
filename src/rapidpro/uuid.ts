/**
 * Derived UUIDs for generated RapidPro exports.
 *
 * Every UUID in a generated export is computed like a name-based version 5 UUID (RFC 4122 §4.3:
 * SHA-1 of a fixed namespace and a path such as `quarantine-checkin/node/ask_fever/case/0`), so a
 * rebuild produces byte-identical exports and a diff of a committed export shows only what really
 * changed. RapidPro gives imported flows new UUIDs per workspace anyway, so nothing relies on
 * these values being random.
 *
 * The version bits say 4, not 5: goflow validated every flow, node, action, exit, category and
 * case UUID as a version 4 UUID (`validate:"uuid4"`) until May 2025, so RapidPro deployments older
 * than that refuse to import any other version.
 */
import { createHash } from 'crypto';

/** The namespace of every UUID this project derives (itself a v5 UUID of "cht-rapidpro" in the URL namespace). */
export const CHT_RAPIDPRO_UUID_NAMESPACE = 'db1e4168-f6d6-5b00-a95c-3dc470ca9319';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a lowercase 8-4-4-4-12 hex UUID, the form goflow's validator accepts. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/**
 * The version 5 UUID of `name` in `namespace`: SHA-1 over the namespace's 16 bytes followed by
 * the UTF-8 name, truncated to 16 bytes, with the version and variant bits set.
 */
export function uuidV5(name: string, namespace: string = CHT_RAPIDPRO_UUID_NAMESPACE): string {
  return nameBasedUuid(name, namespace, 5);
}

/** A name-based UUID computed as version 5 is, labelled with `version`. */
function nameBasedUuid(name: string, namespace: string, version: 4 | 5): string {
  if (!isUuid(namespace)) throw new Error(`uuidV5: namespace "${namespace}" is not a lowercase UUID`);
  const digest = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  const bytes = [...digest.subarray(0, 16)];
  bytes[6] = (bytes[6] & 0x0f) | (version << 4);
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The UUID of one part of a generated export, e.g. `derivedUuid('checkin', 'node', 'ask', 'exit', 'Yes')`:
 * name-based and reproducible, shaped as version 4 so every RapidPro accepts it.
 */
export function derivedUuid(...path: string[]): string {
  if (path.length === 0 || path.some((part) => part === '')) {
    throw new Error(`derivedUuid: every path part must be non-empty (got ${JSON.stringify(path)})`);
  }
  // each part is URI-encoded so a key containing "/" can never collide with a deeper path
  return nameBasedUuid(path.map((part) => encodeURIComponent(part)).join('/'), CHT_RAPIDPRO_UUID_NAMESPACE, 4);
}
