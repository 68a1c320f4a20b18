import { enrollmentForm } from '../../phone/workflows/chw-wellbeing/model';
import { psychosocialTask, symptomaticTask } from '../../phone/workflows/chw-wellbeing/tasks';
import { ScriptedReply } from '../../rapidpro/simulator';
import { Scenario } from '../../simulate/scenario';
import { CHW, SUPERVISOR } from '../../simulate/viewers';
import { weeklyFlow } from './flows';

const WELL: ScriptedReply[] = ['no', 'no', 'no', 'no', '0', '1', '0', '0', 'no'];
const STRUGGLING: ScriptedReply[] = ['no', 'yes', 'no', 'no', '2', '2', '1', '2', 'yes'];
const MISSED: ScriptedReply[] = [{ timeout: true }];

/**
 * Supervisor Grace enrols CHW Amina on a Monday; Amina answers her first weekly check well, then
 * reports a cough, anxiety and asks for a counsellor; Grace follows up both; Amina then misses two
 * weeks, which raises a missed-check-ins task. Amina never sees tasks about herself.
 */
export const scenario: Scenario = {
  title: 'CHW symptom and mental-health checks: a weekly check-in with supervisor follow-up',
  start: '2026-06-01T08:00:00',
  enrol: { form: enrollmentForm, by: SUPERVISOR, subject: 'chw_user', answers: [['yes', 'en', 'yes', 'monday']] },
  days: [
    { day: 7, hour: 1, runs: [{ flow: weeklyFlow, replies: WELL }] },
    { day: 14, hour: 1, runs: [{ flow: weeklyFlow, replies: STRUGGLING }] },
    {
      day: 15,
      actions: [
        { viewer: SUPERVISOR, task: psychosocialTask, answers: [['yes', ['listened', 'referred_counsellor'], 'referred']] },
        { viewer: SUPERVISOR, task: symptomaticTask, answers: [['yes', ['advised_isolation', 'referred_testing'], 'pending', 'ongoing']] },
      ],
    },
    { day: 21, hour: 1, runs: [{ flow: weeklyFlow, replies: MISSED }] },
    { day: 28, hour: 1, runs: [{ flow: weeklyFlow, replies: MISSED }] },
  ],
  viewers: [SUPERVISOR, CHW],
};
