/**
 * A response form: the one declaration from which both halves of "RapidPro answers come back to
 * CHT" are generated, so they cannot drift:
 * - the JSON form in `app_settings.forms` that `POST /api/v2/records` validates against, and
 * - the webhook each flow step calls, whose body fills exactly that form's fields,
 * plus the reading of a RapidPro run (`runs.json`) into the same record, for `sync`.
 *
 * Every record carries `rp_event_id` (the run uuid, suffixed `/<step>` when a flow posts several
 * records per run) so CHT-side de-duplication does not depend on where the record came from.
 */
import { JsonFieldType, JsonForm, JsonFormField } from '../cht/json-form';
import { RunLike, Source, fromRun, quote, resultKeyOf, toExpression } from './sources';

export interface RecordFieldSpec {
  type: JsonFieldType;
  required?: boolean;
  /** Short label for SMS-style displays (defaults to the field name). */
  tiny?: string;
}

/** The fields every response form has. */
export const STANDARD_FIELDS = {
  /** The CHT contact the record is about: links it to the contact and its tasks. */
  patient_id: { type: 'string', required: true },
  /** De-duplication key: the RapidPro run uuid (plus `/<step>`). */
  rp_event_id: { type: 'string', required: true },
} as const satisfies Record<string, RecordFieldSpec>;

type RequiredKeys<F> = { [K in keyof F]: F[K] extends { required: true } ? K : never }[keyof F];
type OptionalKeys<F> = Exclude<keyof F, RequiredKeys<F>>;

/** A value source for every required field, optionally for the others. */
export type PostValues<F extends Record<string, RecordFieldSpec>> =
  { [K in RequiredKeys<F>]: Source } & { [K in OptionalKeys<F>]?: Source };

/** The body of `POST /api/v2/records`. */
export interface RecordRequest {
  _meta: { form: string; from?: string; reported_date?: number };
  patient_id: string;
  rp_event_id: string;
  [field: string]: unknown;
}

/** The webhook a flow step calls (fed to the flow builder's `call_webhook`). */
export interface WebhookSpec {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

export class RecordMappingError extends Error {
  override name = 'RecordMappingError';
}

export interface PostOptions<F extends Record<string, RecordFieldSpec>> {
  /** Suffix of `rp_event_id` when the flow posts this form more than once per run. */
  step?: string;
  /** The run result whose presence means the flow reached this post (for `sync`). */
  presentWhen: string;
  /** The CHT contact id, usually a run result the flow copied from a contact field. */
  subject: Source;
  values: PostValues<F>;
}

/** One webhook call of one flow that creates one record. */
export class ResponsePost<F extends Record<string, RecordFieldSpec>> {
  constructor(readonly form: ResponseForm<F>, readonly options: PostOptions<F>) {}

  /** The record fields in form order, as RapidPro expressions. */
  private entries(): [string, Source | { kind: 'event' }][] {
    const entries: [string, Source | { kind: 'event' }][] = [
      ['patient_id', this.options.subject],
      ['rp_event_id', { kind: 'event' }],
    ];
    const values = this.options.values as Record<string, Source | undefined>;
    for (const name of Object.keys(this.form.fields)) {
      const source = values[name];
      if (source) entries.push([name, source]);
    }
    return entries;
  }

  /** The webhook body template: one JSON object, keys exactly the JSON form's fields. */
  body(): string {
    const parts = [`"_meta", object("form", ${quote(this.form.code)}, "from", urn_parts(contact.urn).path)`];
    for (const [name, source] of this.entries()) {
      const expression = source.kind === 'event'
        ? (this.options.step ? `run.uuid & ${quote('/' + this.options.step)}` : 'run.uuid')
        : toExpression(source);
      parts.push(`${quote(name)}, ${expression}`);
    }
    return `@(json(object(${parts.join(', ')})))`;
  }

  /** The webhook: CHT's records API at the URL and credentials held in workspace globals. */
  webhook(): WebhookSpec {
    return {
      method: 'POST',
      url: `@(globals.${this.form.globals.url} & "/api/v2/records")`,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Authorization: `@globals.${this.form.globals.auth}`,
      },
      body: this.body(),
    };
  }

  /** Run results this post reads: the flow must save each of them before calling the webhook. */
  resultKeys(): string[] {
    const keys = this.entries().map(([, source]) => (source.kind === 'event' ? undefined : resultKeyOf(source)));
    return [...new Set([this.options.presentWhen, ...keys.filter((key): key is string => !!key)])];
  }

