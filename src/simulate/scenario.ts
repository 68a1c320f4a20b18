/**
 * A scripted story for `simulate`: who enrols whom with which answers, what the contact replies by
 * SMS on which day, and which follow-up forms health workers fill from their tasks.
 */
import { PageAnswers } from '../harness/cht-harness';
import { ScriptedReply } from '../rapidpro/simulator';
import { Workflow } from '../workflows/workflow';

/** A CHT user looking at their task list. */
export interface Viewer {
  /** The user's contact id in harness.defaults.json (e.g. `chw_user`). */
  user: string;
  roles: string[];
  /** How the timeline names them, e.g. "CHW Amina". */
  label: string;
}

export interface FlowRunScript {
  /** The flow to run (campaign event or flow start), by name. */
  flow: string;
  replies: ScriptedReply[];
}

export interface TaskActionScript {
  viewer: Viewer;
  /** The task's title key (as `task.title`). */
  task: string;
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

export interface Scenario {
  workflow: Workflow;
  /** One line: what this story shows. */
  title: string;
  /** ISO date-time of the enrolment. */
  start: string;
  /** The CHT app form that starts the story, filled by `by` about `subject`. */
  enrol: { form: string; by: Viewer; subject: string; answers: PageAnswers[] };
  /** What the contact replies in the run the outbound push starts (e.g. a whole quiz). */
  startReplies?: ScriptedReply[];
  days: ScenarioDay[];
  /** Whose tasks the timeline shows: the first viewer after each day, the others at the end; targets for all at the end. */
  viewers: Viewer[];
}
