/**
 * Every name the contact-tracing workflow shares between CHT and RapidPro, declared once: the
 * flow params the outbound push sends, the contact fields and group the flows write, the run
 * results the webhook reads and the categories the answers fall into.
 */
export const RECORD_CODE = 'RP_SYMPTOMS';

/** Flow names: deployment finds the flows by these in each RapidPro workspace. */
export const FLOW_NAME = {
  enrolment: 'Quarantine Enrolment',
  checkin: 'Quarantine Daily Check-in',
  stop: 'Quarantine Stop',
} as const;

/** `@trigger.params.<key>` of the enrolment flow, filled by the `rapidpro_quarantine_start` push. */
export const PARAM = {
  chtContactId: 'cht_contact_id',
  enrollmentId: 'enrollment_id',
  quarantineStart: 'quarantine_start',
  quarantineLength: 'quarantine_length',
  chwPhone: 'chw_phone',
  language: 'language',
  outcome: 'outcome',
} as const;

/** Members get the daily check-ins (the campaign runs for this group). */
export const QUARANTINE_GROUP_NAME = 'Quarantine';

/** Run results (lower snake case, so the name is also the `@results.<key>`). */
export const RESULT = {
  chtContactId: 'cht_contact_id',
  enrollmentId: 'enrollment_id',
  quarantineDay: 'quarantine_day',
  fever: 'fever',
  cough: 'cough',
  breathing: 'breathing',
  symptomatic: 'symptomatic',
  posted: 'cht_record',
} as const;

export const CATEGORY = {
  yes: 'Yes',
  no: 'No',
  other: 'Other',
  noResponse: 'No Response',
  inQuarantine: 'In Quarantine',
  ended: 'Ended',
} as const;

/** The longest quarantine the enrolment form accepts: the campaign schedules this many days. */
export const MAX_QUARANTINE_DAYS = 21;