  /** The record the webhook would have created for this run, or undefined when the run never reached it. */
  recordFromRun(run: RunLike): RecordRequest | undefined {
    const trigger = run.values[this.options.presentWhen];
    if (!trigger) return undefined;
    const record: Record<string, unknown> = {};
    for (const [name, source] of this.entries()) {
      const value = source.kind === 'event'
        ? (this.options.step ? `${run.uuid}/${this.options.step}` : run.uuid)
        : fromRun(source, run);
      const spec = this.form.allFields[name];
      if ((value === undefined || value === null) && spec.required) {
        throw new RecordMappingError(`run ${run.uuid} of ${this.form.code}: no value for required field "${name}" (result "${source.kind === 'event' ? '' : resultKeyOf(source) ?? ''}" missing)`);
      }
      record[name] = value === undefined ? null : value;
    }
    const from = run.contact.urn ? run.contact.urn.replace(/^tel:/, '') : undefined;
    const time = trigger.time ? Date.parse(trigger.time) : NaN;
    return {
      _meta: { form: this.form.code, ...(from ? { from } : {}), ...(Number.isFinite(time) ? { reported_date: time } : {}) },
      ...(record as { patient_id: string; rp_event_id: string }),
    };
  }
}

export interface ResponseFormOptions<F extends Record<string, RecordFieldSpec>> {
  /** Upper-case form code, e.g. `RP_SYMPTOMS` (the records API upper-cases `_meta.form`). */
  code: string;
  icon?: string;
  fields: F;
  /** Workspace globals holding CHT's base URL and the `Basic …` Authorization value. */
  globals?: { url: string; auth: string };
}

export class ResponseForm<F extends Record<string, RecordFieldSpec>> {
  readonly code: string;
  readonly icon: string;
  readonly fields: F;
  readonly globals: { url: string; auth: string };
  readonly posts: ResponsePost<F>[] = [];

  constructor(options: ResponseFormOptions<F>) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(options.code)) {
      throw new Error(`response form code "${options.code}": use UPPER_SNAKE_CASE (the records API upper-cases _meta.form)`);
    }
    for (const name of Object.keys(options.fields)) {
      if (!/^[a-z][a-z0-9_]*$/.test(name)) {
        throw new Error(`${options.code} field "${name}": use lower_snake_case (the records API lower-cases every key)`);
      }
      if (name in STANDARD_FIELDS) throw new Error(`${options.code} field "${name}" is reserved: every response form has it`);
    }
    this.code = options.code;
    this.icon = options.icon ?? 'icon-healthcare';
    this.fields = options.fields;
    this.globals = options.globals ?? { url: 'cht_url', auth: 'cht_auth' };
  }

  /** Standard fields first, then the declared ones. */
  get allFields(): Record<string, RecordFieldSpec> {
    return { ...STANDARD_FIELDS, ...this.fields };
  }

  /** Translation key of a field's label (`report.rp_symptoms.fever`). */
  labelKey(field: string): string {
    return `report.${this.code.toLowerCase()}.${field}`;
  }

  get titleKey(): string {
    return `form.${this.code.toLowerCase()}.title`;
  }

  /** Declares one webhook call that creates this record. */
  post(options: PostOptions<F>): ResponsePost<F> {
    const step = options.step ?? '';
    if (this.posts.some((post) => (post.options.step ?? '') === step)) {
      throw new Error(`${this.code}: two posts with step "${step}" would share rp_event_id values; give each a distinct step`);
    }
    const post = new ResponsePost(this, options);
    this.posts.push(post);
    return post;
  }

  /** The `app_settings.forms[code]` entry. */
  jsonForm(): JsonForm {
    const fields: Record<string, JsonFormField> = {};
    Object.entries(this.allFields).forEach(([name, spec], position) => {
      fields[name] = {
        labels: { tiny: spec.tiny ?? name, short: { translation_key: this.labelKey(name) } },
        position,
        type: spec.type,
        required: spec.required ?? false,
      };
    });
    return {
      meta: { code: this.code, icon: this.icon, translation_key: this.titleKey },
      fields,
      public_form: true,
      use_sentinel: true,
    };
  }

  /** Every record the run's webhooks would have created. */
  recordsFromRun(run: RunLike): RecordRequest[] {
    return this.posts.map((post) => post.recordFromRun(run)).filter((record): record is RecordRequest => !!record);
  }
}

export function responseForm<const F extends Record<string, RecordFieldSpec>>(options: ResponseFormOptions<F>): ResponseForm<F> {
  return new ResponseForm(options);
}
