/**
 * The doc `POST /api/v2/records` creates from a JSON body, following cht-core's
 * `services/records.js` and `report/validate.js` (cht.md §1): used by `simulate` and the harness
 * tests to turn a webhook body into the record CHT would store, errors included.
 */
import { JsonForm } from './json-form';
import { ReportDoc } from '../phone/kit/docs';

export class RecordRejected extends Error {
  override name = 'RecordRejected';
}

export interface RecordError {
  code: 'sys.missing_fields' | 'sys.incorrect_type';
  message: string;
}

export interface CreatedRecord extends ReportDoc {
  type: 'data_record';
  errors: RecordError[];
  sms_message: Record<string, unknown>;
}

/**
 * Builds the saved doc. Throws RecordRejected where CHT answers 500 without saving (no `_meta`,
 * no form, unknown form); type and required-field problems are recorded in `errors` and the doc is
 * still saved, as CHT does.
 */
export function createRecordDoc(
  forms: Record<string, JsonForm>,
  body: unknown,
  options: { id: string; now: number },
): CreatedRecord {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new RecordRejected('Missing _meta property.');
  const input = body as Record<string, unknown>;
  const meta = input._meta;
  if (!meta || typeof meta !== 'object') throw new RecordRejected('Missing _meta property.');
  const metaRecord = meta as Record<string, unknown>;
  if (!metaRecord.form) throw new RecordRejected('Missing required field: form');
  const code = String(metaRecord.form).toUpperCase();
  const form = forms[code];
  if (!form) throw new RecordRejected(`Form not found: ${code}`);

  const fields: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(input)) {
    if (key === '_meta') continue;
    const name = key.toLowerCase();
    if (!form.fields[name]) continue;
    // CHT coerces only when the body key matches the field key exactly, before lower-casing.
    const exact = form.fields[key];
    let value = raw;
    if (exact?.type === 'boolean' && (raw === 1 || raw === 0)) value = raw === 1;
    if (exact?.type === 'date' && raw !== null && raw !== undefined) {
      const time = typeof raw === 'number' ? raw : Date.parse(String(raw));
      value = Number.isFinite(time) ? time : null;
    }
    fields[name] = value;
  }

  const errors: RecordError[] = [];
  const missing = Object.entries(form.fields)
    .filter(([name, definition]) => definition.required && (fields[name] === undefined || fields[name] === null))
    .map(([name]) => name);
  if (missing.length) errors.push({ code: 'sys.missing_fields', message: `Missing or invalid fields: ${missing.join(',')}.` });
  for (const [name, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    const type = form.fields[name].type;
    const ok = type === 'integer' ? Number.isInteger(value)
      : type === 'string' ? typeof value === 'string'
        : type === 'boolean' ? typeof value === 'boolean'
          : true;
    if (!ok) errors.push({ code: 'sys.incorrect_type', message: `Incorrect type of field ${name}, expected ${type}.` });
  }

  return {
    _id: options.id,
    type: 'data_record',
    form: code,
    from: typeof metaRecord.from === 'string' ? metaRecord.from : undefined,
    reported_date: reportedDate(metaRecord.reported_date, options.now),
    fields,
    errors,
    sms_message: { ...metaRecord, form: code },
  };
}

function reportedDate(value: unknown, now: number): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const time = /^\d{13,}$/.test(value) ? Number(value) : Date.parse(value);
    if (Number.isFinite(time)) return time;
  }
  return now;
}
