/**
 * The names both systems share for the weekly check: RapidPro run result names (the webhook body
 * and `sync` read them), the JSON form code and the contact fields the flows keep. Declared once.
 */

/** The JSON form the weekly check posts to `POST /api/v2/records`. */
export const RECORD_CODE = 'RP_WELLBEING';

/** Run results of the weekly check flow, in question order. */
export const RESULT = {
  /** Copied from the contact field at the start of the run: the CHT contact the record is about. */
  chtContactId: 'cht_contact_id',
  fever: 'fever',
  cough: 'cough',
  breathing: 'difficulty_breathing',
  tasteSmell: 'loss_taste_smell',
  anxious: 'phq_anxious',
  worry: 'phq_worry',
  interest: 'phq_interest',
  down: 'phq_down',
  counsellor: 'wants_counsellor',
  /** Set just before the webhook: the run reached the post (answered, partly answered or missed). */
  closed: 'check_in_closed',
} as const;

/** Category names of the reply waits. */
export const CATEGORY = {
  yes: 'Yes',
  no: 'No',
  score: 'Score',
  noResponse: 'No Response',
  other: 'Other',
} as const;

/** Contact fields the enrolment flow saves and the weekly flow reads. */
export const FIELD = {
  chtContactId: { key: 'cht_contact_id', name: 'CHT Contact ID' },
  enrollmentId: { key: 'wellbeing_enrollment_id', name: 'Wellbeing Enrollment ID' },
  supervisorPhone: { key: 'supervisor_phone', name: 'Supervisor Phone' },
  /** The first check-in (the chosen weekday, 1 to 7 days after enrolment): the campaign counts weeks from it. */
  firstCheck: { key: 'wellbeing_start', name: 'Wellbeing Start' },
} as const;

/** Flow params the outbound push sends (`@trigger.params.<key>` in the enrolment flow). */
export const PARAM = {
  chtContactId: 'cht_contact_id',
  enrollmentId: 'enrollment_id',
  language: 'language',
  supervisorPhone: 'supervisor_phone',
  /** `YYYY-MM-DD`, computed by the enrolment form. */
  firstCheck: 'first_check',
} as const;

export const GROUP_NAME = 'CHW Wellbeing';
export const ENROLMENT_FLOW_NAME = 'CHW Wellbeing Enrolment';
export const WEEKLY_FLOW_NAME = 'CHW Wellbeing Weekly Check';
export const CAMPAIGN_NAME = 'CHW Wellbeing Weekly';
