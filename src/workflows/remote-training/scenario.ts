import { enrollmentForm } from '../../phone/workflows/remote-training/model';
import { wrongAnswerTask } from '../../phone/workflows/remote-training/tasks';
import { Scenario, at, sms } from '../../simulate/scenario';
import { CHW, SUPERVISOR } from '../../simulate/viewers';

/** Amina's phone (harness.defaults.json), which the enrolment confirms. */
export const AMINA_PHONE = '+254700000002';

/** The ANC module in French, her profile phone, with her consent. */
export const AMINA_TRAINING = [['anc', 'fr', 'yes', 'yes']] as const;

/**
 * Supervisor Grace enrols CHW Amina in the antenatal-care module in French. Amina answers the way
 * people type — "Au moins 8 😊", "B) L'orienter d'urgence", a phrase of a wrong option — then
 * leaves question 5 unanswered: after four hours the training pauses and frees her phone; her
 * reply the next morning is taken as the answer and the training goes on. Two wrong answers give
 * Grace one coaching task each, on its topic; she follows one up.
 */
export const scenario: Scenario = {
  title: 'Remote training by SMS: the antenatal-care quiz in French, paused and resumed, with supervisor coaching on wrong answers',
  start: '2026-03-23T10:00:00',
  steps: [
    { at: at(0, '10:00'), form: enrollmentForm, by: SUPERVISOR, subject: 'chw_user', answers: AMINA_TRAINING.map((page) => [...page]) },
    sms(at(0, '10:05'), AMINA_PHONE, 'Au moins 8 😊', "B) L'orienter d'urgence", 'a', 'pour que le bébé grossisse'),
    // question 5 waits; at 14:09 the training pauses
    sms(at(1, '08:30'), AMINA_PHONE, 'a', '2', 'je ne sais pas', 'c'),
    { at: at(2, '10:00'), viewer: SUPERVISOR, task: wrongAnswerTask, answers: [['phone', 'yes', 'yes', 'no_action', '']] },
  ],
  viewers: [SUPERVISOR, CHW],
};
