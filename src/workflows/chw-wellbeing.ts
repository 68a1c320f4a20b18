/**
 * Workflow 3 — weekly CHW symptom and mental-health checks with supervisor follow-up (issue 6).
 *
 * 1. Enrolment is a form, not automatic on CHW creation. A weekly mental-health check-in needs
 *    the CHW's explicit, informed consent, given to a person who can explain who sees the answers;
 *    creating a CHW contact records no such consent. So a supervisor opens `wellbeing_enrollment`
 *    on the CHW's profile and records consent, SMS language, the confirmed E.164 phone and the
 *    preferred weekday. A later enrolment without consent withdraws the CHW from CHT's tasks.
 * 2. Outbound push `rapidpro_wellbeing_start` starts the enrolment flow in RapidPro with the CHT
 *    contact id, the enrolment id, the language, the date of the first weekly check and the supervisor's phone.
 * 3. RapidPro saves those as contact fields, adds the CHW to a group, and a campaign starts the
 *    weekly check: four COVID-19 symptoms (yes/no), the four PHQ-4 items (0–3) and "do you want to
 *    talk to a counsellor". Each week posts ONE `RP_WELLBEING` record with the raw item scores,
 *    also when the week is missed (`answered` false).
 * 4. TypeScript scores the record (GAD-2, PHQ-2; see `chw-wellbeing/scoring.ts` for the rule on
 *    missing and out-of-range items) and raises supervisor-only tasks: symptomatic CHW, psychosocial
 *    support (high priority), two missed check-ins. `wellbeing_follow_up` resolves each.
 * 5. Targets and a profile card for supervisors only; the CHW never sees scores or tasks about
 *    themselves.
 */
import { flowStartPush } from '../integration/flow-start';
import { wellbeingExport, wellbeingFlows } from './chw-wellbeing/flows';
import { enrollmentForm, followUpForm } from './chw-wellbeing/forms';
import { wellbeingRecord } from './chw-wellbeing/record';
import { ENROLMENT_FLOW_NAME, PARAM, WEEKLY_FLOW_NAME } from './chw-wellbeing/results';
import { wellbeingSummary } from './chw-wellbeing/summary';
import { wellbeingTargets } from './chw-wellbeing/targets';
import { wellbeingTasks } from './chw-wellbeing/tasks';
import { WELLBEING_TRANSLATION_KEYS } from './chw-wellbeing/translations';
import { Workflow } from './workflow';

export const WELLBEING_PUSH = 'rapidpro_wellbeing_start';
/** The CHT credential holding `Token <RapidPro API token>`. */
export const RAPIDPRO_CREDENTIAL_KEY = 'rapidpro:api';

export const chwWellbeing: Workflow = {
  id: 'chw-wellbeing',
  title: 'CHW symptom and mental-health checks',
  appForms: [enrollmentForm, followUpForm],
  responseForms: [wellbeingRecord],

  pushes: (context) => ({
    [WELLBEING_PUSH]: flowStartPush({
      name: WELLBEING_PUSH,
      form: enrollmentForm,
      flow: { name: ENROLMENT_FLOW_NAME, uuid: context.flowUuid(ENROLMENT_FLOW_NAME, wellbeingFlows().enrolmentFlow.uuid) },
      phone: { field: 'enrollment.phone' },
      consent: { field: 'enrollment.consent', value: 'yes' },
      params: {
        [PARAM.chtContactId]: { field: 'patient_uuid' },
        [PARAM.enrollmentId]: { doc: '_id' },
        [PARAM.language]: { field: 'enrollment.language' },
        [PARAM.firstCheck]: { field: 'enrollment.first_check' },
        // the submitting supervisor (CHT hydrates doc.contact); a supervisor without a phone still enrols
        [PARAM.supervisorPhone]: { doc: 'contact.phone', optional: true },
      },
      rapidproUrl: context.rapidproUrl,
      credentialKey: RAPIDPRO_CREDENTIAL_KEY,
    }),
  }),

  rapidpro: () => ({
    file: 'chw-wellbeing.json',
    flowNames: [ENROLMENT_FLOW_NAME, WEEKLY_FLOW_NAME],
    content: wellbeingExport(),
  }),

  tasks: wellbeingTasks,
  targets: wellbeingTargets,
  summary: wellbeingSummary,
  translationKeys: WELLBEING_TRANSLATION_KEYS,
};
