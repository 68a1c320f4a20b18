/**
 * The one way harness specs get a cht-conf-test-harness for this project:
 *
 *   import { useHarness } from '../support/harness';
 *   describe('my form', () => {
 *     const harness = useHarness();        // the run's Chromium, state cleared before each test
 *     it('…', async () => { … });
 *   });
 *
 * The typed harness itself lives in src/simulate/harness.ts (the CLI's `simulate` uses it too).
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { OutboundPush } from '../../src/cht/outbound';
import { ChtHarness, ConsoleMessage, FillError, GetTargetsOptions, HarnessOptions, REPO_ROOT, Target, createHarness } from '../../src/simulate/harness';
import { synthesize } from '../../src/project/synth';
import { targetVisibleTo } from './cht-expression';

export * from '../../src/simulate/harness';

/** Chromium start-up can be slow on a cold CI machine. */
const START_TIMEOUT_MS = 120_000;
/** How long the shared Chromium outlives the last block using it, waiting for the next one. */
const LINGER_MS = 2_000;
/** The real timer: tests fake Node's clock with `setNow`. */
const realSetTimeout = setTimeout;
const realClearTimeout = clearTimeout;

/**
 * One harness (one Chromium) for the whole run, shared by every `useHarness()` block: started by
 * the first block's `before`, and stopped once no block has used it for `LINGER_MS` (so the run
 * ends without a root hook). Every test starts from a cleared harness, so sharing it changes
 * nothing a test sees. A block that passes options gets its own harness for the block.
 */
/** The sinon the harness fakes Node's clock with (its own copy): restored when a block ends. */
const harnessSinon = createRequire(require.resolve('cht-conf-test-harness'))('sinon') as { restore(): void };

const shared: { harness?: ChtHarness; users: number; stopping?: ReturnType<typeof setTimeout>; stopped?: Promise<void> } = { users: 0 };

function sharedHarness(): ChtHarness {
  shared.harness ??= asCht411(createHarness());
  return shared.harness;
}

/**
 * Call inside `describe`: the run's shared harness, started in `before` if it is not running,
 * and cleared before each test (docs, user, subject, content and the fake time go back to
 * `harness.defaults.json`). Options set in `beforeEach` hooks declared after this call apply to
 * every test.
 *
 * The harness is made to behave as CHT 4.11 does where cht-conf-test-harness does not
 * (`asCht411`): a form fill, an action load or a rules run fails when it logs an error, target
 * tiles are filtered by their `context`, and CHT's phone widget reads the app's phone settings.
 */
export function useHarness(options: HarnessOptions = {}): ChtHarness {
  const own = Object.keys(options).length > 0;
  const harness = own ? asCht411(createHarness(options)) : sharedHarness();
  before(async function () {
    this.timeout(START_TIMEOUT_MS);
    if (own) {
      await harness.start();
      return;
    }
    if (shared.stopping) realClearTimeout(shared.stopping);
    shared.stopping = undefined;
    shared.users += 1;
    await shared.stopped; // a stop already under way finishes first
    if (!isStarted(harness)) await harness.start();
  });
  beforeEach(async () => {
    await harness.clear();
    guardOf(harness).allowed = [];
  });
  afterEach(function () {
    // an error logged after the last harness call of the test (e.g. by a widget's timer)
    const late = guardOf(harness).unreported();
    if (late.length && this.currentTest?.state === 'passed') {
      throw new Error(`the browser console logged ${late.length === 1 ? 'an error' : 'errors'} after "${this.currentTest.title}":\n${late.join('\n')}`);
    }
  });
  after(async () => {
    if (own) {
      await harness.stop();
      return;
    }
    harnessSinon.restore(); // the real clock between blocks and after the run, as a stopped harness leaves it
    shared.users -= 1;
    if (shared.users > 0) return;
    shared.stopping = realSetTimeout(() => {
      shared.stopping = undefined;
      if (shared.users === 0) shared.stopped = harness.stop().then(() => markStopped(harness));
    }, LINGER_MS);
  });
  return harness;
}

const STARTED = new WeakSet<ChtHarness>();

function isStarted(harness: ChtHarness): boolean {
  return STARTED.has(harness);
}

function markStopped(harness: ChtHarness): void {
  STARTED.delete(harness);
}

// ------------------------------------------------------------------ CHT 4.11 behaviour the harness lacks

/** What the harness object also holds (cht-conf-test-harness `src/harness.js`): its Puppeteer page. */
interface HarnessInternals {
  page?: {
    evaluate(script: string): Promise<unknown>;
    on(event: 'pageerror', listener: (error: Error) => void): void;
  };
}

