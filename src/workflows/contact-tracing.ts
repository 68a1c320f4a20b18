/**
 * Workflow 1 — COVID-19 contact tracing with daily RapidPro symptom checks.
 *
 * 1. A CHW enrols a traced contact in quarantine (`quarantine_enrollment`).
 * 2. With SMS consent and an E.164 phone, the `rapidpro_quarantine_start` push starts RapidPro's
 *    enrolment flow; a campaign then runs the daily check-in every morning of the quarantine.
 * 3. Each day comes back as one `RP_SYMPTOMS` record (answered or not); a "yes" also alerts the CHW.
 * 4. The CHW gets tasks: follow up a symptomatic contact, check on a contact silent for 2 days,
 *    and close the quarantine on its last day (`quarantine_end_check`, which is also how an early
 *    end — withdrawal, referral, lost — is recorded; it stops the SMS via `rapidpro_quarantine_stop`).
 * 5. Targets and the contact summary show how monitoring goes.
 */
import { flowStartPush } from '../integration/flow-start';
import { checkVisitForm, endCheckForm, enrollmentForm, symptomaticFollowUpForm } from './contact-tracing/forms';
import { contactTracingExport, contactTracingFlows } from './contact-tracing/flows';
import { FLOW_NAME, PARAM } from './contact-tracing/names';
import { symptomsRecord } from './contact-tracing/record';
import { TARGETS, TASKS } from './contact-tracing/rules';
import { ANSWER_KEYS, contactTracingSummary, STATUS_KEYS, SUMMARY_KEYS, YES_NO_KEYS } from './contact-tracing/summary';
import { GenerateContext, Workflow } from './workflow';

export { checkinPost, symptomsRecord } from './contact-tracing/record';
export { checkVisitForm, endCheckForm, enrollmentForm, symptomaticFollowUpForm } from './contact-tracing/forms';
export { contactTracingFlows } from './contact-tracing/flows';
export {
  answeredTarget, completedTarget, endOfQuarantineTask, followedUpTarget, monitoredTarget, symptomaticTask, unreachableTask,
} from './contact-tracing/rules';

/** The credential holding `Token <RapidPro API token>` for both pushes. */
export const RAPIDPRO_CREDENTIAL = 'rapidpro:api';
export const START_PUSH = 'rapidpro_quarantine_start';
export const STOP_PUSH = 'rapidpro_quarantine_stop';

// 1. The forms and the field paths read from them: ./contact-tracing/forms.ts (XLSForms in forms/app).
// 3. The RapidPro flows and campaign: ./contact-tracing/flows.ts; the RP_SYMPTOMS record and its
//    webhook: ./contact-tracing/record.ts; a quarantine's state from the reports: ./contact-tracing/quarantine.ts.

// ---------------------------------------------------------------- 2. starting and stopping the SMS

export function contactTracingPushes(context: GenerateContext): ReturnType<Workflow['pushes']> {
  return {
    [START_PUSH]: flowStartPush({
      name: START_PUSH,
      form: enrollmentForm,
      flow: { name: FLOW_NAME.enrolment, uuid: context.flowUuid(FLOW_NAME.enrolment, contactTracingFlows().enrolment.uuid) },
      phone: { field: 'sms.phone' },
      consent: { field: 'sms.consent', value: 'yes' },
      params: {
        [PARAM.chtContactId]: { field: 'patient_id' },
        // the report's id, set before CHT evaluates the push (deterministic: not `_rev`)
        [PARAM.enrollmentId]: { doc: '_id' },
        [PARAM.quarantineStart]: { field: 'quarantine.start_date' },
        [PARAM.quarantineLength]: { field: 'quarantine.length_days' },
        // the submitting CHW, hydrated by CHT; without a phone there is simply no SMS alert
        [PARAM.chwPhone]: { doc: 'contact.phone', optional: true },
        [PARAM.language]: { field: 'sms.language' },
      },
      rapidproUrl: context.rapidproUrl,
      credentialKey: RAPIDPRO_CREDENTIAL,
    }),
    // any end check of a contact on SMS stops the check-ins (the phone is empty otherwise: no push)
    [STOP_PUSH]: flowStartPush({
      name: STOP_PUSH,
      form: endCheckForm,
      flow: { name: FLOW_NAME.stop, uuid: context.flowUuid(FLOW_NAME.stop, contactTracingFlows().stop.uuid) },
      phone: { field: 'end.sms_phone' },
      params: { [PARAM.outcome]: { field: 'end.outcome' } },
      rapidproUrl: context.rapidproUrl,
      credentialKey: RAPIDPRO_CREDENTIAL,
    }),
  };
}

// ---------------------------------------------------------------- 4. tasks for the CHW, 5. targets
// In ./contact-tracing/rules.ts: the phone runs them, so they live apart from the RapidPro flows.

// ---------------------------------------------------------------- the workflow


export const contactTracing: Workflow = {
  id: 'contact-tracing',
  title: 'COVID-19 contact tracing with daily SMS symptom checks',
  appForms: [enrollmentForm, symptomaticFollowUpForm, checkVisitForm, endCheckForm],
  responseForms: [symptomsRecord],
  pushes: contactTracingPushes,
  rapidpro: () => ({
    file: 'contact-tracing.json',
    flowNames: [FLOW_NAME.enrolment, FLOW_NAME.checkin, FLOW_NAME.stop],
    content: contactTracingExport(),
  }),
  tasks: TASKS,
  targets: TARGETS,
  summary: contactTracingSummary,
  translationKeys: [
    ...TASKS.map((task) => task.title),
    'contact_tracing.task.symptomatic.priority',
    ...TARGETS.flatMap((target) => [target.translation_key, target.subtitle_translation_key]).filter((key): key is string => !!key),
    ...Object.values(SUMMARY_KEYS),
    ...STATUS_KEYS,
    ...ANSWER_KEYS,
    ...YES_NO_KEYS,
    symptomsRecord.titleKey,
    ...Object.keys(symptomsRecord.allFields).map((field) => symptomsRecord.labelKey(field)),
  ],
};

