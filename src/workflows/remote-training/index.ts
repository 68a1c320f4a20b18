/**
 * Workflow 2 — remote training of CHWs by SMS on antenatal care, in the CHW's language.
 *
 * 1. A supervisor opens `training_enrollment` on a CHW's profile: module (ANC), the language of
 *    the messages (English, French or Swahili, pre-filled with the CHW's preferred language), the
 *    phone number confirmed with the CHW (E.164) and the CHW's consent to receive the SMS.
 * 2. With consent and a valid phone, outbound push `rapidpro_training_start` starts RapidPro's
 *    enrolment flow in the background (it never interrupts an SMS check the CHW is answering) with
 *    the CHW's contact id and name, the enrolment id, the module, the language (ISO 639-3) and the
 *    supervisor's phone; a campaign starts the training itself as soon as the CHW's phone is free.
 * 3. The flow speaks the CHW's language and teaches 7 short lessons (./messages.ts, WHO ANC
 *    recommendations), each followed by a question. Replies are read as people type them (letter,
 *    the option's words in any of the three languages, the position's digit where the options are
 *    not numbers); an unclear reply is asked again once; a question left unanswered for hours
 *    pauses the training until the CHW replies or the next day. Each answer is posted to CHT
 *    as an `RP_TRAINING` record (question id, topic, answer, correct), and the end as one more
 *    record with the score; the supervisor gets an SMS with the score (./flows.ts).
 * 4. Tasks for the supervisor only (never the CHW they are about): coach each wrong answer on its
 *    topic, and nudge a CHW who has not finished 7 days after enrolment. `training_follow_up`
 *    resolves each — only when the supervisor actually reached the CHW.
 * 5. Targets for supervisors, and a training card on the CHW's profile
 *    (src/phone/workflows/remote-training/).
 */
import { flowStartPush } from '../../integration/flow-start';
import { rules } from '../../phone/workflows/remote-training';
import { enrollmentForm, enrollmentPaths, followUpPaths } from '../../phone/workflows/remote-training/model';
import { withdrawalPush } from '../shared';
import { defineWorkflow } from '../workflow';
import { PARAM, enrolmentFlow, rapidpro, stopFlow } from './flows';
import { scenario } from './scenario';
import { translations } from './translations';

// ---------------------------------------------------------------- 2. starting the training

export const startPush = flowStartPush({
  name: 'rapidpro_training_start',
  form: enrollmentForm,
  flow: enrolmentFlow,
  phone: { field: 'training.phone' },
  consent: { field: 'training.consent', value: 'yes' },
  params: {
    [PARAM.contactId]: { field: 'patient_id' },
    // the CHW's name as the form recorded it: names the RapidPro contact and the supervisor's SMS
    [PARAM.name]: { field: 'patient_name' },
    [PARAM.enrollmentId]: { doc: '_id' },
    [PARAM.module]: { field: 'training.module' },
    [PARAM.language]: { field: 'training.flow_language' },
    // the submitting supervisor (CHT hydrates doc.contact); a supervisor without a phone still enrols
    [PARAM.supervisorPhone]: { doc: 'contact.phone', optional: true },
  },
});

/** "Stop SMS" (`sms_withdrawal`, programme training): the training stops in RapidPro. */
export const stopPush = withdrawalPush({
  name: 'rapidpro_training_stop',
  programme: 'training',
  flow: stopFlow,
  params: { [PARAM.contactId]: { field: 'patient_uuid' } },
});

// ---------------------------------------------------------------- the workflow

export const workflow = defineWorkflow({
  id: rules.id,
  title: 'Remote training of CHWs by SMS (antenatal care)',
  rules,
  appForms: [enrollmentPaths, followUpPaths],
  pushes: [startPush, stopPush],
  rapidpro,
  translations,
  scenario,
});
