/**
 * Builds the CHT outbound push that starts a RapidPro flow (`POST /api/v2/flow_starts.json`) when
 * an app form is submitted: the contact's phone as a `tel:` URN, CHT ids and form answers as flow
 * params, and header auth through a CHT credential key.
 *
 * CHT re-sends a push whenever the mapped payload changes, and evaluates it on every revision of
 * the doc: the mapping must be deterministic (no clock, no random, no `_rev`), or contacts are
 * restarted in the flow. The builder refuses such sources.
 */
import { AppForm } from '../cht/app-form';
import { OutboundMapping, OutboundPush, OutboundSource } from '../cht/outbound';
import { E164_PATTERN } from '../util/e164';

/** A value taken from the submitted doc. */
export type DocSource<P extends string> =
  /** An answer of the form (`doc.fields.<path>`). */
  | { field: P; optional?: boolean }
  /** Any path on the hydrated doc, e.g. `contact.phone` (the submitting CHW) or `contact.parent._id`. */
  | { doc: string; optional?: boolean }
  /** A JavaScript expression over `doc`. */
  | { expr: string; optional?: boolean };

export interface RapidProFlowRef {
  /** The flow's name: how deploy finds it in a workspace. */
  name: string;
  /** The UUID to start; deploy substitutes the workspace's UUID for the exported one. */
  uuid: string;
}

export interface FlowStartOptions<P extends string> {
  /** The outbound push key in app_settings, e.g. `rapidpro_quarantine_start`. */
  name: string;
  form: AppForm<P>;
  flow: RapidProFlowRef;
  /** The E.164 phone number of the contact to start. No push when it is missing or not E.164. */
  phone: DocSource<P>;
  /** A consent answer that must equal `value` (e.g. `'yes'`). No push without it. */
  consent?: { field: P; value: string };
  /** Flow params, read in the flow as `@trigger.params.<key>`. */
  params: Record<string, DocSource<P>>;
  /** RapidPro's base URL (`https://rapidpro.example.org`). */
  rapidproUrl: string;
  /** The CHT credential key holding `Token <RapidPro API token>`. */
  credentialKey: string;
  /** Restart a contact already in the flow (RapidPro's default is true). */
  restartParticipants?: boolean;
}

const NON_DETERMINISTIC = /\b(Date|Math\.random|performance|process)\b|_rev\b/;

/** The outbound push config for `app_settings.outbound[name]`. */
export function flowStartPush<P extends string>(options: FlowStartOptions<P>): OutboundPush {
  const phoneJs = jsOf(options.phone);
  const guards = [
    `doc.type === 'data_record'`,
    `doc.form === ${JSON.stringify(options.form.id)}`,
    `!!doc.fields`,
  ];
  if (options.consent) guards.push(`${jsOf(options.consent)} === ${JSON.stringify(options.consent.value)}`);
  guards.push(`typeof ${phoneJs} === 'string'`, `${E164_PATTERN.toString()}.test(${phoneJs})`);

  const mapping: OutboundMapping = {
    flow: { expr: JSON.stringify(options.flow.uuid).replace(/"/g, "'") },
    urns: { expr: `['tel:' + ${phoneJs}]` },
    restart_participants: { expr: String(options.restartParticipants ?? true) },
  };
  for (const [key, source] of Object.entries(options.params)) {
    if (!/^[a-z][a-z0-9_]*$/.test(key)) {
      throw new Error(`flow param "${key}" of push ${options.name}: use lower_snake_case so RapidPro reads it as @trigger.params.${key}`);
    }
    mapping[`params.${key}`] = outboundSource(source, options.name, key);
  }
  return {
    relevant_to: guards.join(' && '),
    destination: {
      base_url: options.rapidproUrl,
      path: '/api/v2/flow_starts.json',
      auth: { type: 'header', name: 'Authorization', value_key: options.credentialKey },
    },
    mapping,
  };
}

function outboundSource<P extends string>(source: DocSource<P>, push: string, key: string): OutboundSource {
  if ('expr' in source) {
    if (NON_DETERMINISTIC.test(source.expr)) {
      throw new Error(`flow param "${key}" of push ${push} uses the clock, randomness or _rev: CHT would restart the flow on every revision. Map a stored value instead.`);
    }
    return { expr: source.expr, optional: source.optional };
  }
  const path = 'field' in source ? `doc.fields.${source.field}` : `doc.${source.doc}`;
  return source.optional ? { path, optional: true } : path;
}

/** A null-safe JavaScript read of a source inside `relevant_to` / `expr`. */
function jsOf<P extends string>(source: DocSource<P>): string {
  if ('expr' in source) return `(${source.expr})`;
  const path = 'field' in source ? `fields.${source.field}` : source.doc;
  return `doc${path.split('.').map((key) => `?.${key}`).join('')}`;
}
