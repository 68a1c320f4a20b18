/**
 * What both halves of contact tracing read: the app forms (and the paths the code reads from them),
 * the `RP_SYMPTOMS` record RapidPro posts each day, and the limits both sides share.
 */
import { FormPaths, appForm } from '../../kit/app-form';
import { recordForm } from '../../kit/record';

export const ID = 'contact-tracing';

/** The icon of the workflow's tasks and targets (resources/icons). */
export const ICON = 'icon-healthcare';

/** What the code reads from `quarantine_enrollment` (Node only: `check` proves each path exists in the XLSForm). */
export const enrollmentPaths = {
  id: 'quarantine_enrollment',
  paths: [
    'patient_id',
    'exposure.exposure_date',
    'quarantine.start_date',
    'quarantine.length_days',
    'quarantine.end_date',
    'sms.consent',
    'sms.language',
    'sms.phone',
  ],
} as const satisfies FormPaths;

/** A CHW puts a traced contact in quarantine and, with consent, starts the daily SMS. */
export const enrollmentForm = appForm<typeof enrollmentPaths>('quarantine_enrollment');

/** What the code reads from `symptomatic_follow_up` (Node only: `check` proves each path exists in the XLSForm). */
export const symptomaticFollowUpPaths = {
  id: 'symptomatic_follow_up',
  paths: [
    'inputs.source_id',
    'inputs.fever',
    'inputs.cough',
    'inputs.breathing',
    'inputs.quarantine_day',
    'follow_up.method',
    'follow_up.symptoms',
    'follow_up.action',
    'referred',
  ],
} as const satisfies FormPaths;

/** Done when an SMS check-in answered "yes" to a symptom. */
export const symptomaticFollowUpForm = appForm<typeof symptomaticFollowUpPaths>('symptomatic_follow_up');

/** What the code reads from `quarantine_check_visit` (Node only: `check` proves each path exists in the XLSForm). */
export const checkVisitPaths = {
  id: 'quarantine_check_visit',
  paths: [
    'inputs.source_id',
    'inputs.last_heard',
    'visit.method',
    'visit.reached',
    'visit.has_symptoms',
    'visit.sms_problem',
  ],
} as const satisfies FormPaths;

/** Done when the contact has not answered for two days. */
export const checkVisitForm = appForm<typeof checkVisitPaths>('quarantine_check_visit');

/** What the code reads from `quarantine_end_check` (Node only: `check` proves each path exists in the XLSForm). */
export const endCheckPaths = {
  id: 'quarantine_end_check',
  paths: [
    'inputs.source_id',
    'inputs.quarantine_start',
    'inputs.quarantine_end',
    'inputs.enrollment_id',
    'end.outcome',
    'end.symptoms_now',
    'end.sms_phone',
  ],
} as const satisfies FormPaths;

/**
 * Closes a quarantine: the end-of-quarantine check on the last day, or earlier when the contact
 * withdraws, is referred or is lost. Its `outcome` is how "a contact who withdrew" is recorded.
 */
export const endCheckForm = appForm<typeof endCheckPaths>('quarantine_end_check');

export type EndOutcome = 'completed' | 'referred' | 'withdrew' | 'lost';

/** `RP_SYMPTOMS`: the one record each daily check-in sends back, answered or not. */
export const symptomsRecord = recordForm('RP_SYMPTOMS', {
  /** False for an unanswered day: the first question timed out. */
  answered: { type: 'boolean', required: true },
  /** Null when the contact did not get to (or did not answer) the question. */
  fever: { type: 'boolean' },
  cough: { type: 'boolean' },
  breathing: { type: 'boolean' },
  /**
   * True when any answer was "yes" (raises the follow-up task and the CHW's SMS alert), false when
   * all three were "no", null when some went unanswered without a "yes" (an unanswered day).
   */
  symptomatic: { type: 'boolean' },
  quarantine_day: { type: 'integer', required: true },
  /** The `quarantine_enrollment` report the check-in belongs to. */
  enrollment_id: { type: 'string', required: true },
});

export const DEFAULT_LENGTH_DAYS = 14;
/** The longest quarantine the enrolment form accepts: the campaign schedules this many days. */
export const MAX_QUARANTINE_DAYS = 21;
