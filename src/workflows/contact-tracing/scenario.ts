import { enrollmentForm } from '../../phone/workflows/contact-tracing/model';
import { endOfQuarantineTask, symptomaticTask, unreachableTask } from '../../phone/workflows/contact-tracing/tasks';
import { ScriptedReply } from '../../rapidpro/simulator';
import { Scenario } from '../../simulate/scenario';
import { CHW } from '../../simulate/viewers';
import { checkinFlow } from './flows';

const WELL: ScriptedReply[] = ['no', 'NO', 'n'];
const FEVER: ScriptedReply[] = ['yes', 'no', '2'];
const SILENT: ScriptedReply[] = [{ timeout: true }];
const checkin = (day: number, replies: ScriptedReply[]) => ({ day, hour: 1, runs: [{ flow: checkinFlow, replies }] });

/**
 * CHW Amina enrols Baraka, a household contact of a COVID-19 case, for a 7-day quarantine with
 * daily SMS checks. Baraka reports a fever on day 2 (Amina gets an SMS alert and a follow-up
 * task), goes silent for two days (an unreachable-contact task), answers again, and Amina closes
 * the quarantine with the end-of-quarantine check on the last day.
 */
export const scenario: Scenario = {
  title: 'COVID-19 contact tracing: a 7-day quarantine with daily SMS symptom checks',
  start: '2026-03-09T08:00:00',
  enrol: {
    form: enrollmentForm, by: CHW, subject: 'traced_contact',
    answers: [['2026-03-08', 'household'], ['2026-03-09', 7], ['yes', 'en', 'yes'], []],
  },
  days: [
    checkin(1, WELL),
    {
      ...checkin(2, FEVER),
      actions: [{ viewer: CHW, task: symptomaticTask, answers: [['home_visit', ['fever'], ['none'], 'referred_testing']] }],
    },
    checkin(3, SILENT),
    {
      ...checkin(4, SILENT),
      actions: [{ viewer: CHW, task: unreachableTask, answers: [['home_visit', 'yes', 'yes', 'no', 'forgot']] }],
    },
    checkin(5, WELL),
    checkin(6, WELL),
    {
      ...checkin(7, WELL),
      actions: [{ viewer: CHW, task: endOfQuarantineTask, answers: [['yes', 'no', 'completed']] }],
    },
  ],
  viewers: [CHW],
};
