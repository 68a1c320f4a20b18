/**
 * Stories across workflows, for `simulate`: what happens when workflows meet on one phone. Each
 * runs in a workspace holding every export, like the workflows' own stories.
 */
import { ContactDoc } from './harness';
import { enrollmentForm as quarantineEnrolment } from '../phone/workflows/contact-tracing/model';
import { unreachableTask } from '../phone/workflows/contact-tracing/tasks';
import { enrollmentForm as wellbeingEnrolment } from '../phone/workflows/chw-wellbeing/model';
import { enrollmentForm as trainingEnrolment } from '../phone/workflows/remote-training/model';
import { AMINA_WELLBEING } from '../workflows/chw-wellbeing/scenario';
import { BARAKA_ENROLMENT, BARAKA_PHONE } from '../workflows/contact-tracing/scenario';
import { AMINA_PHONE } from '../workflows/remote-training/scenario';
import { Story } from './engine';
import { at, sms } from './scenario';
import { CHW, SUPERVISOR } from './viewers';

const WELLBEING_EN = AMINA_WELLBEING.map((page) => [...page]);
const TRAINING_EN = [['anc', 'en', 'yes', 'yes']];
const TRAINING_FR = [['anc', 'fr', 'yes', 'yes']];
const WELL_WEEK = ['no', 'no', 'no', 'no', '0', '0', '1', '0', 'no'];

/** Neema lives with Baraka and has no phone of her own: the CHW gives his. */
const NEEMA: ContactDoc = {
  _id: 'household_member', type: 'person', name: 'Neema Contact', role: 'traced_contact', phone: BARAKA_PHONE,
  parent: { _id: 'clinic_1', parent: { _id: 'health_center_1', parent: { _id: 'district_1' } } },
};

export const STORIES: readonly Story[] = [
  {
    id: 'enrolment-during-training',
    scenario: {
      title: 'Across workflows: Grace enrols Amina in the weekly wellbeing checks (English) while Amina is answering her SMS training (French) — the training goes on, in French',
      start: '2026-03-23T10:00:00',
      steps: [
        { at: at(0, '10:00'), form: trainingEnrolment, by: SUPERVISOR, subject: 'chw_user', answers: TRAINING_FR },
        sms(at(0, '10:05'), AMINA_PHONE, 'c'),
        // the enrolment runs in the background: the training keeps waiting for the answer to question 2, in French
        { at: at(0, '10:06'), form: wellbeingEnrolment, by: SUPERVISOR, subject: 'chw_user', answers: WELLBEING_EN },
        sms(at(0, '10:08'), AMINA_PHONE, 'b', 'a', 'b', 'a', 'b', 'b'),
        sms(at(7, '09:05'), AMINA_PHONE, ...WELL_WEEK),
      ],
      until: at(7, '12:00'),
      viewers: [SUPERVISOR, CHW],
    },
  },
  {
    id: 'weekly-check-during-training',
    scenario: {
      title: 'Across workflows: the weekly check comes while Amina is in the middle of her training — it waits its turn, then the training goes on',
      start: '2026-06-07T18:00:00',
      steps: [
        { at: at(0, '18:00'), form: wellbeingEnrolment, by: SUPERVISOR, subject: 'chw_user', answers: WELLBEING_EN },
        { at: at(1, '08:30'), form: trainingEnrolment, by: SUPERVISOR, subject: 'chw_user', answers: TRAINING_EN },
        sms(at(1, '08:35'), AMINA_PHONE, 'c', 'b', 'a'),
        // question 4 waits: the 09:00 and 12:00 checks skip her; at 12:37 the training pauses; the 15:00 retry asks
        sms(at(1, '15:20'), AMINA_PHONE, ...WELL_WEEK),
        sms(at(2, '09:00'), AMINA_PHONE, 'b', 'a', 'b', 'b'),
      ],
      until: at(2, '12:00'),
      viewers: [SUPERVISOR, CHW],
    },
  },
  {
    id: 'shared-phone',
    scenario: {
      title: "Across people: Neema is enrolled with Baraka's phone while his quarantine runs — his checks go on, Amina is told at once and by a task",
      start: '2026-03-09T08:00:00',
      contacts: [NEEMA],
      steps: [
        { at: at(0, '08:00'), form: quarantineEnrolment, by: CHW, subject: 'traced_contact', answers: BARAKA_ENROLMENT.map((page) => [...page]) },
        sms(at(0, '09:20'), BARAKA_PHONE, 'no', 'no', 'no'),
        { at: at(1, '08:00'), form: quarantineEnrolment, by: CHW, subject: NEEMA._id, answers: [['2026-03-08', 'household'], ['2026-03-10', 7], ['yes', 'en', 'yes'], []] },
        sms(at(1, '09:15'), BARAKA_PHONE, 'no', 'no', 'no'),
        sms(at(2, '09:15'), BARAKA_PHONE, 'no', 'no', 'no'),
        sms(at(3, '09:15'), BARAKA_PHONE, 'no', 'no', 'no'),
        // Amina visits Neema from the unreachable-contact task: no SMS ever reached her
        { at: at(3, '11:00'), viewer: CHW, task: unreachableTask, answers: [['home_visit', 'yes', 'yes', 'no', 'not_received']] },
      ],
      until: at(3, '12:00'),
      viewers: [CHW],
    },
  },
];
