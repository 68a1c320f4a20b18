/**
 * How RapidPro's answers come back to CHT, derived from the record form (src/phone/kit/record.ts)
 * so the two halves cannot drift:
 * - the JSON form in `app_settings.forms` that `POST /api/v2/records` validates against,
 * - each webhook a flow calls (`RecordPost`), whose body fills exactly that form's fields; the
 *   flow's webhook node keeps its post, so `sync` learns which flow posts which record from the
 *   flows themselves,
 * - the reading of a RapidPro run (`runs.json`) into the same record, for `sync`.
 *
 * Every record carries `rp_event_id` (the run uuid, suffixed `/<step>` when a flow posts several
 * records per run) so CHT-side de-duplication does not depend on where the record came from.
 */
import { JsonForm, JsonFormField } from '../cht/json-form';
import { AllFields, RecordFieldSpec, RecordFields, RecordForm, checkRecordForm, recordLabelKey, recordTitleKey } from '../phone/kit/record';
import { WebhookSource } from '../rapidpro/flow/node-spec';
import { RunLike, Source, fromRun, quote, resultKeyOf, toExpression } from './sources';

type RequiredKeys<F> = { [K in keyof F]: F[K] extends { required: true } ? K : never }[keyof F];
type OptionalKeys<F> = Exclude<keyof F, RequiredKeys<F>>;

/** A value source for every required field, optionally for the others (`patient_id` and `rp_event_id` are set by the post). */
export type PostValues<F extends RecordFields> =
  { [K in RequiredKeys<F>]: Source } & { [K in OptionalKeys<F>]?: Source };

/** The body of `POST /api/v2/records`. */
export interface RecordRequest {
  _meta: { form: string; from?: string; reported_date?: number };
  patient_id: string;
  rp_event_id: string;
  [field: string]: unknown;
}

/** RapidPro workspace globals holding CHT's base URL and the `Basic …` Authorization value. */
export const CHT_GLOBALS = { url: 'cht_url', auth: 'cht_auth' } as const;

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

export interface PostOptions<F extends RecordFields> {
  /** Suffix of `rp_event_id` when the flow posts this form more than once per run. */
  step?: string;
  /** The run result whose presence means the flow reached this post (for `sync`). */
  presentWhen: string;
  /** The CHT contact id, usually a run result the flow copied from a contact field. */
  subject: Source;
  values: PostValues<F>;
}

const stepsByRecord = new WeakMap<RecordForm, Set<string>>();

/** One webhook call of one flow that creates one record. */
export class RecordPost<F extends RecordFields = RecordFields> implements WebhookSource {
  constructor(readonly record: RecordForm<string, F>, readonly options: PostOptions<F>) {
    checkRecordForm(record);
    const steps = stepsByRecord.get(record) ?? new Set<string>();
    const step = options.step ?? '';
    if (steps.has(step)) {
      throw new Error(`${record.code}: two posts with step "${step}" would share rp_event_id values; give each a distinct step`);
    }
    steps.add(step);
    stepsByRecord.set(record, steps);
  }

  /** The record fields in form order, as RapidPro expressions. */
  private entries(): [string, Source | { kind: 'event' }][] {
    const entries: [string, Source | { kind: 'event' }][] = [
      ['patient_id', this.options.subject],
      ['rp_event_id', { kind: 'event' }],
    ];
    const values = this.options.values as Record<string, Source | undefined>;
    for (const name of Object.keys(this.record.fields)) {
      const source = values[name];
      if (source) entries.push([name, source]);
    }
    return entries;
  }

  /** The webhook body template: one JSON object, keys exactly the JSON form's fields. */
  body(): string {
    const parts = [`"_meta", object("form", ${quote(this.record.code)}, "from", urn_parts(contact.urn).path)`];
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
      url: `@(globals.${CHT_GLOBALS.url} & "/api/v2/records")`,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Authorization: `@globals.${CHT_GLOBALS.auth}`,
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
    const fields = this.record.allFields as Record<string, RecordFieldSpec>;
    for (const [name, source] of this.entries()) {
      const value = source.kind === 'event'
        ? (this.options.step ? `${run.uuid}/${this.options.step}` : run.uuid)
        : fromRun(source, run);
      if ((value === undefined || value === null) && fields[name].required) {
        throw new RecordMappingError(`run ${run.uuid} of ${this.record.code}: no value for required field "${name}" (result "${source.kind === 'event' ? '' : resultKeyOf(source) ?? ''}" missing)`);
      }
      record[name] = value === undefined ? null : value;
    }
    const from = run.contact.urn ? run.contact.urn.replace(/^tel:/, '') : undefined;
    const time = trigger.time ? Date.parse(trigger.time) : NaN;
    return {
      _meta: { form: this.record.code, ...(from ? { from } : {}), ...(Number.isFinite(time) ? { reported_date: time } : {}) },
      ...(record as { patient_id: string; rp_event_id: string }),
    };
  }
}

/** Declares one webhook call that creates a record of `record`. */
export function recordPost<F extends RecordFields>(record: RecordForm<string, F>, options: PostOptions<F>): RecordPost<F> {
  return new RecordPost(record, options);
}

/** The `app_settings.forms[code]` entry of a record form. */
export function jsonFormOf<C extends string, F extends RecordFields>(record: RecordForm<C, F>): JsonForm {
  checkRecordForm(record);
  const fields: Record<string, JsonFormField> = {};
  Object.entries(record.allFields as AllFields<F>).forEach(([name, spec], position) => {
    const field = spec as RecordFieldSpec;
    fields[name] = {
      labels: { tiny: field.tiny ?? name, short: { translation_key: recordLabelKey(record, name as Extract<keyof AllFields<F>, string>) } },
      position,
      type: field.type,
      required: field.required ?? false,
    };
  });
  return {
    meta: { code: record.code, icon: record.icon, translation_key: recordTitleKey(record) },
    fields,
    public_form: true,
    use_sentinel: true,
  };
}
