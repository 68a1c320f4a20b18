/**
 * `sms_withdrawal` ("Stop SMS messages"): a health worker records, on a person's profile, that the
 * person no longer wants the SMS of one programme. Each workflow's stop push (src/workflows/<id>)
 * starts its stop flow in RapidPro for the programme chosen, at the number the SMS go to.
 */
import { FormPaths, appForm } from '../kit/app-form';

/** What the code reads from `sms_withdrawal` (Node only: `check` proves each path exists in the XLSForm). */
export const withdrawalPaths = {
  id: 'sms_withdrawal',
  paths: [
    'patient_id',
    'patient_uuid',
    /** `quarantine`, `training` or `wellbeing`. */
    'withdrawal.programme',
    /** The E.164 number the SMS go to: the profile phone confirmed, or the one typed. */
    'withdrawal.sms_phone',
    /** `withdrew_consent`, `phone_not_theirs` or `other`. */
    'withdrawal.reason',
  ],
} as const satisfies FormPaths;

export const withdrawalForm = appForm<typeof withdrawalPaths>('sms_withdrawal');

export type WithdrawnProgramme = 'quarantine' | 'training' | 'wellbeing';
