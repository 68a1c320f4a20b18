/**
 * Builders for the tasks a RapidPro-driven workflow needs: react to an answer record, react to the
 * absence of answers, and act on a date. Each returns a plain CHT task definition. Links are
 * objects, not strings: the record form that raises the task, the app form that does it (whose
 * declared `inputs.*` type what `passToForm` may pass), and the title, priority and action labels
 * derive from the task's name (`task.<name>.title`, see ./keys.ts). All report lookups go through
 * the shared per-contact index, and a second copy of a RapidPro answer (same `rp_event_id`) never
 * raises, moves or resolves anything (./report-index.ts).
 *
 * The definitions are built once per rules-engine start (./engine.ts) and their functions run for
 * every report of every contact: they allocate nothing per call beyond what they return (no object
 * spreads, no closures or key strings per call; per-contact values are memoized on the index).
 */
import { AppForm, FormInputs } from './app-form';
import { Audience, countsFor, withAudience } from './audience';
import { ContactWithReports, ReportDoc } from './docs';
import { Keyed, taskKey } from './keys';
import { RecordForm } from './record';
import { indexOf, perContact, perReport } from './report-index';
import { ActionContent, ReportTask, TaskEvent } from './tasks';
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
  const audience = options.audience;
  const when = options.when;
  const activeAt = options.activeAt;
  return reportTask(options, [options.record.code],
    (c, report) => countsFor(audience, c, report) && when(report, c) && (!activeAt || activeAt(c, report.reported_date + dueInDays * DAY)),
    resolution(options),
    { id: eventId(options), days: dueInDays, start: options.window.start, end: options.window.end });
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

/** A report that (re)started the silence clock: the start, a real answer or an action form. */
interface Opening {
  report: ReportDoc;
  /** When the clock (re)started: the report's time, or the clock's start if later. */
  at: number;
  /** Order of reports at the same time: the start, then answers, then action forms. */
  rank: number;
  /** The next opening: what ended this silence, if anything did. */
  next?: Opening;
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
  const audience = options.audience;
  const activeAt = options.activeAt;
  const startedBy = options.startedBy.id;
  const answers = options.answers.code;
  const answered = options.answered;
  const clockStartsAt = options.clockStartsAt;
  const action = options.actionForm.id;
  const after = options.afterDays * DAY;
  const shownBefore = options.window.start * DAY;
  const rank = (report: ReportDoc): number => (report.form === startedBy ? 0 : report.form === action ? 2 : 1);
  const byTime = (a: Opening, b: Opening): number => a.at - b.at || a.rank - b.rank;
  /** Every report that (re)started the silence clock since the latest start, each with the next one. */
  const openings = perContact((c, index): ReadonlyMap<ReportDoc, Opening> | undefined => {
    const start = index.latest(startedBy);
    if (!start) return undefined;
    const from = start.reported_date;
    const startAt = Math.max(from, clockStartsAt ? clockStartsAt(start, c) : from);
    const list: Opening[] = [{ report: start, at: startAt, rank: 0 }];
    // an answer given before the clock started still means the contact is there: it starts it
    const replies = index.byForm(answers);
    for (let i = 0; i < replies.length; i++) {
      const report = replies[i];
      if (report.reported_date >= from && answered(report)) list.push({ report, at: Math.max(report.reported_date, startAt), rank: rank(report) });
    }
    const done = index.byForm(action);
    for (let i = 0; i < done.length; i++) {
      const report = done[i];
      if (report.reported_date > from) list.push({ report, at: Math.max(report.reported_date, startAt), rank: rank(report) });
    }
    list.sort(byTime);
    const map = new Map<ReportDoc, Opening>();
    for (let i = 0; i < list.length; i++) {
      list[i].next = list[i + 1];
      map.set(list[i].report, list[i]);
    }
    return map;
  });
  const openingOf = (c: ContactWithReports, report: ReportDoc): Opening | undefined => {
    const map = openings(c);
    return map && map.get(report);
  };
  return reportTask(options, [startedBy, answers, action],
    (c, report) => {
      if (!countsFor(audience, c, report)) return false;
      const opening = openingOf(c, report);
      if (!opening) return false;
      const due = opening.at + after;
      const next = opening.next;
      // the silence is still going on, or it ended with the action done once the task was showing
      const current = !next || (next.report.form === action && next.at >= due - shownBefore);
      return current && (!activeAt || activeAt(c, due));
    },
    (c, report) => {
      const opening = report && openingOf(c, report);
      return !!opening && !!opening.next && opening.next.report.form === action;
    },
    {
      id: eventId(options),
      dueDate: (_event, c, report) => {
        const opening = report && openingOf(c, report);
        return new Date(opening ? opening.at + after : NaN);
      },
      start: options.window.start,
      end: options.window.end,
    });
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
  const audience = options.audience;
  const activeAt = options.activeAt;
  const startedBy = options.startedBy.id;
  const latestOnly = options.latestOnly !== false;
  const dueAt = options.dueAt;
  const due = perReport((c, report) => dueAt(report, c));
  return reportTask(options, [startedBy],
    (c, report) => {
      if (!countsFor(audience, c, report)) return false;
      if (latestOnly && indexOf(c).latest(startedBy) !== report) return false;
      const at = due(c, report);
      return at !== undefined && (!activeAt || activeAt(c, at));
    },
    resolution(options),
    {
      id: eventId(options),
      dueDate: (_event, c, report) => new Date(due(c, report as ReportDoc) as number),
      start: options.window.start,
      end: options.window.end,
    });
}

type AnyTaskOptions = CommonTaskOptions<string, AppForm, TaskPriorityLevel | undefined, boolean>;

/** A report task as every builder shapes it: labels from its name, one event, one action opening its form; its audience recorded. */
function reportTask<N extends string, P, A>(
  options: AnyTaskOptions,
  appliesToType: [string, ...string[]],
  appliesIf: NonNullable<ReportTask['appliesIf']>,
  resolvedIf: NonNullable<ReportTask['resolvedIf']>,
  event: TaskEvent,
): BuiltTask<N, P, A> {
  return withAudience({
    name: options.name,
    icon: options.icon,
    title: taskKey(options.name, 'title'),
    priority: options.priority ? { level: options.priority, label: taskKey(options.name, 'priority') } : undefined,
    appliesTo: 'reports',
    appliesToType,
    appliesIf,
    resolvedIf,
    events: [event],
    actions: [reportAction(options)],
  }, options.audience);
}

const eventId = (options: AnyTaskOptions): string => `${options.name}-event`;

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
