/**
 * The CouchDB documents CHT's rules, contact summary and outbound pushes see. Only the properties
 * this toolkit reads are typed; everything else stays `unknown` so a typo is a compile error.
 */

/** A reference to a parent place: `{ _id, parent: { _id, … } }` as CHT minifies lineage. */
export interface ParentRef {
  _id: string;
  parent?: ParentRef;
}

/** A contact (person or place) as the rules engine and contact summary receive it. */
export interface ContactDoc {
  _id: string;
  type: string;
  contact_type?: string;
  name?: string;
  phone?: string;
  role?: string;
  patient_id?: string;
  place_id?: string;
  preferred_language?: string;
  reported_date?: number;
  date_of_death?: string;
  muted?: number | string | boolean;
  parent?: ParentRef;
  [key: string]: unknown;
}

/** Report fields: form answers (app forms) or JSON-form values (records API); groups nest. */
export interface ReportFields {
  patient_id?: string;
  patient_uuid?: string;
  [key: string]: unknown;
}

/** A `data_record`: an app form submission or a record created through `POST /api/v2/records`. */
export interface ReportDoc {
  _id: string;
  type?: 'data_record';
  /** App form id (`quarantine_enrollment`) or upper-case JSON form code (`RP_SYMPTOMS`). */
  form: string;
  reported_date: number;
  fields: ReportFields;
  contact?: ParentRef;
  from?: string;
  deleted?: boolean;
  [key: string]: unknown;
}

/** What the task and target emitters pass as `c`: one contact with the reports about it. */
export interface ContactWithReports {
  contact: ContactDoc;
  reports: ReportDoc[];
}

/** The logged-in user's contact doc: the `user` global in rules and contact summary. */
export interface UserContact extends ContactDoc {
  parent?: ParentRef;
}
