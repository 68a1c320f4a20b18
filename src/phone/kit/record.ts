/**
 * A record form: a JSON form (`app_settings.forms.<CODE>`) whose records RapidPro posts through
 * `POST /api/v2/records`. Declared once; the phone reads records through it with the field types
 * it declares (`symptomsRecord.get(report, 'fever')` is `boolean | null`), and the Node side
 * derives the JSON form, the webhooks that fill it and `sync`'s reading of runs from the same object.
 *
 * CHT's records API stores JSON numbers and real booleans (it converts 1/0 for boolean fields), so
 * a value of the wrong type is read as `null`, never coerced: a stray `"true"` raises no task.
 */
import { ReportDoc } from './docs';
import { Keyed } from './keys';

export type RecordFieldType = 'string' | 'integer' | 'boolean' | 'date';

export interface RecordFieldSpec {
  readonly type: RecordFieldType;
  readonly required?: boolean;
  /** Short label for SMS-style displays (defaults to the field name). */
  readonly tiny?: string;
}

export type RecordFields = Readonly<Record<string, RecordFieldSpec>>;

/** The fields every record form has. */
export const STANDARD_FIELDS = {
  /** The CHT contact the record is about: links it to the contact, its tasks and its replication. */
  patient_id: { type: 'string', required: true },
  /** De-duplication key: the RapidPro run uuid (plus `/<step>` when a run posts several records). */
  rp_event_id: { type: 'string', required: true },
} as const satisfies RecordFields;

export type AllFields<F extends RecordFields> = typeof STANDARD_FIELDS & F;

/** The TypeScript type a stored field of `type` has. */
export type FieldValue<T extends RecordFieldType> =
  T extends 'boolean' ? boolean : T extends 'integer' | 'date' ? number : string;

export type RecordKeys<C extends string, F extends RecordFields> =
  | `form.${Lowercase<C>}.title`
  | `report.${Lowercase<C>}.${Extract<keyof AllFields<F>, string>}`;

const TYPE_OF: Record<RecordFieldType, 'string' | 'number' | 'boolean'> = {
  string: 'string',
  integer: 'number',
  date: 'number',
  boolean: 'boolean',
};

export class RecordForm<C extends string = string, F extends RecordFields = RecordFields> implements Keyed<RecordKeys<C, F>> {
  declare readonly __translationKeys?: RecordKeys<C, F>;
  readonly allFields: AllFields<F>;

  constructor(readonly code: C, readonly fields: F, readonly icon: string) {
    this.allFields = { ...STANDARD_FIELDS, ...fields };
  }

  /** The value CHT stored for `field`, or null when it is absent or not of the declared type. */
  get<K extends Extract<keyof AllFields<F>, string>>(report: ReportDoc, field: K): FieldValue<AllFields<F>[K]['type']> | null {
    const value = report.fields[field];
    const spec = this.allFields[field] as RecordFieldSpec | undefined;
    return spec && typeof value === TYPE_OF[spec.type] ? (value as FieldValue<AllFields<F>[K]['type']>) : null;
  }
}

// What only the Node side needs of a record form is functions, not methods: the phone bundle
// never calls them, so it leaves them out.

/**
 * Checks a record form's names against what the records API does with them (`defineRules` and
 * the JSON form call it): a clear error naming the record and the field, at build time.
 */
export function checkRecordForm(record: RecordForm): void {
  const code = record.code;
  if (!/^[A-Z][A-Z0-9_]*$/.test(code)) {
    throw new Error(`record form code "${code}": use UPPER_SNAKE_CASE (the records API upper-cases _meta.form)`);
  }
  for (const name of Object.keys(record.fields)) {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) {
      throw new Error(`${code} field "${name}": use lower_snake_case (the records API lower-cases every key)`);
    }
    if (name in STANDARD_FIELDS) throw new Error(`${code} field "${name}" is reserved: every record form has it`);
  }
}

/** The record's title key `form.<code, lower case>.title`. */
export function recordTitleKey<C extends string>(record: RecordForm<C>): `form.${Lowercase<C>}.title` {
  return `form.${record.code.toLowerCase() as Lowercase<C>}.title`;
}

/** A field's label key `report.<code, lower case>.<field>`. */
export function recordLabelKey<C extends string, F extends RecordFields, K extends Extract<keyof AllFields<F>, string>>(record: RecordForm<C, F>, field: K): `report.${Lowercase<C>}.${K}` {
  return `report.${record.code.toLowerCase() as Lowercase<C>}.${field}`;
}

/** Every translation key the record uses: its title and a label per field. */
export const recordTranslationKeys = <C extends string, F extends RecordFields>(record: RecordForm<C, F>): RecordKeys<C, F>[] => [recordTitleKey(record), ...Object.keys(record.allFields).map((field) => recordLabelKey(record, field as Extract<keyof AllFields<F>, string>))];

/** Declares a record form: `recordForm('RP_SYMPTOMS', { fever: { type: 'boolean' } })`. */
export const recordForm = <const C extends string, const F extends RecordFields>(code: C, fields: F, options: { icon?: string } = {}): RecordForm<C, F> => new RecordForm(code, fields, options.icon ?? 'icon-healthcare');
