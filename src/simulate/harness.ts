/**
 * A typed cht-conf-test-harness for this project, shared by the harness tests, `simulate` and
 * `bench`. Tests use `useHarness()` from test/support/harness.ts.
 *
 *   import { useHarness } from '../support/harness';
 *   describe('my form', () => {
 *     const harness = useHarness();        // one Chromium for the file, state cleared before each test
 *     it('…', async () => {
 *       await harness.setNow('2025-03-01');
 *       const result = await harness.fillForm('quarantine_enrollment', ['2025-02-27', …]);
 *       expect(result.errors).to.be.empty;
 *     });
 *   });
 *
 * The harness tests the *compiled* project: `app_settings.json` and the converted `forms/**.xml`
 * in the repository root. Build first (`npm run build`) after changing TypeScript or an .xlsx.
 *
 * cht-conf-test-harness ships no types; `ChtHarness` below is a typed view of the subset of
 * `node_modules/cht-conf-test-harness/src/harness.js` (5.0.x) this project uses.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** The project root, from src/simulate (tests) or dist/simulate (CLI). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

// ------------------------------------------------------------------ real clock
// `setNow`/`flush` install sinon fake timers in Node as well as in the browser, which freezes
// `Date`, `performance.now` and `setTimeout`. Keep the real ones, taken before any test runs.
const realDateNow = Date.now.bind(Date);
const realPerformanceNow = performance.now.bind(performance);
const realSetTimeout = setTimeout;

export const realClock = {
  /** Wall-clock epoch milliseconds, unaffected by `setNow`. */
  now: (): number => realDateNow(),
  /** Monotonic milliseconds for measuring durations, unaffected by `setNow`. */
  monotonic: (): number => realPerformanceNow(),
  /** Waits for real time to pass, even while the harness fakes timers. */
  sleep: (ms: number): Promise<void> => new Promise((resolve) => { realSetTimeout(resolve, ms); }),
};

/** Runs `fn` and measures it with the real clock. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = realClock.monotonic();
  const value = await fn();
  return { value, ms: realClock.monotonic() - start };
}

// ------------------------------------------------------------------ docs

export interface LineageRef {
  _id: string;
  parent?: LineageRef;
}

/** A contact doc (person or place) as the harness holds it (minified lineage). */
export interface ContactDoc {
  _id: string;
  type: string;
  contact_type?: string;
  name?: string;
  parent?: LineageRef;
  contact?: LineageRef;
  reported_date?: number;
  [field: string]: unknown;
}

/** A report (`data_record`), from an app form or pushed as a mock. */
export interface ReportDoc {
  _id: string;
  type: string;
  form: string;
  fields: Record<string, unknown>;
  reported_date: number;
  contact?: LineageRef;
  [field: string]: unknown;
}

/** Anything `pushMockedDoc` accepts: reports get `_id`, `type`, `reported_date` and `fields` defaults. */
export interface MockDoc {
  _id?: string;
  type?: string;
  [field: string]: unknown;
}

// ------------------------------------------------------------------ forms

/**
 * One answer per visible question, in page order. `null`/`undefined` skip a question, a
 * `Date` is turned into `YYYY-MM-DD`, a select_multiple takes `'a,b'` or `['a', 'b']`, a repeat's
 * "+" takes the number of clicks.
 */
export type Answer = string | number | boolean | Date | null | undefined | readonly string[];
export type PageAnswers = readonly Answer[];

export interface FillError {
  /** `validation` is a constraint or required message shown under a question. */
  type: 'validation' | 'general' | 'page' | 'save';
  /** The message the form shows (the translated constraint or required message for `validation`). */
  msg: string;
  /** For `validation`: the question's visible text (label, hint and message). */
  question?: string;
  section?: string;
  answers?: readonly Answer[];
}

export interface FillResult {
  errors: FillError[];
  section: string;
  /** The report that was saved; undefined when an error blocked submission. */
  report: ReportDoc | undefined;
  additionalDocs: MockDoc[];
}

