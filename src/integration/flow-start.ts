/**
 * The CHT outbound push that starts a RapidPro flow (`POST /api/v2/flow_starts.json`) when an app
 * form is submitted: the contact's phone as a `tel:` URN, CHT ids and form answers as flow params,
 * and header auth through a CHT credential key.
 *
 * A push is a construct: it references the app form and the flow objects, and synthesizes the
 * `app_settings.outbound` entry from a context that supplies what depends on the deployment (the
 * flow's UUID in the target workspace, RapidPro's URL, the credential key).
 *
 * A push starts **background flows only** (`messaging_background`). mailroom starts a messaging
 * flow by interrupting the flow the contact is answering (`tasks/start_flow_batch.go`), so a push
 * enrolling a CHW in one workflow would silently end their run in another; a background flow
 * never interrupts and never becomes the contact's waiting flow. `exclude_active` stays false: it
 * would drop the start for a contact answering another flow, losing the enrolment instead. The
 * background flow saves what it needs and joins a group; a campaign runs the interactive flow when
 * the contact is free (see rapidpro/README.md, "Which flow talks to a contact when").
 *
 * CHT re-sends a push whenever the mapped payload changes, and evaluates it on every revision of
 * the doc: the mapping must be deterministic (no clock, no random, no `_rev`), or contacts are
 * restarted in the flow. Doc paths are a closed list of deterministic ones, so `_rev` does not
 * compile, and expressions using the clock, randomness or `_rev` are refused.
 */
import { OutboundMapping, OutboundPush, OutboundSource } from '../cht/outbound';
import { AppForm, PathsOf } from '../phone/kit/app-form';
import { FlowBuilder } from '../rapidpro/flow/builder';
import { E164_PATTERN } from '../util/e164';

/** Paths on the doc CHT hydrates for outbound pushes whose value never changes between revisions. */
export type DeterministicDocPath =
  | '_id'
  | 'form'
  | 'reported_date'
  | 'from'
  | 'contact._id'
  | 'contact.name'
  | 'contact.phone'
  | 'contact.parent._id'
  | 'patient._id'
  | 'patient.name'
  | 'patient.phone'
  | 'patient.patient_id'
  | 'place._id';

/** A value taken from the submitted doc. */
export type DocSource<P extends string> =
  /** An answer of the form (`doc.fields.<path>`). */
  | { field: P; optional?: boolean }
  /** A deterministic path on the hydrated doc, e.g. `contact.phone` (the submitting health worker). */
  | { doc: DeterministicDocPath; optional?: boolean }
  /** A JavaScript expression over `doc` (refused when it uses the clock, randomness or `_rev`). */
  | { expr: string; optional?: boolean };

/** What a push needs from the deployment it is synthesized for. */
export interface PushContext {
  /** RapidPro's base URL (`https://rapidpro.example.org`). */
  rapidproUrl: string;
  /** The CHT credential key holding `Token <RapidPro API token>`. */
  credentialKey: string;
  /** The UUID of `flow` in the target workspace (the exported one until deploy resolves it). */
  flowUuid(flow: FlowBuilder): string;
}

export interface FlowStartOptions<F extends AppForm> {
  /** The outbound push key in app_settings, e.g. `rapidpro_quarantine_start`. */
  name: string;
  form: F;
  flow: FlowBuilder;
  /** The E.164 phone number of the contact to start. No push when it is missing or not E.164. */
  phone: DocSource<PathsOf<F>>;
  /** A consent answer that must equal `value` (e.g. `'yes'`). No push without it. */
  consent?: { field: PathsOf<F>; value: string };
  /** Another answer that must equal `value` for the push to fire (e.g. the programme a withdrawal is about). */
  when?: { field: PathsOf<F>; value: string };
  /** Flow params, read in the flow as `@trigger.params.<key>`. */
  params: Record<string, DocSource<PathsOf<F>>>;
  /**
   * `restart_participants` (RapidPro's default true). False excludes any contact who ran the flow
   * in the last 90 days (mailroom's `started_previously` exclusion), which would drop re-enrolments.
   */
  restartParticipants?: boolean;
}

const NON_DETERMINISTIC = /\b(Date|Math\.random|performance|process)\b|_rev\b/;

/** A push that starts a RapidPro flow; `synth` gives its `app_settings.outbound` entry. */
export class FlowStartPush<F extends AppForm = AppForm> {
  readonly name: string;
  readonly form: F;
  readonly flow: FlowBuilder;

