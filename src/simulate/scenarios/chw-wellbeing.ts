import { ScriptedReply } from '../../rapidpro/simulator';
import { chwWellbeing } from '../../workflows/chw-wellbeing';
import { WEEKLY_FLOW_NAME } from '../../workflows/chw-wellbeing/results';
import { TASK } from '../../workflows/chw-wellbeing/tasks';
import { Scenario } from '../scenario';
import { CHW, SUPERVISOR } from './viewers';

const WELL: ScriptedReply[] = ['no', 'no', 'no', 'no', '0', '1', '0', '0', 'no'];
const STRUGGLING: ScriptedReply[] = ['no', 'yes', 'no', 'no', '2', '2', '1', '2', 'yes'];
const MISSED: ScriptedReply[] = [{ timeout: true }];

/**
 * Supervisor Grace enrols CHW Amina on a Monday; Amina answers her first weekly check well, then
 * reports a cough, anxiety and asks for a counsellor; Grace follows up both; Amina then misses two
 * weeks, which raises a missed-check-ins task. Amina never sees tasks about herself.
 */
export const chwWellbeingScenario: Scenario = {
  workflow: chwWellbeing,
  title: 'CHW symptom and mental-health checks: a weekly check-in with supervisor follow-up',
  start: '2026-06-01T08:00:00',
  enrol: { form: 'wellbeing_enrollment', by: SUPERVISOR, subject: 'chw_user', answers: [['yes', 'en', 'yes', 'monday']] },
  days: [
    { day: 7, hour: 1, runs: [{ flow: WEEKLY_FLOW_NAME, replies: WELL }] },
    { day: 14, hour: 1, runs: [{ flow: WEEKLY_FLOW_NAME, replies: STRUGGLING }] },
    {
      day: 15,
      actions: [
        { viewer: SUPERVISOR, task: `task.${TASK.psychosocial}.title`, answers: [['yes', ['listened', 'referred_counsellor'], 'referred']] },
        { viewer: SUPERVISOR, task: `task.${TASK.symptomatic}.title`, answers: [['yes', ['advised_isolation', 'referred_testing'], 'pending', 'ongoing']] },
      ],
    },
    { day: 21, hour: 1, runs: [{ flow: WEEKLY_FLOW_NAME, replies: MISSED }] },
    { day: 28, hour: 1, runs: [{ flow: WEEKLY_FLOW_NAME, replies: MISSED }] },
  ],
  viewers: [SUPERVISOR, CHW],
};
