/**
 * Builders for the tasks a RapidPro-driven workflow needs: react to an answer record, react to the
 * absence of answers, and act on a date. Each returns a plain CHT task definition. Links are
 * objects, not strings: the record form that raises the task, the app form that does it (whose
 * declared `inputs.*` type what `passToForm` may pass), and the title, priority and action labels
 * derive from the task's name (`task.<name>.title`, see ./keys.ts). All report lookups go through
 * the shared per-contact index, and a second copy of a RapidPro answer (same `rp_event_id`) never
 * raises, moves or resolves anything (./report-index.ts).
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
  /** Who sees the task: the roles it is for, and optionally a permission and "never about themselves". */
  audience: Audience;
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
      !indexOf(c).isDuplicate(report) &&
      inAudience(options.audience, c) &&
      options.when(report, c) &&
      (!options.activeAt || options.activeAt(c, report.reported_date + dueInDays * DAY)),
    resolvedIf: resolution(options),
    events: [{ id: `${options.name}-event`, days: dueInDays, start: options.window.start, end: options.window.end }],
    actions: [reportAction(options)],
  };
}

/** A silence is done by its action form, and ended by an answer: no other resolution. */
export interface SilenceTaskOptions<N extends string, F extends AppForm, P extends TaskPriorityLevel | undefined, A extends boolean>
  extends Omit<CommonTaskOptions<N, F, P, A>, 'resolvedBy'> {
  /** The form that starts the expected answers (e.g. the enrolment app form); the latest one counts. */
  startedBy: AppForm;
  /**
   * When the first answer can be expected, from the starting report (default: when it was
   * reported). E.g. a quarantine that starts in three days is not silent before it starts.
   */
  clockStartsAt?: (start: ReportDoc, c: ContactWithReports) => number;
  /** The record form of the answers. */
  answers: RecordForm;
  /** Whether an answer record is a real answer (an "unanswered day" record is not). */
  answered: (report: ReportDoc) => boolean;
  /** Days without an answer before the task is due. */
  afterDays: number;
}

/**
 * "No answer for N days". The silence clock starts at the start (`clockStartsAt`) and restarts at
 * each real answer and at each action form submitted: every one of them opens a silence, due N days
 * later, owned by that report. A silence ends with the next answer (the task disappears: the
 * contact was heard) or the next action form (the task is done; a silence that goes on after it
 * raises a new task N days later). Late answers (backdated by `sync`) restart the clock at the
 * time they were given, so a contact who did answer is not reported silent once the answer is in.
 */
export function silenceTask<const N extends string, F extends AppForm, P extends TaskPriorityLevel | undefined = undefined, A extends boolean = false>(
  options: SilenceTaskOptions<N, F, P, A>,
): BuiltTask<N, P, A> {
  interface Opening { report: ReportDoc; at: number; next?: Opening }
  const action = options.actionForm.id;
  /** Every report that (re)started the silence clock since the latest start, each with the next one. */
  const openings = (c: ContactWithReports): ReadonlyMap<ReportDoc, Opening> =>
    indexOf(c).remember(`silence:${options.name}`, () => {
      const index = indexOf(c);
      const start = index.latest(options.startedBy.id);
      if (!start) return new Map<ReportDoc, Opening>();
      const from = start.reported_date;
      const startAt = Math.max(from, options.clockStartsAt ? options.clockStartsAt(start, c) : from);
      const later: Opening[] = [
        ...index.byForm(options.answers.code).filter((r) => r.reported_date >= from && options.answered(r)),
        ...index.byForm(action).filter((r) => r.reported_date > from),
      ].map((report) => ({ report, at: report.reported_date }))
        // an answer given before the clock started still means the contact is there: it starts it
        .map((opening) => ({ ...opening, at: Math.max(opening.at, startAt) }));
      const list = [{ report: start, at: startAt }, ...later].sort((a, b) => a.at - b.at || rank(a.report) - rank(b.report));
      return new Map(list.map((opening, i): [ReportDoc, Opening] => [opening.report, { ...opening, next: list[i + 1] }]));
    });
  const rank = (report: ReportDoc): number => (report.form === options.startedBy.id ? 0 : report.form === action ? 2 : 1);
  const find = (c: ContactWithReports, report: ReportDoc): { opening: Opening; next?: Opening } | undefined => {
    const opening = openings(c).get(report);
    return opening && { opening, next: opening.next };
  };
  const dueOf = (opening: Opening): number => opening.at + options.afterDays * DAY;
  return {
    ...header(options),
    appliesTo: 'reports',
    appliesToType: [options.startedBy.id, options.answers.code, action],
    appliesIf: (c, report) => {
      if (!report || indexOf(c).isDuplicate(report) || !inAudience(options.audience, c)) return false;
      const found = find(c, report);
      if (!found) return false;
      const due = dueOf(found.opening);
      // the silence is still going on, or it ended with the action done once the task was showing
      const current = !found.next || (found.next.report.form === action && found.next.at >= due - options.window.start * DAY);
      return current && (!options.activeAt || options.activeAt(c, due));
    },
    resolvedIf: (c, report) => {
      if (!report) return false;
      const next = find(c, report)?.next;
      return !!next && next.report.form === action;
    },
    events: [{
      id: `${options.name}-event`,
      dueDate: (_event, c, report) => {
        const found = report && find(c, report);
        return new Date(found ? dueOf(found.opening) : NaN);
      },
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
      if (!report || indexOf(c).isDuplicate(report) || !inAudience(options.audience, c)) return false;
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