export interface ContactFillResult {
  errors: FillError[];
  section: string;
  /** The main contact first, then siblings (e.g. a new primary contact). Empty when an error blocked saving. */
  contacts: ContactDoc[];
}

export interface LoadFormOptions {
  form: string;
  user?: string | ContactDoc;
  subject?: string | ContactDoc;
  content?: Record<string, unknown>;
  contactSummary?: { context?: Record<string, unknown> };
}

/** What the harness returns after loading a form without filling it. */
export interface LoadedFormState extends HarnessState {
  pageContent?: string;
}

// ------------------------------------------------------------------ tasks, targets, summary

export type TaskState = 'Draft' | 'Ready' | 'Cancelled' | 'Completed' | 'Failed';

export interface TaskAction {
  type: 'report' | 'contact';
  form?: string;
  label?: string;
  content?: Record<string, unknown>;
  /** Set by the harness so `loadAction` can hydrate the contact. */
  forId?: string;
}

export interface TaskEmission {
  _id: string;
  forId: string;
  title: string;
  icon?: string;
  startDate: string;
  endDate: string;
  dueDate: string;
  priority?: string;
  priorityLabel?: string;
  contact?: { _id?: string; name?: string };
  actions: TaskAction[];
  resolved?: boolean;
  deleted?: boolean;
  [field: string]: unknown;
}

/** A CHT task document (https://docs.communityhealthtoolkit.org/core/overview/db-schema/#tasks). */
export interface TaskDoc {
  _id: string;
  type: 'task';
  authoredOn: number;
  user: string;
  requester: string;
  owner: string;
  state: TaskState;
  stateReason?: string;
  stateHistory: Array<{ state: TaskState; timestamp: number }>;
  emission: TaskEmission;
}

export interface GetTasksOptions {
  title?: string;
  actionForm?: string;
  ownedBySubject?: boolean;
  user?: string | ContactDoc;
  userRoles?: string[];
  subject?: string | ContactDoc;
}

export type TaskStateCounts = Record<TaskState | 'Total', number>;

export interface TargetValue {
  pass: number;
  total: number;
  percent?: number;
}

/** A target as the rules engine aggregates it: its configuration plus `value`. */
export interface Target {
  id: string;
  type: 'count' | 'percent';
  goal?: number;
  icon?: string;
  translation_key?: string;
  value: TargetValue;
  [field: string]: unknown;
}

export interface GetTargetsOptions {
  type?: string | string[];
  user?: string | ContactDoc;
  userRoles?: string[];
  subject?: string | ContactDoc;
}

export interface ContactSummaryField {
  label: string;
  value: unknown;
  filter?: string;
  translate?: boolean;
  width?: number;
  [field: string]: unknown;
}

export interface ContactSummary {
  fields: ContactSummaryField[];
  cards: Array<{ label: string; fields: ContactSummaryField[]; [field: string]: unknown }>;
  context: Record<string, unknown>;
}

// ------------------------------------------------------------------ the harness

/** Chrome console messages recorded while a form is loaded (puppeteer ConsoleMessage). */
export interface ConsoleMessage {
  type(): string;
  text(): string;
}

export interface HarnessState {
  console: ConsoleMessage[];
  contacts: ContactDoc[];
  reports: ReportDoc[];
}

export type DateInput = Date | number | string;
export type DurationInput = number | {
  years?: number; months?: number; weeks?: number; days?: number;
  hours?: number; minutes?: number; seconds?: number; milliseconds?: number;
};

export interface ChtHarness {
  /** Starts Chromium and loads the form host. */
  start(): Promise<unknown>;
  stop(): Promise<void>;
  /** Resets docs, user, subject, content and time to `harness.defaults.json`, and reloads the page. */
  clear(): Promise<void>;
  /** Fakes the time in the browser and in Node (sinon): see `realClock`. */
  setNow(now: DateInput): Promise<void> | undefined;
  getNow(): number;
  /** Moves the fake time forward; a number is days. */
  flush(amount: DurationInput): Promise<void>;

