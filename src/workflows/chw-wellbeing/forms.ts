/**
 * The two app forms of the wellbeing workflow and the field paths the TypeScript side reads.
 * `cht-rapidpro check` proves each path exists in the XLSForm, so renaming a question there fails
 * the build instead of silently breaking the push or a task.
 */
import { appForm } from '../../cht/app-form';
import { ReportDoc } from '../../cht/docs';

/** A supervisor enrols a CHW: consent, SMS language, confirmed E.164 phone, preferred weekday. */
export const enrollmentForm = appForm('wellbeing_enrollment', [
  'patient_uuid',
  'enrollment.consent',
  'enrollment.language',
  'enrollment.phone',
  'enrollment.preferred_day',
  'enrollment.first_check',
] as const);

/** What the supervisor did. Records actions and outcomes only: no free text about the CHW. */
export const followUpForm = appForm('wellbeing_follow_up', [
  'inputs.source_id',
  'inputs.reason',
  'follow_up.check_reason',
  'follow_up.reached',
  'follow_up.outcome',
] as const);

/** Why a follow-up is done: passed into the form as `inputs.reason` by each task. */
export type FollowUpReason = 'symptomatic' | 'psychosocial' | 'missed';

export function followUpReason(report: ReportDoc): string {
  return followUpForm.text(report, 'follow_up.check_reason');
}

export function hasConsent(enrollment: ReportDoc | undefined): boolean {
  return enrollmentForm.text(enrollment, 'enrollment.consent') === 'yes';
}
