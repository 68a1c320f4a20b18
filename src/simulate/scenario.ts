/**
 * A scripted story for `simulate`: what happens, hour by hour, on the CHT side (who fills which
 * form about whom, who completes which task) and on the phones (who texts what). RapidPro is not
 * scripted: the simulated workspace (src/rapidpro/simulator/workspace.ts) runs the campaigns,
 * timeouts, expiries and triggers of the real exports between the steps, as mailroom would, so a
 * story shows what production sends and when — including a message that no flow would read.
 */
import { ContactDoc, PageAnswers } from './harness';
import { AppForm } from '../phone/kit/app-form';
import { ReportTask } from '../phone/kit/tasks';

/** A CHT user looking at their task list. */
export interface Viewer {
  /** The user's contact id in harness.defaults.json (e.g. `chw_user`). */
  user: string;
  roles: string[];
  /** How the timeline names them, e.g. "CHW Amina". */
  label: string;
}

/** A moment of the story: days after its start, at a local time. */
export interface At {
  day: number;
  /** `HH:MM`, local time. */
  time: string;
}

/** A health worker fills an app form about a contact (e.g. an enrolment): CHT's outbound pushes follow. */
export interface FormStep {
  at: At;
  form: AppForm;
  by: Viewer;
  /** The contact id the form is about. */
  subject: string;
  answers: PageAnswers[];
}

/** Someone texts from a phone: one message a minute, in order. */
export interface SmsStep {
  at: At;
  /** The E.164 phone the messages come from. */
  from: string;
  texts: readonly string[];
}

/** A health worker opens a task from their list and completes its form: pushes follow as for any form. */
export interface TaskStep {
  at: At;
  viewer: Viewer;
  task: ReportTask;
  answers: PageAnswers[];
}

export type ScenarioStep = FormStep | SmsStep | TaskStep;

/** A story for `simulate` (`src/workflows/<id>/scenario.ts`, or a story across workflows in ./stories.ts). */
export interface Scenario {
  /** One line: what this story shows. */
  title: string;
  /** ISO local date-time of day 0, 00:00 or later; the story's clock starts here. */
  start: string;
  /** CHT contacts the story adds to the harness's defaults (e.g. a household member sharing a phone). */
  contacts?: readonly ContactDoc[];
  steps: readonly ScenarioStep[];
  /** The story goes on until this moment before the last look at tasks and targets (default: its last step). */
  until?: At;
  /** Whose tasks the timeline shows: the first viewer at the end of each day, the others at the end; targets for all at the end. */
  viewers: Viewer[];
}

export const at = (day: number, time: string): At => ({ day, time });

/** The texts someone sends from `from`, a minute apart from `moment`. */
export function sms(moment: At, from: string, ...texts: string[]): SmsStep {
  return { at: moment, from, texts };
}

export function isForm(step: ScenarioStep): step is FormStep {
  return 'form' in step;
}

export function isSms(step: ScenarioStep): step is SmsStep {
  return 'texts' in step;
}
