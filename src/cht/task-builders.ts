/**
 * Builders for the tasks a RapidPro-driven workflow needs: react to an answer record, and react to
 * the absence of answers. Each returns a plain CHT task definition; all report lookups go through
 * the shared per-contact index, so a task costs a few binary searches per report, not a scan.
 */
import { Audience, inAudience } from './audience';
import { ContactWithReports, ReportDoc } from './docs';
import { indexOf } from './report-index';
import { ActionContent, ReportTask, TaskPriority } from './tasks';

const DAY = 24 * 60 * 60 * 1000;

export interface TaskWindow {
  /** Days before the due date the task shows. */
  start: number;
  /** Days after the due date the task stays. */
  end: number;
}

interface CommonTaskOptions {
  name: string;
  /** Translation key of the task title. */
  title: string;
  icon?: string;
  /** The app form that does (and resolves) the task. */
  actionForm: string;
  actionLabel?: string;
  window: TaskWindow;
  audience?: Audience;
  priority?: TaskPriority | ((c: ContactWithReports, report: ReportDoc) => TaskPriority | undefined);
  /** Values passed into the action form as `inputs.<key>`. */
  passToForm?: (report: ReportDoc, c: ContactWithReports) => Record<string, string | number | boolean>;
  /** False stops the task (e.g. monitoring ended or consent withdrawn) at its due date. */
  activeAt?: (c: ContactWithReports, dueDate: number) => boolean;
}

export interface RecordTaskOptions extends CommonTaskOptions {
  /** The form code of the answer record (e.g. `RP_SYMPTOMS`). */
  record: string;
  /** Which records raise the task. */
  when: (report: ReportDoc, c: ContactWithReports) => boolean;
  /** Due this many days after the record (0 = as soon as it arrives). */
  dueInDays?: number;
}

/**
 * "A record of form X whose fields satisfy P raises a task with action form Y": one task per
 * matching record, resolved when Y is submitted for the contact after the record.
 */
export function recordTask(options: RecordTaskOptions): ReportTask {
  const dueInDays = options.dueInDays ?? 0;
  return {
    name: options.name,
    icon: options.icon,
    title: options.title,
    appliesTo: 'reports',
    appliesToType: [options.record],
    appliesIf: (c, report) =>
      !!report &&
      inAudience(options.audience, c) &&
      options.when(report, c) &&
      (!options.activeAt || options.activeAt(c, report.reported_date + dueInDays * DAY)),
    resolvedIf: resolvedByFormAfter(options.actionForm),
    events: [{ id: `${options.name}-event`, days: dueInDays, start: options.window.start, end: options.window.end }],
    priority: priorityOf(options.priority),
    actions: [reportAction(options)],
  };
}

export interface SilenceTaskOptions extends CommonTaskOptions {
  /** The form that starts the expected answers (e.g. the enrolment app form). */
  startedBy: string;
  /** The answer record's form code. */
  answers: string;
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
export function silenceTask(options: SilenceTaskOptions): ReportTask {
  const lastHeard = (c: ContactWithReports): ReportDoc | undefined =>
    indexOf(c).remember(`silence:${options.name}`, () => {
      const index = indexOf(c);
      const start = index.latest(options.startedBy);
      if (!start) return undefined;
      const answer = index.latest(options.answers, options.answered);
      return answer && answer.reported_date >= start.reported_date ? answer : start;
    });
  const dueDate = (report: ReportDoc): number => report.reported_date + options.afterDays * DAY;
  return {
    name: options.name,
    icon: options.icon,
    title: options.title,
    appliesTo: 'reports',
    appliesToType: [options.startedBy, options.answers],
    appliesIf: (c, report) =>
      !!report &&
      lastHeard(c) === report &&
      inAudience(options.audience, c) &&
      (!options.activeAt || options.activeAt(c, dueDate(report))),
    resolvedIf: resolvedByFormAfter(options.actionForm),
    events: [{
      id: `${options.name}-event`,
      dueDate: (_event, _c, report) => new Date(dueDate(report as ReportDoc)),
      start: options.window.start,
      end: options.window.end,
    }],
    priority: priorityOf(options.priority),
    actions: [reportAction(options)],
  };
}

export interface ScheduledTaskOptions extends CommonTaskOptions {
  /** The report that schedules the task (e.g. the enrolment). */
  startedBy: string;
  /** When the task is due, from the scheduling report; undefined means no task. */
  dueAt: (report: ReportDoc, c: ContactWithReports) => number | undefined;
  /** Only the latest scheduling report counts (re-enrolment replaces the schedule). */
  latestOnly?: boolean;
}

/** A task due at a date computed from a report (e.g. "end of quarantine"), resolved by its form after that report. */
export function scheduledTask(options: ScheduledTaskOptions): ReportTask {
  const due = (report: ReportDoc, c: ContactWithReports): number | undefined =>
    indexOf(c).remember(`due:${options.name}:${report._id}`, () => options.dueAt(report, c));
  return {
    name: options.name,
    icon: options.icon,
    title: options.title,
    appliesTo: 'reports',
    appliesToType: [options.startedBy],
    appliesIf: (c, report) => {
      if (!report || !inAudience(options.audience, c)) return false;
      if (options.latestOnly !== false && indexOf(c).latest(options.startedBy) !== report) return false;
      const at = due(report, c);
      return at !== undefined && (!options.activeAt || options.activeAt(c, at));
    },
    resolvedIf: resolvedByFormAfter(options.actionForm),
    events: [{
      id: `${options.name}-event`,
      dueDate: (_event, c, report) => new Date(due(report as ReportDoc, c) as number),
      start: options.window.start,
      end: options.window.end,
    }],
    priority: priorityOf(options.priority),
    actions: [reportAction(options)],
  };
}

/** Done when the action form is submitted for the contact after the report that raised the task. */
function resolvedByFormAfter(actionForm: string): NonNullable<ReportTask['resolvedIf']> {
  return (c, report) => !!report && !!indexOf(c).firstAfter(actionForm, report.reported_date);
}

function reportAction(options: CommonTaskOptions): ReportTask['actions'][0] {
  const passToForm = options.passToForm;
  return {
    type: 'report',
    form: options.actionForm,
    label: options.actionLabel,
    modifyContent: passToForm
      ? (content: ActionContent, c, report) => {
        if (report) Object.assign(content, passToForm(report, c));
      }
      : undefined,
  };
}

function priorityOf(priority: CommonTaskOptions['priority']): ReportTask['priority'] {
  if (typeof priority !== 'function') return priority;
  return (c, report) => (report ? priority(c, report) : undefined);
}