  constructor(readonly options: FlowStartOptions<F>) {
    if (!/^[a-z][a-z0-9_]*$/.test(options.name)) throw new Error(`outbound push "${options.name}": use lower_snake_case`);
    if (options.flow.options.type !== 'messaging_background') {
      throw new Error(
        `outbound push ${options.name} starts "${options.flow.options.name}", a messaging flow: RapidPro would interrupt whatever flow the contact is answering. ` +
          'Start a background flow (type messaging_background) that saves the params and joins a group, and run the interactive flow from a campaign event in skip mode.',
      );
    }
    for (const [key, source] of Object.entries(options.params)) {
      if (!/^[a-z][a-z0-9_]*$/.test(key)) {
        throw new Error(`flow param "${key}" of push ${options.name}: use lower_snake_case so RapidPro reads it as @trigger.params.${key}`);
      }
      if ('expr' in source && NON_DETERMINISTIC.test(source.expr)) {
        throw new Error(`flow param "${key}" of push ${options.name} uses the clock, randomness or _rev: CHT would restart the flow on every revision. Map a stored value instead.`);
      }
    }
    this.name = options.name;
    this.form = options.form;
    this.flow = options.flow;
  }

  /**
   * The form paths the push reads (`doc.fields.<path>`): its declared field sources, and the
   * `doc.fields` paths inside its expressions.
   */
  fieldPaths(): string[] {
    const options = this.options;
    // in the order CHT reads them: the consent and phone guards, then the params
    const sources: DocSource<string>[] = [
      ...(options.consent ? [{ field: options.consent.field }] : []),
      ...(options.when ? [{ field: options.when.field }] : []),
      options.phone,
      ...Object.values(options.params),
    ];
    const paths = new Set<string>();
    for (const source of sources) {
      if ('field' in source) paths.add(source.field);
      if ('expr' in source) for (const path of fieldPathsIn(source.expr)) paths.add(path);
    }
    return [...paths];
  }

  /** The outbound push config for `app_settings.outbound[name]`. */
  synth(context: PushContext): OutboundPush {
    const options = this.options;
    const phoneJs = jsOf(options.phone);
    const guards = [
      `doc.type === 'data_record'`,
      `doc.form === ${JSON.stringify(options.form.id)}`,
      `!!doc.fields`,
    ];
    if (options.consent) guards.push(`${jsOf(options.consent)} === ${JSON.stringify(options.consent.value)}`);
    if (options.when) guards.push(`${jsOf(options.when)} === ${JSON.stringify(options.when.value)}`);
    guards.push(`typeof ${phoneJs} === 'string'`, `${E164_PATTERN.toString()}.test(${phoneJs})`);

    const mapping: OutboundMapping = {
      flow: { expr: JSON.stringify(context.flowUuid(this.flow)).replace(/"/g, "'") },
      urns: { expr: `['tel:' + ${phoneJs}]` },
      restart_participants: { expr: String(options.restartParticipants ?? true) },
      // never drop the start for a contact answering another flow: a background flow does not interrupt it
      exclude_active: { expr: 'false' },
    };
    for (const [key, source] of Object.entries(options.params)) mapping[`params.${key}`] = outboundSource(source);
    return {
      relevant_to: guards.join(' && '),
      destination: {
        base_url: context.rapidproUrl,
        path: '/api/v2/flow_starts.json',
        auth: { type: 'header', name: 'Authorization', value_key: context.credentialKey },
      },
      mapping,
    };
  }
}

export function flowStartPush<F extends AppForm>(options: FlowStartOptions<F>): FlowStartPush<F> {
  return new FlowStartPush(options);
}

function outboundSource(source: DocSource<string>): OutboundSource {
  // no `optional: undefined` key: the config must equal its JSON round trip (deploy compares them)
  if ('expr' in source) return source.optional ? { expr: source.expr, optional: true } : { expr: source.expr };
  const path = 'field' in source ? `doc.fields.${source.field}` : `doc.${source.doc}`;
  return source.optional ? { path, optional: true } : path;
}

/** Every `doc.fields.<path>` (or `doc?.fields?.<path>`) an expression reads, dotted, without method calls. */
export function fieldPathsIn(expression: string): string[] {
  const paths: string[] = [];
  for (const match of expression.matchAll(/\bdoc\??\.fields((?:\??\.[A-Za-z_$][\w$]*)+)(\s*\()?/g)) {
    const segments = match[1].split(/\??\./).filter(Boolean);
    if (match[2]) segments.pop(); // `.trim(` and friends: a method, not a field
    if (segments.length) paths.push(segments.join('.'));
  }
  return paths;
}

/** A null-safe JavaScript read of a source inside `relevant_to` / `expr`. */
function jsOf(source: DocSource<string>): string {
  if ('expr' in source) return `(${source.expr})`;
  const path = 'field' in source ? source.field : source.doc;
  const prefix = 'field' in source ? 'fields.' : '';
  return `doc${`${prefix}${path}`.split('.').map((key) => `?.${key}`).join('')}`;
}
