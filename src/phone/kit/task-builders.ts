/**
 * Builders for the tasks a RapidPro-driven workflow needs: react to an answer record, react to the
 * absence of answers, and act on a date. Each returns a plain CHT task definition. Links are
 * objects, not strings: the record form that raises the task, the app form that does it (whose
 * declared `inputs.*` type what `passToForm` may pass), and the title, priority and action labels
 * derive from the task's name (`task.<name>.title`, see ./keys.ts). All report lookups go through
 * the shared per-contact index.
 */
import { AppForm, FormInputs } from './app-form';
import { Audience, inAudience } from './audience';
import { ContactWithReports, ReportDoc } from './docs';
import { Keyed, taskKey } from './keys';
import { RecordForm } from './record';
import { indexOf } from './report-index';
import { ActionContent, ReportTask } from './tasks';
import { DAY } from './time';

export interface TaskWindow {
  /** Days before the due date the task shows. */
  start: number;
  /** Days after the due date the task stays. */
  end: number;
}

export type TaskPriorityLevel = 'high' | 'medium';

/** The translation keys a task uses. */
export type TaskKeys<N extends string, P, A> =
  | `task.${N}.title`
  | (P extends TaskPriorityLevel ? `task.${N}.priority` : never)
  | (A extends true ? `task.${N}.action` : never);

/** A task definition carrying the translation keys it uses in its type. */
export type BuiltTask<N extends string, P, A> = ReportTask & Keyed<TaskKeys<N, P, A>>;

interface CommonTaskOptions<N extends string, F extends AppForm, P extends TaskPriorityLevel | undefined, A extends boolean> {
  /** The task's id in CHT; its labels are `task.<name>.title` (and `.priority`, `.action`). */
  name: N;
  icon?: string;
  /** The app form that does (and by default resolves) the task. */
  actionForm: F;
  /** Label the action button `task.<name>.action`. */
  actionLabel?: A;
  window: TaskWindow;
  audience?: Audience;
  /** Shown with the label `task.<name>.priority`. */
  priority?: P;
  /** Values passed into the action form as `inputs.<key>`: only the inputs the form declares. */
  passToForm?: (report: ReportDoc, c: ContactWithReports) => FormInputs<F>;
  /** False stops the task (e.g. monitoring ended or consent withdrawn) at its due date. */
  activeAt?: (c: ContactWithReports, dueDate: number) => boolean;
  /** When the task is done. Default: the action form was submitted for the contact after the report. */
  resolvedBy?: (c: ContactWithReports, report: ReportDoc) => boolean;
}

export interface RecordTaskOptions<N extends string, F extends AppForm, P extends TaskPriorityLevel | undefined, A extends boolean>
  extends CommonTaskOptions<N, F, P, A> {
  /** The record form of the answers (e.g. `RP_SYMPTOMS`). */
  record: RecordForm;
  /** Which records raise the task. */
  when: (report: ReportDoc, c: ContactWithReports) => boolean;
  /** Due this many days after the record (0 = as soon as it arrives). */
  dueInDays?: number;
}

/**
 * "A record of form X whose fields satisfy P raises a task with action form Y": one task per
 * matching record, resolved when Y is submitted for the contact after the record.
 */
export function recordTask<const N extends string, F extends AppForm, P extends TaskPriorityLevel | undefined = undefined, A extends boolean = false>(
  options: RecordTaskOptions<N, F, P, A>,
): BuiltTask<N, P, A> {
  const dueInDays = options.dueInDays ?? 0;
  return {
    ...header(options),
    appliesTo: 'reports',
    appliesToType: [options.record.code],
    appliesIf: (c, report) =>
      !!report &&
      inAudience(options.audience, c) &&
      options.when(report, c) &&
      (!options.activeAt || options.activeAt(c, report.reported_date + dueInDays * DAY)),
    resolvedIf: resolution(options),
    events: [{ id: `${options.name}-event`, days: dueInDays, start: options.window.start, end: options.window.end }],
    actions: [reportAction(options)],
  };
}

export interface SilenceTaskOptions<N extends string, F extends AppForm, P extends TaskPriorityLevel | undefined, A extends boolean>
  extends CommonTaskOptions<N, F, P, A> {
  /** The form that starts the expected answers (e.g. the enrolment app form). */
  startedBy: AppForm;
  /** The record form of the answers. */
  answers: RecordForm;
  /** Whether an answer record is a real answer (an "unanswered day" record is not). */
  answered: (report: ReportDoc) => boolean;
  /** Days without an answer before the task is due. */
  afterDays: number;
}

