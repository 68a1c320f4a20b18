/**
 * The one way harness specs get a cht-conf-test-harness for this project:
 *
 *   import { useHarness } from '../support/harness';
 *   describe('my form', () => {
 *     const harness = useHarness();        // one Chromium for the run, state cleared before each test
 *     it('…', async () => { … });
 *   });
 *
 * The typed harness itself lives in src/harness/cht-harness.ts (the CLI's `simulate` uses it too).
 */
import { OutboundPush } from '../../src/cht/outbound';
import { ChtHarness, FillError, createHarness } from '../../src/simulate/harness';
import { synthesize } from '../../src/project/synth';

export * from '../../src/simulate/harness';

/** Chromium start-up can be slow on a cold CI machine. */
const START_TIMEOUT_MS = 120_000;

/**
 * One harness (one Chromium) for the whole mocha run: started by the first spec that needs it,
 * stopped by the root hook in test/support/root-hooks.ts. `harness.clear()` before each test
 * reloads the page and puts docs, user, subject, content and the fake time back to
 * harness.defaults.json, so a shared browser is as clean as a new one.
 */
let shared: ChtHarness | undefined;
let started: Promise<void> | undefined;
/** Set by test/support/root-hooks.ts; without it (a run that skipped .mocharc.json) each block stops the browser. */
let stoppedByRootHook = false;

export function stopHarnessAfterRun(): void {
  stoppedByRootHook = true;
}

function sharedHarness(): ChtHarness {
  shared ??= createHarness();
  return shared;
}

/** Stops the shared harness, if one was started (root `afterAll`). */
export async function stopSharedHarness(): Promise<void> {
  if (!shared || !started) return;
  const harness = shared;
  shared = undefined;
  started = undefined;
  await harness.stop();
}

/**
 * Call inside `describe`: the run's harness, started before the block's first test and cleared
 * before each test. Options set in `beforeEach` hooks declared after this call apply to every test.
 */
export function useHarness(): ChtHarness {
  const harness = sharedHarness();
  before(async function () {
    this.timeout(START_TIMEOUT_MS);
    started ??= harness.start().then(() => undefined);
    await started;
  });
  beforeEach(async () => {
    await harness.clear();
  });
  after(async () => {
    if (!stoppedByRootHook) await stopSharedHarness();
  });
  return harness;
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
