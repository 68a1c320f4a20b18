/**
 * Workflow 1 — COVID-19 contact tracing with daily RapidPro symptom checks.
 *
 * 1. A CHW enrols a traced contact in quarantine (`quarantine_enrollment`).
 * 2. With SMS consent and an E.164 phone, the `rapidpro_quarantine_start` push starts RapidPro's
 *    enrolment flow in the background (never interrupting another SMS conversation on the phone);
 *    a campaign then runs the daily check-in every morning of the quarantine. A phone that already
 *    follows another person's quarantine is left to them, and the CHW is told by SMS.
 * 3. Each day comes back as one `RP_SYMPTOMS` record (answered or not); a "yes" also alerts the CHW.
 * 4. The CHW gets tasks: follow up a symptomatic contact, check on a contact silent for 2 days,
 *    and close the quarantine on its last day (`quarantine_end_check`, which is also how an early
 *    end — withdrawal, referral, lost — is recorded; it stops the SMS via `rapidpro_quarantine_stop`).
 * 5. Targets and the contact summary show how monitoring goes.
 *
 * Forms, record and limits: src/phone/workflows/contact-tracing/model.ts; tasks, targets and the
 * profile (what the phone runs): src/phone/workflows/contact-tracing/; flows: ./flows.ts.
 */
import { flowStartPush } from '../../integration/flow-start';
import { rules } from '../../phone/workflows/contact-tracing';
import { checkVisitPaths, endCheckForm, endCheckPaths, enrollmentForm, enrollmentPaths, symptomaticFollowUpPaths } from '../../phone/workflows/contact-tracing/model';
import { withdrawalPush } from '../shared';
import { defineWorkflow } from '../workflow';
import { PARAM, enrolmentFlow, rapidpro, stopFlow } from './flows';
import { scenario } from './scenario';
import { translations } from './translations';

// ---------------------------------------------------------------- 2. starting and stopping the SMS

export const startPush = flowStartPush({
  name: 'rapidpro_quarantine_start',
  form: enrollmentForm,
  flow: enrolmentFlow,
  phone: { field: 'sms.phone' },
  consent: { field: 'sms.consent', value: 'yes' },
  params: {
    [PARAM.contactId]: { field: 'patient_id' },
    // the person's name in CHT, as CHT hydrates the report's subject: names the RapidPro contact and the SMS
    [PARAM.name]: { doc: 'patient.name' },
    // the report's id, set before CHT evaluates the push (deterministic: not `_rev`)
    [PARAM.enrollmentId]: { doc: '_id' },
    [PARAM.quarantineStart]: { field: 'quarantine.start_date' },
    [PARAM.quarantineLength]: { field: 'quarantine.length_days' },
    // the submitting CHW, hydrated by CHT; without a phone there is simply no SMS alert
    [PARAM.chwPhone]: { doc: 'contact.phone', optional: true },
    [PARAM.language]: { field: 'sms.language' },
  },
});

/** Any end check of a contact on SMS stops the check-ins (the phone is empty otherwise: no push). */
export const stopPush = flowStartPush({
  name: 'rapidpro_quarantine_stop',
  form: endCheckForm,
  flow: stopFlow,
  phone: { field: 'end.sms_phone' },
  params: {
    // only this person's quarantine stops: the phone may follow someone else by now
    [PARAM.contactId]: { doc: 'patient._id' },
    [PARAM.outcome]: { field: 'end.outcome' },
  },
});

/**
 * "Stop SMS" (`sms_withdrawal`, programme quarantine): the contact withdraws consent to the SMS
 * while the follow-up goes on by visits. The same stop flow leaves the group and confirms.
 */
export const withdrawPush = withdrawalPush({
  name: 'rapidpro_quarantine_withdraw',
  programme: 'quarantine',
  flow: stopFlow,
  params: { [PARAM.contactId]: { field: 'patient_uuid' }, [PARAM.outcome]: { expr: "'withdrew'" } },
});

// ---------------------------------------------------------------- the workflow

export const workflow = defineWorkflow({
  id: rules.id,
  title: 'COVID-19 contact tracing with daily SMS symptom checks',
  rules,
  appForms: [enrollmentPaths, symptomaticFollowUpPaths, checkVisitPaths, endCheckPaths],
  pushes: [startPush, stopPush, withdrawPush],
  rapidpro,
  translations,
  scenario,
});
