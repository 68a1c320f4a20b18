/**
 * RapidPro as CHT's SMS gateway, the RapidPro half: the importable `rapidpro/cht-sms-gateway.json`
 * (a flow and a catch-all trigger) that forwards every message no flow handles to CHT's
 * `POST /api/v2/sms/rapidpro/incoming-messages`, where it appears in the Messages tab.
 *
 * Why here: this is not a workflow (no CHT forms, rules or records of its own), so it does not
 * belong in src/workflows, whose registry is typed against the phone rules; and it is a concrete
 * declaration, not a toolkit piece, so not src/integration. Like a workflow's flows.ts it declares a
 * flow with the flow builder and a webhook source the flow keeps; synth (src/project/synth.ts)
 * exports it next to the workflows' exports, and `check`, `simulate` and the tests read the same
 * objects from the assembly. CHT's half (what CHT 4.11 sends and accepts) is src/cht/sms-gateway.ts.
 *
 * What CHT 4.11 accepts (`api/src/controllers/rapidpro.js`): `Authorization: Token <secret>` equal to
 * the `rapidpro:incoming` credential, and a JSON body `{ id, from, content }`, all three non-empty;
 * `id` is the gateway reference CHT de-duplicates on (a second message with the same id is refused
 * with 400). The flow sends the message's own UUID as `id` (unlike CHT's docs' `run.uuid`, it stays
 * the same if RapidPro handles the message again), the sender's number from the URN the message came
 * on, and the text as typed.
 *
 * One guard: CHT parses an incoming SMS whose first word is a form code as that form
 * (`smsparser.getFormCode`), and the record forms RapidPro posts are public JSON forms. Forwarded
 * as is, "RP_WELLBEING …" from any phone would create a wellbeing record. The flow never forwards
 * a message containing a record form's code as a word; it stays in RapidPro's inbox.
 */
import { CHT_GLOBALS, WebhookSpec } from '../integration/record-post';
import { FlowBuilder } from '../rapidpro/flow/builder';
import { hasAnyWord } from '../rapidpro/flow/cases';
import { WebhookSource } from '../rapidpro/flow/node-spec';

/** CHT's endpoint for messages RapidPro forwards (CHT 4.1+). */
export const INCOMING_PATH = '/api/v2/sms/rapidpro/incoming-messages';

/** The workspace global holding the `rapidpro:incoming` secret (deploy and the README name it too). */
export const INCOMING_TOKEN_GLOBAL = { key: 'cht_incoming_token', name: 'CHT Incoming Token' } as const;

export const GATEWAY_FILE = 'rapidpro/cht-sms-gateway.json';
export const GATEWAY_FLOW_NAME = 'CHT SMS Gateway';

/** Run results: the screen's category and the forward's outcome (Success or Failure), queryable in runs.json. */
export const GATEWAY_RESULT = { screen: 'cht_screen', forwarded: 'cht_forward' } as const;
export const GATEWAY_CATEGORY = { recordCode: 'Record Code', message: 'Message' } as const;

/** The body CHT reads: `{ id, from, content }`. */
export interface IncomingMessageBody {
  id: string;
  from: string;
  content: string;
}

/** The forward of one incoming message to CHT. */
export class IncomingMessageForward implements WebhookSource {
  webhook(): WebhookSpec {
    return {
      method: 'POST',
      url: `@(globals.${CHT_GLOBALS.url} & "${INCOMING_PATH}")`,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        // CHT matches /^Token\s+(.*)$/ against the secret in rapidpro:incoming
        Authorization: `Token @globals.${INCOMING_TOKEN_GLOBAL.key}`,
      },
      body: '@(json(object("id", input.uuid, "from", urn_parts(input.urn).path, "content", input.text)))',
    };
  }
}

export const incomingForward = new IncomingMessageForward();

/** The flow the catch-all trigger starts for a message nothing else handled. */
export function gatewayFlow(recordCodes: readonly string[]): FlowBuilder {
  const flow = new FlowBuilder({ name: GATEWAY_FLOW_NAME, key: 'cht-sms-gateway', language: 'eng', expireAfterMinutes: 5 });
  if (recordCodes.length) {
    flow.split('screen', {
      operand: '@input.text',
      cases: [{ test: hasAnyWord({ eng: [...recordCodes].sort().join(' ') }), category: GATEWAY_CATEGORY.recordCode }],
      other: GATEWAY_CATEGORY.message,
      resultName: GATEWAY_RESULT.screen,
      // a message with a record code ends here, unforwarded
      routes: { [GATEWAY_CATEGORY.message]: 'forward' },
    });
  }
  return flow.callWebhook('forward', { source: incomingForward, resultName: GATEWAY_RESULT.forwarded });
}

/** RapidPro's catch-all trigger ("messages not handled by anything else"), as its export writes it. */
export interface CatchAllTrigger {
  trigger_type: 'C';
  flow: { uuid: string; name: string };
  groups: [];
  exclude_groups: [];
  channel: null;
}

export function catchAllTrigger(flow: FlowBuilder): CatchAllTrigger {
  return { trigger_type: 'C', flow: { uuid: flow.uuid, name: flow.options.name }, groups: [], exclude_groups: [], channel: null };
}
