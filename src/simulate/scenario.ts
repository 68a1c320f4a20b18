/**
 * A scripted story for `simulate`: who enrols whom with which answers, what the contact replies by
 * SMS on which day, and which follow-up forms health workers fill from their tasks.
 */
import { PageAnswers } from './harness';
import { AppForm } from '../phone/kit/app-form';
import { ReportTask } from '../phone/kit/tasks';
import { FlowBuilder } from '../rapidpro/flow/builder';
import { ScriptedReply } from '../rapidpro/simulator';

/** A CHT user looking at their task list. */
export interface Viewer {
  /** The user's contact id in harness.defaults.json (e.g. `chw_user`). */
  user: string;
  roles: string[];
  /** How the timeline names them, e.g. "CHW Amina". */
  label: string;
}

export interface FlowRunScript {
  /** The flow to run (a campaign event or a flow start). */
  flow: FlowBuilder;
  replies: ScriptedReply[];
}

export interface TaskActionScript {
  viewer: Viewer;
  /** The task the viewer opens from their task list. */
  task: ReportTask;
  answers: PageAnswers[];
}

export interface ScenarioDay {
  /** Days after the enrolment. */
  day: number;
  /** Hour of the day (local) when the runs happen. */
  hour?: number;
  runs?: FlowRunScript[];
  /** Follow-ups done from tasks on that day, after the runs. */
  actions?: TaskActionScript[];
}

/** A workflow's story for `simulate` (`src/workflows/<id>/scenario.ts`). */
export interface Scenario {
  /** One line: what this story shows. */
  title: string;
  /** ISO date-time of the enrolment. */
  start: string;
  /** The CHT app form that starts the story, filled by `by` about `subject`. */
  enrol: { form: AppForm; by: Viewer; subject: string; answers: PageAnswers[] };
  /** What the contact replies in the run the outbound push starts (e.g. a whole quiz). */
  startReplies?: ScriptedReply[];
  days: ScenarioDay[];
  /** Whose tasks the timeline shows: the first viewer after each day, the others at the end; targets for all at the end. */
  viewers: Viewer[];
}
