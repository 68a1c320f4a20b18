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
import { utf8Bytes } from './flow/utf8';

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
  const namespaceBytes = (namespace.replace(/-/g, '').match(/../g) ?? []).map((pair) => parseInt(pair, 16));
  const bytes = sha1([...namespaceBytes, ...utf8Bytes(name)]).slice(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | (version << 4);
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * SHA-1 (FIPS 180-4) of `message`. Written out rather than taken from Node's `crypto` because
 * flow definitions are also built in the contact-summary bundle CHT runs in the browser.
 */
export function sha1(message: readonly number[]): number[] {
  const bitLength = message.length * 8;
  const padded = [...message, 0x80];
  while (padded.length % 64 !== 56) padded.push(0);
  // the length as a 64-bit big-endian number (the high word is 0 for anything this module hashes)
  const high = Math.floor(bitLength / 0x100000000);
  padded.push((high >>> 24) & 0xff, (high >>> 16) & 0xff, (high >>> 8) & 0xff, high & 0xff);
  padded.push((bitLength >>> 24) & 0xff, (bitLength >>> 16) & 0xff, (bitLength >>> 8) & 0xff, bitLength & 0xff);

  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Array<number>(80);
  const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
  for (let chunk = 0; chunk < padded.length; chunk += 64) {
    for (let i = 0; i < 16; i++) {
      const j = chunk + i * 4;
      w[i] = (padded[j] << 24) | (padded[j + 1] << 16) | (padded[j + 2] << 8) | padded[j + 3];
    }
    for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    let [a, b, c, d, e] = h;
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20 ? [(b & c) | (~b & d), 0x5a827999] : i < 40 ? [b ^ c ^ d, 0x6ed9eba1] : i < 60 ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc] : [b ^ c ^ d, 0xca62c1d6];
      const temp = (rotl(a, 5) + f + e + k + w[i]) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = temp;
    }
    h[0] = (h[0] + a) | 0;
    h[1] = (h[1] + b) | 0;
    h[2] = (h[2] + c) | 0;
    h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0;
  }
  return h.flatMap((word) => [(word >>> 24) & 0xff, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff]);
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
