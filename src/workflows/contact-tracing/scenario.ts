import { enrollmentForm } from '../../phone/workflows/contact-tracing/model';
import { endOfQuarantineTask, symptomaticTask, unreachableTask } from '../../phone/workflows/contact-tracing/tasks';
import { Scenario, at, sms } from '../../simulate/scenario';
import { CHW } from '../../simulate/viewers';

/** Baraka's phone (harness.defaults.json), which the enrolment confirms. */
export const BARAKA_PHONE = '+254712345678';

/** Baraka's enrolment: exposed yesterday in his household, 7 days of quarantine from today, daily SMS in English. */
export const BARAKA_ENROLMENT = [['2026-03-08', 'household'], ['2026-03-09', 7], ['yes', 'en', 'yes'], []] as const;

/**
 * CHW Amina enrols Baraka, a household contact of a COVID-19 case, for a 7-day quarantine with
 * daily SMS checks; RapidPro knows his phone only. He answers the way people text: "nope 🙂", then
 * "I have had fever for 2 days" (a yes: Amina gets an SMS alert and a follow-up task), then nothing
 * for two days (an unreachable-contact task), then in Swahili, then hours after a day's questions
 * closed (his late answer still counts), then a note after answering (it reaches Amina). Amina
 * closes the quarantine on its last day, which stops the SMS.
 */
export const scenario: Scenario = {
  title: 'COVID-19 contact tracing: a 7-day quarantine with daily SMS symptom checks',
  start: '2026-03-09T08:00:00',
  steps: [
    { at: at(0, '08:00'), form: enrollmentForm, by: CHW, subject: 'traced_contact', answers: BARAKA_ENROLMENT.map((page) => [...page]) },
    sms(at(0, '09:20'), BARAKA_PHONE, 'no', 'No.', 'nope 🙂'),
    sms(at(1, '10:05'), BARAKA_PHONE, 'I have had fever for 2 days', '2', 'no'),
    { at: at(1, '14:00'), viewer: CHW, task: symptomaticTask, answers: [['home_visit', ['fever'], ['none'], 'referred_testing']] },
    // days 2 and 3: no answer
    { at: at(4, '11:00'), viewer: CHW, task: unreachableTask, answers: [['home_visit', 'yes', 'yes', 'no', 'forgot']] },
    sms(at(4, '11:30'), BARAKA_PHONE, 'Hapana', 'hapana', 'hapana, sina'),
    // day 5: the questions close unanswered at 15:00; his answer comes in the evening
    sms(at(5, '18:30'), BARAKA_PHONE, 'Sorry I was at the market, no fever', 'no', 'NO'),
    sms(at(5, '20:00'), BARAKA_PHONE, 'I feel a bit tired tonight'),
    sms(at(6, '09:10'), BARAKA_PHONE, 'no', 'no', 'no'),
    { at: at(6, '16:00'), viewer: CHW, task: endOfQuarantineTask, answers: [['yes', 'no', 'completed']] },
  ],
  until: at(7, '12:00'),
  viewers: [CHW],
};