/** Errors logged while a guarded call ran, and the ones a test expects. */
class ConsoleGuard {
  /** Messages a test expects CHT to log (e.g. the phone widget's "invalid phone number"). */
  allowed: RegExp[] = [];
  /** Uncaught exceptions in the page since the last check. */
  readonly pageErrors: string[] = [];
  private seen = 0;

  constructor(private readonly harness: ChtHarness) {}

  private isAllowed(text: string): boolean {
    return this.allowed.some((pattern) => pattern.test(text));
  }

  /** Browser console errors (and uncaught page errors) not reported yet. */
  unreported(): string[] {
    const console = this.harness.state.console;
    if (this.seen > console.length) this.seen = 0; // cleared since
    const logged = console.slice(this.seen);
    this.seen = console.length;
    const errors = this.harness.consoleErrors
      .filter((message) => logged.includes(message) && isError(message))
      .map((message) => `console.${message.type()}: ${message.text()}`);
    errors.push(...this.pageErrors.splice(0).map((text) => `uncaught: ${text}`));
    return errors.filter((text) => !this.isAllowed(text));
  }

  /** Runs `call`, recording what Node's console.error and console.warn print meanwhile (rules run in Node). */
  async capturingNode<T>(call: () => Promise<T>): Promise<{ value: T; nodeErrors: string[] }> {
    const nodeErrors: string[] = [];
    const { error, warn } = console;
    const record = (kind: string) => (...args: unknown[]): void => {
      const text = args.map((arg) => (arg instanceof Error ? arg.stack ?? arg.message : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
      if (!this.isAllowed(text)) nodeErrors.push(`console.${kind} (rules): ${text}`);
    };
    console.error = record('error');
    console.warn = record('warn');
    try {
      return { value: await call(), nodeErrors };
    } finally {
      console.error = error;
      console.warn = warn;
    }
  }
}

function isError(message: ConsoleMessage): boolean {
  return message.type() === 'error' || message.type() === 'assert';
}

const GUARDS = new WeakMap<ChtHarness, ConsoleGuard>();

function guardOf(harness: ChtHarness): ConsoleGuard {
  const guard = GUARDS.get(harness);
  if (!guard) throw new Error('this harness was not made with useHarness()/asCht411()');
  return guard;
}

/**
 * Lets the current test's harness calls log messages matching `patterns` (e.g. CHT's phone widget
 * logs `invalid phone number: "…"` with console.error when a user types a wrong number).
 */
export function allowConsoleErrors(harness: ChtHarness, ...patterns: RegExp[]): void {
  guardOf(harness).allowed.push(...patterns);
}

/** The browser calls that load or fill a form, and the Node calls that run the rules. */
const FORM_CALLS = ['fillForm', 'loadAction', 'fillContactCreateForm', 'fillContactEditForm'] as const;
const RULES_CALLS = ['getTasks', 'countTaskDocsByState', 'getTargets', 'getContactSummary'] as const;

interface CompiledSettings {
  default_country_code?: unknown;
  phone_validation?: unknown;
  tasks?: { targets?: { items?: Array<{ id: string; context?: string }> } };
}

function compiledSettings(directory: string): CompiledSettings {
  return JSON.parse(fs.readFileSync(path.join(directory, 'app_settings.json'), 'utf8')) as CompiledSettings;
}

/** The app's phone settings, which CHT passes to its phone widget (`window.CHTCore.Settings`). */
function phoneSettings(settings: CompiledSettings): Record<string, unknown> {
  return { default_country_code: settings.default_country_code, phone_validation: settings.phone_validation };
}

/** Each target's `context`, by id (the aggregated targets the harness returns do not carry it). */
function targetContexts(settings: CompiledSettings): Map<string, string | undefined> {
  return new Map((settings.tasks?.targets?.items ?? []).map((target) => [target.id, target.context]));
}

type AnyCall = (...args: unknown[]) => Promise<unknown>;

/** Gives the form host's `window.CHTCore.Settings` the app's settings (once the host has started). */
const SET_PHONE_SETTINGS = `(async () => {
  for (let i = 0; i < 100 && !window.CHTCore; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!window.CHTCore) throw new Error('the form host did not start (window.CHTCore is missing)');
  const settings = SETTINGS;
  window.CHTCore.Settings = { get: async () => settings };
})()`;

/**
 * Makes a harness behave as CHT 4.11 where cht-conf-test-harness 5.0 does not (idempotent):
 * - every form fill, action load and contact form fill fails when the browser console logs an
 *   error (or the page throws), and every rules run (tasks, targets, contact summary, which the
 *   harness runs in Node) fails when it prints console.error or console.warn;
 * - `getTargets` returns only the targets whose `context` 4.11 shows to the user: it evaluates
 *   `context` with only `user` (the user's contact doc) in scope (`rules-engine.service.ts`);
 *   the harness itself ignores `context`;
 * - CHT's phone widget (appearance `tel`) gets the app's `default_country_code` and
 *   `phone_validation`, as in CHT; the harness's form host hard-codes country code 1.
 */
export function asCht411(harness: ChtHarness, directory = REPO_ROOT): ChtHarness {
  if (GUARDS.has(harness)) return harness;
  const guard = new ConsoleGuard(harness);
  GUARDS.set(harness, guard);
  const target = harness as unknown as Record<string, AnyCall> & HarnessInternals;
  const compiled = compiledSettings(directory);
  const settings = phoneSettings(compiled);
  const contexts = targetContexts(compiled);
  const withPageSetup = (name: 'start' | 'clear'): void => {
    const original = target[name].bind(harness);
    target[name] = async (...args) => {
      const value = await original(...args);
      if (name === 'start') STARTED.add(harness);
      const page = target.page;
      if (page) {
        if (name === 'start') page.on('pageerror', (error) => guard.pageErrors.push(error.message));
        // a string, not a function: the test runner's transpiler adds helpers the page does not have
        await page.evaluate(SET_PHONE_SETTINGS.replace('SETTINGS', JSON.stringify(settings)));
      }
      guard.unreported(); // whatever start-up or the reload logged belongs to no test
      return value;
    };
  };
  withPageSetup('start');
  withPageSetup('clear');
  for (const name of FORM_CALLS) {
    const original = target[name].bind(harness);
    target[name] = async (...args) => {
      guard.unreported();
      const value = await original(...args);
      failOn(guard.unreported(), name, args);
      return value;
    };
  }
  for (const name of RULES_CALLS) {
    const original = target[name].bind(harness);
    target[name] = async (...args) => {
      guard.unreported();
      const { value, nodeErrors } = await guard.capturingNode(() => original(...args));
      failOn([...guard.unreported(), ...nodeErrors], name, args);
      return name === 'getTargets' ? visibleTargets(harness, contexts, value as Target[], args[0] as GetTargetsOptions | undefined) : value;
    };
  }
  return harness;
}

function failOn(errors: string[], call: string, args: unknown[]): void {
  if (!errors.length) return;
  const what = typeof args[0] === 'string' ? `${call}('${args[0]}')` : call;
  throw new Error(`${what} logged ${errors.length === 1 ? 'an error' : `${errors.length} errors`}:\n  ${errors.join('\n  ')}`);
}

/** The targets CHT 4.11 shows the user of this `getTargets` call. */
function visibleTargets(harness: ChtHarness, contexts: Map<string, string | undefined>, targets: Target[], options: GetTargetsOptions | undefined): Target[] {
  const requested = options?.user ?? harness.user;
  const user = typeof requested === 'string' ? harness.state.contacts.find((contact) => contact._id === requested) : requested;
  return targets.filter((target) => targetVisibleTo(contexts.get(target.id), user));
}

// ------------------------------------------------------------------ assertions helpers

/** The validation errors (constraint and required messages) of a fill result. */
export function validationErrors(result: { errors: FillError[] }): FillError[] {
  return result.errors.filter((error) => error.type === 'validation');
}

/** The validation messages of a fill result, for readable assertions. */
export function validationMessages(result: { errors: FillError[] }): string[] {
  return validationErrors(result).map((error) => error.msg);
}

// ------------------------------------------------------------------ users of harness.defaults.json

export const CHW_USER = 'chw_user';
export const SUPERVISOR_USER = 'supervisor_user';

/** Logs in as the CHW supervisor, looking at `subject` (by default the CHW). */
export function asSupervisor(harness: ChtHarness, subject: string = CHW_USER): void {
  harness.user = SUPERVISOR_USER;
  harness.userRoles = ['chw_supervisor'];
  harness.subject = subject;
}

/** Logs in as the CHW, looking at `subject` (by default the CHW themselves). */
export function asChw(harness: ChtHarness, subject: string = CHW_USER): void {
  harness.user = CHW_USER;
  harness.userRoles = ['chw'];
  harness.subject = subject;
}

// ------------------------------------------------------------------ generated config

/** The `app_settings.outbound` config of a push, as the project synthesizes it (exported flow UUIDs). */
export function pushConfig(name: string): OutboundPush {
  const push = synthesize().pushes.find((candidate) => candidate.name === name);
  if (!push) throw new Error(`no outbound push ${name}`);
  return push.config;
}