/**
 * "No answer for N days": due N days after the last answer (or the start when there is none).
 * One task per silence: it belongs to the report that opened it (the last answer or the start),
 * resolves when the action form is submitted after that report, and disappears if an answer
 * arrives first.
 */
export function silenceTask<const N extends string, F extends AppForm, P extends TaskPriorityLevel | undefined = undefined, A extends boolean = false>(
  options: SilenceTaskOptions<N, F, P, A>,
): BuiltTask<N, P, A> {
  const lastHeard = (c: ContactWithReports): ReportDoc | undefined =>
    indexOf(c).remember(`silence:${options.name}`, () => {
      const index = indexOf(c);
      const start = index.latest(options.startedBy.id);
      if (!start) return undefined;
      const answer = index.latest(options.answers.code, options.answered);
      return answer && answer.reported_date >= start.reported_date ? answer : start;
    });
  const dueDate = (report: ReportDoc): number => report.reported_date + options.afterDays * DAY;
  return {
    ...header(options),
    appliesTo: 'reports',
    appliesToType: [options.startedBy.id, options.answers.code],
    appliesIf: (c, report) =>
      !!report &&
      lastHeard(c) === report &&
      inAudience(options.audience, c) &&
      (!options.activeAt || options.activeAt(c, dueDate(report))),
    resolvedIf: resolution(options),
    events: [{
      id: `${options.name}-event`,
      dueDate: (_event, _c, report) => new Date(dueDate(report as ReportDoc)),
      start: options.window.start,
      end: options.window.end,
    }],
    actions: [reportAction(options)],
  };
}

export interface ScheduledTaskOptions<N extends string, F extends AppForm, P extends TaskPriorityLevel | undefined, A extends boolean>
  extends CommonTaskOptions<N, F, P, A> {
  /** The report that schedules the task (e.g. the enrolment). */
  startedBy: AppForm;
  /** When the task is due, from the scheduling report; undefined means no task. */
  dueAt: (report: ReportDoc, c: ContactWithReports) => number | undefined;
  /** Only the latest scheduling report counts (re-enrolment replaces the schedule). Default true. */
  latestOnly?: boolean;
}

/** A task due at a date computed from a report (e.g. "end of quarantine"), resolved by its form after that report. */
export function scheduledTask<const N extends string, F extends AppForm, P extends TaskPriorityLevel | undefined = undefined, A extends boolean = false>(
  options: ScheduledTaskOptions<N, F, P, A>,
): BuiltTask<N, P, A> {
  const due = (report: ReportDoc, c: ContactWithReports): number | undefined =>
    indexOf(c).remember(`due:${options.name}:${report._id}`, () => options.dueAt(report, c));
  return {
    ...header(options),
    appliesTo: 'reports',
    appliesToType: [options.startedBy.id],
    appliesIf: (c, report) => {
      if (!report || !inAudience(options.audience, c)) return false;
      if (options.latestOnly !== false && indexOf(c).latest(options.startedBy.id) !== report) return false;
      const at = due(report, c);
      return at !== undefined && (!options.activeAt || options.activeAt(c, at));
    },
    resolvedIf: resolution(options),
    events: [{
      id: `${options.name}-event`,
      dueDate: (_event, c, report) => new Date(due(report as ReportDoc, c) as number),
      start: options.window.start,
      end: options.window.end,
    }],
    actions: [reportAction(options)],
  };
}

type AnyTaskOptions = CommonTaskOptions<string, AppForm, TaskPriorityLevel | undefined, boolean>;

/** The properties every task has, in CHT's order: name, icon, title, priority. */
function header(options: AnyTaskOptions): Pick<ReportTask, 'name' | 'icon' | 'title' | 'priority'> {
  return {
    name: options.name,
    icon: options.icon,
    title: taskKey(options.name, 'title'),
    priority: options.priority ? { level: options.priority, label: taskKey(options.name, 'priority') } : undefined,
  };
}

function resolution(options: AnyTaskOptions): NonNullable<ReportTask['resolvedIf']> {
  const resolvedBy = options.resolvedBy;
  if (resolvedBy) return (c, report) => !!report && resolvedBy(c, report);
  const form = options.actionForm.id;
  return (c, report) => !!report && !!indexOf(c).firstAfter(form, report.reported_date);
}

function reportAction(options: AnyTaskOptions): ReportTask['actions'][0] {
  const passToForm = options.passToForm;
  return {
    type: 'report',
    form: options.actionForm.id,
    label: options.actionLabel ? taskKey(options.name, 'action') : undefined,
    modifyContent: passToForm
      ? (content: ActionContent, c, report) => {
        if (report) Object.assign(content, passToForm(report, c));
      }
      : undefined,
  };
}
