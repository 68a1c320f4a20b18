/**
 * JSON forms (`app_settings.forms.<CODE>`) that `POST /api/v2/records` accepts, in the shape
 * cht-conf's `validateFormsSchema` allows (no `meta.label`, no field `label`/`list`).
 */

export type JsonFieldType = 'string' | 'integer' | 'boolean' | 'date';

export interface JsonFormFieldLabels {
  tiny: string;
  short: { translation_key: string };
}

export interface JsonFormField {
  labels: JsonFormFieldLabels;
  position: number;
  type: JsonFieldType;
  required: boolean;
  /** Documented for readers: CHT does not enforce `range` on records (cht.md §1). */
  range?: [number, number];
  length?: [number, number];
}

export interface JsonForm {
  meta: {
    code: string;
    icon: string;
    translation_key: string;
    subject_key?: string;
  };
  fields: Record<string, JsonFormField>;
  /** The code treats a missing value as false although the docs say true: always set it. */
  public_form: boolean;
  use_sentinel: boolean;
}
