/**
 * CHT's own SMS through RapidPro (cht-core 4.11.0 `api/src/services/rapidpro.js`,
 * `api/src/controllers/rapidpro.js`):
 * - `sms.outgoing_service: "rapidpro"` and `sms.rapidpro.url`: CHT posts its outgoing messages to
 *   `<url>/api/v2/broadcasts.json` and polls `<url>/api/v2/messages.json`, with
 *   `Authorization: Token <rapidpro:outgoing>` — so `rapidpro:outgoing` holds the bare API token
 *   (CHT prepends `Token `), unlike the pushes' credential, which CHT sends verbatim.
 * - RapidPro forwards the messages CHT should receive to
 *   `POST <CHT>/api/v2/sms/rapidpro/incoming-messages` with `Authorization: Token <secret>`; CHT
 *   compares the secret with `rapidpro:incoming` (403 "Incorrect token" otherwise). The secret is
 *   shared: RapidPro's incoming-messages flow reads it from a workspace global.
 */
import { randomBytes } from 'crypto';
// one source with the gateway flow that sends them (rapidpro/cht-sms-gateway.json)
import { INCOMING_PATH, INCOMING_TOKEN_GLOBAL } from '../gateway';

export const OUTGOING_KEY = 'rapidpro:outgoing';
export const INCOMING_KEY = 'rapidpro:incoming';

/** The RapidPro workspace global the incoming-messages flow sends as `Authorization: Token @globals.<key>`. */
export const INCOMING_GLOBAL = INCOMING_TOKEN_GLOBAL;

/** CHT's endpoint for messages RapidPro forwards. */
export { INCOMING_PATH };

/** Where the incoming secret comes from, by precedence. */
export type IncomingSource =
  | { kind: 'given'; secret: string; from: string }
  | { kind: 'keep' }
  | { kind: 'generate'; secret: string };

/** 32 random bytes, URL-safe base64 (43 characters): fits a header and a RapidPro global. */
export function generateIncomingSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A given secret must be usable in `Authorization: Token <secret>` (CHT matches `^Token\s+(.*)$`). */
export function checkIncomingSecret(secret: string, from: string): string | undefined {
  if (secret.length < 16) return `the incoming secret from ${from} is shorter than 16 characters: use a long random value (e.g. openssl rand -base64 32)`;
  if (/\s/.test(secret)) return `the incoming secret from ${from} contains whitespace, which an Authorization header cannot carry`;
  return undefined;
}

/** The lines telling the admin where RapidPro needs the incoming secret (never the secret itself). */
export function incomingInstructions(chtOrigin: string): string[] {
  return [
    `RapidPro → CHT messages: in the RapidPro workspace set the global "${INCOMING_GLOBAL.name}" (key ${INCOMING_GLOBAL.key}) to the incoming secret;`,
    `  the incoming-messages flow sends it as "Authorization: Token @globals.${INCOMING_GLOBAL.key}" to ${chtOrigin}${INCOMING_PATH}`,
  ];
}
