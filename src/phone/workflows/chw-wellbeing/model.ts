/**
 * What both halves of the CHW wellbeing check read: the app forms (and the paths the code reads)
 * and the `RP_WELLBEING` record each weekly check posts. Scores and yes/no flags only, never free
 * text: mental-health answers are sensitive, and a number cannot leak what a CHW wrote in a reply.
 */
import { FormPaths, appForm } from '../../kit/app-form';
import { ReportDoc } from '../../kit/docs';
import { recordForm } from '../../kit/record';

export const ID = 'chw-wellbeing';

/** The icon of the workflow's tasks and targets (resources/icons). */
export const ICON = 'icon-people-family';

/** What the code reads from `wellbeing_enrollment` (Node only: `check` proves each path exists in the XLSForm). */
export const enrollmentPaths = {
  id: 'wellbeing_enrollment',
  paths: [
    'patient_uuid',
    'enrollment.consent',
    'enrollment.language',
    'enrollment.phone',
    'enrollment.preferred_day',
    'enrollment.first_check',
  ],
} as const satisfies FormPaths;

/** A supervisor enrols a CHW: consent, SMS language, confirmed E.164 phone, preferred weekday. */
export const enrollmentForm = appForm<typeof enrollmentPaths>('wellbeing_enrollment');

/** What the code reads from `wellbeing_follow_up` (Node only: `check` proves each path exists in the XLSForm). */
export const followUpPaths = {
  id: 'wellbeing_follow_up',
  paths: [
    'inputs.source_id',
    'inputs.reason',
    'follow_up.check_reason',
    'follow_up.reached',
    'follow_up.outcome',
  ],
} as const satisfies FormPaths;

/** What the supervisor did. Records actions and outcomes only: no free text about the CHW. */
export const followUpForm = appForm<typeof followUpPaths>('wellbeing_follow_up');

/** Why a follow-up is done: passed into the form as `inputs.reason` by each task. */
export type FollowUpReason = 'symptomatic' | 'psychosocial' | 'missed';

export const followUpReason = (report: ReportDoc): string => followUpForm.text(report, 'follow_up.check_reason');

export const hasConsent = (enrollment: ReportDoc | undefined): boolean => enrollmentForm.text(enrollment, 'enrollment.consent') === 'yes';

/** `RP_WELLBEING`: the one record a weekly check sends back, answered, partly answered or missed. */
export const wellbeingRecord = recordForm('RP_WELLBEING', {
  /** False for a missed week: the first question timed out. */
  answered: { type: 'boolean', required: true },
  fever: { type: 'boolean' },
  cough: { type: 'boolean' },
  difficulty_breathing: { type: 'boolean' },
  loss_taste_smell: { type: 'boolean' },
  /** PHQ-4 items, 0–3; null when the question was not answered. */
  phq_anxious: { type: 'integer' },
  phq_worry: { type: 'integer' },
  phq_interest: { type: 'integer' },
  phq_down: { type: 'integer' },
  wants_counsellor: { type: 'boolean' },
});