  /** Loads an app form (`forms/app/<form>.xml`) then fills it. */
  fillForm(form: string | LoadFormOptions, ...pages: PageAnswers[]): Promise<FillResult>;
  /** Fills the form loaded last (by `loadAction` or a previous `fillForm`). */
  fillForm(...pages: PageAnswers[]): Promise<FillResult>;
  /** Loads and fills `forms/contact/<type>-create.xml`; the new contacts are pushed into the state. */
  fillContactCreateForm(contactType: string, ...pages: PageAnswers[]): Promise<ContactFillResult>;
  /**
   * Loads and fills `forms/contact/<type>-edit.xml` and merges the result into the subject
   * (empty answers keep the subject's value). The harness does not pre-fill the form.
   */
  fillContactEditForm(contactType: string, ...pages: PageAnswers[]): Promise<ContactFillResult>;
  /** Opens a task's action form, as a user tapping the task would. */
  loadAction(task: TaskDoc | TaskAction): Promise<LoadedFormState>;
  loadAction(task: TaskDoc | TaskAction, ...pages: PageAnswers[]): Promise<FillResult>;

  getTasks(options?: GetTasksOptions): Promise<TaskDoc[]>;
  countTaskDocsByState(options?: GetTasksOptions): Promise<TaskStateCounts>;
  getTargets(options?: GetTargetsOptions): Promise<Target[]>;
  getContactSummary(contact?: string | ContactDoc, reports?: ReportDoc[], lineage?: ContactDoc[]): Promise<ContactSummary>;
  pushMockedDoc(...docs: Array<MockDoc | MockDoc[]>): void;

  /** The subject contact (hydrated from the state when set as an id). Set an id or a doc. */
  get subject(): ContactDoc | undefined;
  set subject(value: string | ContactDoc);
  /** The logged-in user's contact. Set an id or a doc. */
  get user(): ContactDoc | undefined;
  set user(value: string | ContactDoc);
  get userRoles(): string[];
  set userRoles(value: string[]);
  /** The `content` passed to app forms (`inputs`), e.g. `{ source: 'task', contact: … }`. */
  get content(): Record<string, unknown>;
  set content(value: Record<string, unknown>);
  readonly state: HarnessState;
  readonly consoleErrors: ConsoleMessage[];
  readonly coreVersion: string;
}

export interface HarnessOptions {
  /** Project directory; defaults to the repository root. */
  directory?: string;
  /** Log harness internals and the browser console. Default: `HARNESS_VERBOSE=1`. */
  verbose?: boolean;
  /**
   * Print form errors with console.error as the harness fills forms. Default off, because
   * specs assert on `result.errors` (and negative tests expect errors); `HARNESS_LOG_FORM_ERRORS=1` turns it on.
   */
  logFormErrors?: boolean;
  user?: string | ContactDoc;
  userRoles?: string[];
  subject?: string | ContactDoc;
  content?: Record<string, unknown>;
  docs?: MockDoc[];
  [option: string]: unknown;
}

type HarnessConstructor = new (options: HarnessOptions) => ChtHarness;

const requireFromRoot = createRequire(path.join(REPO_ROOT, 'package.json'));

/** Builds a harness for this project. Most specs want `useHarness()` instead. */
export function createHarness(options: HarnessOptions = {}): ChtHarness {
  const directory = options.directory ?? REPO_ROOT;
  const appSettings = path.join(directory, 'app_settings.json');
  if (!fs.existsSync(appSettings)) {
    throw new Error(`${appSettings} is missing: the harness tests the compiled project. Run \`npm run build\` first.`);
  }
  const Harness = requireFromRoot('cht-conf-test-harness') as HarnessConstructor;
  return new Harness({
    verbose: process.env.HARNESS_VERBOSE === '1',
    logFormErrors: process.env.HARNESS_LOG_FORM_ERRORS === '1',
    ...options,
    directory,
  });
}

