/**
 * Workflow 3 — weekly CHW symptom and mental-health checks with supervisor follow-up.
 *
 * 1. Enrolment is a form, not automatic on CHW creation. A weekly mental-health check-in needs
 *    the CHW's explicit, informed consent, given to a person who can explain who sees the answers;
 *    creating a CHW contact records no such consent. So a supervisor opens `wellbeing_enrollment`
 *    on the CHW's profile and records consent, SMS language, the confirmed E.164 phone and the
 *    preferred weekday. A later enrolment without consent withdraws the CHW from CHT's tasks.
 * 2. Outbound push `rapidpro_wellbeing_start` starts the enrolment flow in RapidPro, in the
 *    background (a CHW answering a training is not interrupted), with the CHT contact id and name,
 *    the enrolment id, the language, the date of the first weekly check and the supervisor's phone.
 * 3. RapidPro saves those as contact fields, adds the CHW to a group, and a campaign starts the
 *    weekly check: four COVID-19 symptoms (yes/no), the four PHQ-4 items (0–3) and "do you want to
 *    talk to a counsellor". Each week posts ONE `RP_WELLBEING` record with the raw item scores,
 *    also when the week is missed (`answered` false) (./flows.ts).
 * 4. The phone scores the record (GAD-2, PHQ-2; see src/phone/workflows/chw-wellbeing/state.ts for
 *    the rule on missing and out-of-range items) and raises supervisor-only tasks: symptomatic CHW,
 *    psychosocial support (high priority), two missed check-ins. `wellbeing_follow_up` resolves each.
 * 5. Targets and a profile card for supervisors only; the CHW never sees scores or tasks about
 *    themselves.
 */
import { flowStartPush } from '../../integration/flow-start';
import { rules } from '../../phone/workflows/chw-wellbeing';
import { enrollmentForm, enrollmentPaths, followUpPaths } from '../../phone/workflows/chw-wellbeing/model';
import { withdrawalPush } from '../shared';
import { defineWorkflow } from '../workflow';
import { PARAM, enrolmentFlow, rapidpro, stopFlow } from './flows';
import { scenario } from './scenario';
import { translations } from './translations';

// ---------------------------------------------------------------- 2. starting the weekly checks

export const startPush = flowStartPush({
  name: 'rapidpro_wellbeing_start',
  form: enrollmentForm,
  flow: enrolmentFlow,
  phone: { field: 'enrollment.phone' },
  consent: { field: 'enrollment.consent', value: 'yes' },
  params: {
    [PARAM.contactId]: { field: 'patient_uuid' },
    // the CHW's name in CHT, as CHT hydrates the report's subject
    [PARAM.name]: { doc: 'patient.name' },
    [PARAM.enrollmentId]: { doc: '_id' },
    [PARAM.language]: { field: 'enrollment.language' },
    [PARAM.firstCheck]: { field: 'enrollment.first_check' },
    // the submitting supervisor (CHT hydrates doc.contact); a supervisor without a phone still enrols
    [PARAM.supervisorPhone]: { doc: 'contact.phone', optional: true },
  },
});

/** "Stop SMS" (`sms_withdrawal`, programme wellbeing): the weekly checks stop in RapidPro. */
export const stopPush = withdrawalPush({
  name: 'rapidpro_wellbeing_stop',
  programme: 'wellbeing',
  flow: stopFlow,
  params: { [PARAM.contactId]: { field: 'patient_uuid' } },
});

// ---------------------------------------------------------------- the workflow

export const workflow = defineWorkflow({
  id: rules.id,
  title: 'CHW symptom and mental-health checks',
  rules,
  appForms: [enrollmentPaths, followUpPaths],
  pushes: [startPush, stopPush],
  rapidpro,
  translations,
  scenario,
});
