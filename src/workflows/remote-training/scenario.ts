import { enrollmentForm } from '../../phone/workflows/remote-training/model';
import { wrongAnswerTask } from '../../phone/workflows/remote-training/tasks';
import { Scenario } from '../../simulate/scenario';
import { CHW, SUPERVISOR } from '../../simulate/viewers';

/**
 * Supervisor Grace enrols CHW Amina in the antenatal-care module in French. Amina takes the quiz
 * by SMS the way people type (letters, numbers, words), gets two questions wrong, and Grace gets
 * one coaching task per wrong answer, on its topic; she follows one up the next day.
 */
export const scenario: Scenario = {
  title: 'Remote training by SMS: the antenatal-care quiz in French, with supervisor coaching on wrong answers',
  start: '2026-03-23T10:00:00',
  enrol: { form: enrollmentForm, by: SUPERVISOR, subject: 'chw_user', answers: [['anc', 'fr', 'yes', 'yes']] },
  startReplies: ['c', 'A', '1', 'b', 'B', '2', ' b '],
  days: [
    {
      day: 1,
      actions: [{ viewer: SUPERVISOR, task: wrongAnswerTask, answers: [['phone', 'yes', 'yes', 'no_action', '']] }],
    },
  ],
  viewers: [SUPERVISOR, CHW],
};
