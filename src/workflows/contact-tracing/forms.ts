/**
 * The four app forms of contact tracing and the field paths the TypeScript side reads from them.
 * `cht-rapidpro check` proves each path exists in the XLSForm, so renaming a question there fails
 * the build instead of silently breaking the push, a task or the summary.
 */
import { appForm } from '../../cht/app-form';

/** A CHW puts a traced contact in quarantine and, with consent, starts the daily SMS. */
export const enrollmentForm = appForm('quarantine_enrollment', [
  'patient_id',
  'exposure.exposure_date',
  'quarantine.start_date',
  'quarantine.length_days',
  'quarantine.end_date',
  'sms.consent',
  'sms.language',
  'sms.phone',
] as const);

/** Done when an SMS check-in answered "yes" to a symptom. */
export const symptomaticFollowUpForm = appForm('symptomatic_follow_up', [
  'inputs.source_id',
  'follow_up.method',
  'follow_up.symptoms',
  'follow_up.action',
  'referred',
] as const);

/** Done when the contact has not answered for two days. */
export const checkVisitForm = appForm('quarantine_check_visit', [
  'inputs.source_id',
  'visit.method',
  'visit.reached',
  'visit.has_symptoms',
  'visit.sms_problem',
] as const);

/**
 * Closes a quarantine: the end-of-quarantine check on the last day, or earlier when the contact
 * withdraws, is referred or is lost. Its `outcome` is how "a contact who withdrew" is recorded.
 */
export const endCheckForm = appForm('quarantine_end_check', [
  'inputs.source_id',
  'end.outcome',
  'end.symptoms_now',
  'end.sms_phone',
] as const);

export type EndOutcome = 'completed' | 'referred' | 'withdrew' | 'lost';
