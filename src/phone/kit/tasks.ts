/**
 * CHT 4.11 declarative task schema (what cht-conf 6's `validate-declarative-schema.js` accepts and
 * the task emitter runs), typed so that misuse CHT rejects at runtime fails to compile.
 */
import { ContactWithReports, ReportDoc } from './docs';

export type TaskIcon = string;

interface TaskEventBase {
  /** Days before the due date the task appears. */
  start: number;
  /** Days after the due date the task stays. */
  end: number;
}

/** Due a fixed number of days after the report (or contact) date. */
export interface TaskEventDays extends TaskEventBase {
  id?: string;
  days: number;
  dueDate?: never;
}

/** Due on a computed date. */
export interface TaskEventDueDate extends TaskEventBase {
  id?: string;
  days?: never;
  dueDate(event: TaskEvent, c: ContactWithReports, report?: ReportDoc): Date;
}

export type TaskEvent = TaskEventDays | TaskEventDueDate;
type IdentifiedEvent = TaskEvent & { id: string };

/** One event (id optional) or several (each with a unique id), as cht-conf requires. */
export type TaskEvents = [TaskEvent] | [IdentifiedEvent, IdentifiedEvent, ...IdentifiedEvent[]];

/** What the action form receives: `content.source_id` becomes `inputs.source_id` in the form. */
export interface ActionContent {
  source: 'task';
  source_id: string;
  contact: unknown;
  [key: string]: unknown;
}

type ModifyContent = (content: ActionContent, c: ContactWithReports, report: ReportDoc | undefined, event: TaskEvent) => void;

/** Opens an app form. */
export interface ReportAction {
  type?: 'report';
  form: string;
  label?: string;
  modifyContent?: ModifyContent;
}

/** Opens the contact's profile; CHT forbids a form here. */
export interface ContactAction {
  type: 'contact';
  form?: never;
  label?: string;
  modifyContent?: ModifyContent;
}

export type TaskAction = ReportAction | ContactAction;

export interface TaskPriority {
  level?: 'high' | 'medium';
  label?: string;
}

type ResolvedIf = (c: ContactWithReports, report: ReportDoc | undefined, event: TaskEvent, dueDate: Date) => boolean;

interface TaskBase {
  name: string;
  icon?: TaskIcon;
  /** A translation key. */
  title: string;
  appliesTo: 'contacts' | 'reports' | 'scheduled_tasks';
  appliesToType?: [string, ...string[]];
  appliesIf?: (c: ContactWithReports, report?: ReportDoc) => boolean;
  contactLabel?: string | ((c: ContactWithReports, report?: ReportDoc) => string);
  events: TaskEvents;
  priority?: TaskPriority | ((c: ContactWithReports, report: ReportDoc | undefined, event: TaskEvent, dueDate: Date) => TaskPriority | undefined);
}

/** With a report action first, `resolvedIf` may default to "the action form was submitted in the window". */
export interface ReportTask extends TaskBase {
  actions: [ReportAction, ...TaskAction[]];
  resolvedIf?: ResolvedIf;
}

/** With only contact actions CHT cannot know when the task is done: `resolvedIf` is required. */
export interface ContactTask extends TaskBase {
  actions: [ContactAction, ...ContactAction[]];
  resolvedIf: ResolvedIf;
}

export type TaskDefinition = ReportTask | ContactTask;
