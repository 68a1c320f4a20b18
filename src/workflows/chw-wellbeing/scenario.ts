import { enrollmentForm } from '../../phone/workflows/chw-wellbeing/model';
import { psychosocialTask, symptomaticTask } from '../../phone/workflows/chw-wellbeing/tasks';
import { Scenario, at, sms } from '../../simulate/scenario';
import { CHW, SUPERVISOR } from '../../simulate/viewers';

/** Amina's phone (harness.defaults.json), which the enrolment confirms. */
export const AMINA_PHONE = '+254700000002';

/** Consent, English, her profile phone, weekly on Mondays. */
export const AMINA_WELLBEING = [['yes', 'en', 'yes', 'monday']] as const;

/**
 * Supervisor Grace enrols CHW Amina on a Monday; her first weekly check comes the next Monday at
 * 09:00. Amina answers it well, in words and numbers ("1 - several days", "not at all"); the next
 * week she reports a cough, anxiety and asks for a counsellor; Grace follows up both; Amina then
 * misses two weeks, which raises a missed-check-ins task. Amina never sees tasks about herself.
 */
export const scenario: Scenario = {
  title: 'CHW symptom and mental-health checks: a weekly check-in with supervisor follow-up',
  start: '2026-06-01T08:00:00',
  steps: [
    { at: at(0, '08:00'), form: enrollmentForm, by: SUPERVISOR, subject: 'chw_user', answers: AMINA_WELLBEING.map((page) => [...page]) },
    sms(at(7, '09:15'), AMINA_PHONE, 'No', 'no', 'NO.', 'nope', '0', '1 - several days', '0', 'not at all', 'no thanks'),
    sms(at(14, '09:20'), AMINA_PHONE, 'no', 'Yes, a bit', 'no', 'no', '2', 'more than half the days', '1', '2', 'yes please'),
    { at: at(15, '10:00'), viewer: SUPERVISOR, task: psychosocialTask, answers: [['yes', ['listened', 'referred_counsellor'], 'referred']] },
    { at: at(15, '10:30'), viewer: SUPERVISOR, task: symptomaticTask, answers: [['yes', ['advised_isolation', 'referred_testing'], 'pending', 'ongoing']] },
    // weeks 3 and 4: no answer
  ],
  until: at(29, '12:00'),
  viewers: [SUPERVISOR, CHW],
};
