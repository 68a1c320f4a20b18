/**
 * The phone bundle builds the workflows' definitions once per rules-engine start and keeps them
 * on CHT's `Utils` instance (src/phone/rules.ts). Proved here on the compiled `tasks.rules` of
 * app_settings.json in CHT 4.11's `RulesEmitter` (as the harness bundles it): the first contact
 * of an initialisation builds, every other contact reuses what it built without evaluating a
 * workflow module again; a new `initialize` (a restart, new settings, another user) builds anew,
 * for the new user's role. The kept definitions are reused only for the very `user` and `cht`
 * they were built for: that is checked on the CommonJS build (dist/phone), where the same
 * `Utils` can be handed another user.
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Phone, tier } from '../../../bench/caseload';
import { withFrozenClock } from '../../../bench/clock';
import { canonicalize } from '../../../bench/compare';
import { RawEmissions, core, scriptApi } from '../../../bench/engine-node';
import { audienceOf } from '../../../src/phone/kit/audience';
import { RULES } from '../../../src/phone/workflows';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SETTINGS = JSON.parse(fs.readFileSync(path.join(ROOT, 'app_settings.json'), 'utf8')) as { tasks: { rules: string }; permissions: Record<string, string[]> };
/** Where src/phone/rules.ts keeps the engine on `Utils` (its ENGINE_KEY; not imported: importing the entry point runs it). */
const ENGINE_KEY = '__chtRapidproRules';

const NOW = Date.now();
const NAMES: Record<keyof typeof RULES, string[]> = Object.fromEntries(Object.entries(RULES).map(([id, rules]) => [id, [...rules.tasks.map((t) => t.name), ...rules.targets.map((t) => t.id)]])) as Record<keyof typeof RULES, string[]>;
const CHW_NAMES = NAMES['contact-tracing'];
const SUPERVISOR_NAMES = [...NAMES['remote-training'], ...NAMES['chw-wellbeing']];

interface Probe {
  /** Per contact: the engine on `Utils` before and after the bundle ran, and how many definitions the run created. */
  runs: { utils: object; before: unknown; after: unknown; built: number }[];
}

type Globals = { __engineSpec?: { before(utils: object): void; after(utils: object): void } };

/**
 * One `initialize` and a full recalculation, as a phone does, with the compiled bundle wrapped to
 * see `Utils` before and after each contact's evaluation, and counting the definitions the
 * evaluation creates (the kit records each one's audience in a WeakMap as it is built).
 */
async function emitAs(user: Phone['user'], roles: string[], docs: Phone, probe?: Probe): Promise<RawEmissions> {
  const globals = globalThis as Globals;
  const realSet = WeakMap.prototype.set;
  let built = 0;
  let before: unknown;
  globals.__engineSpec = {
    before(utils) {
      built = 0;
      before = Object.getOwnPropertyDescriptor(utils, ENGINE_KEY)?.value;
    },
    after(utils) {
      probe?.runs.push({ utils, before, after: Object.getOwnPropertyDescriptor(utils, ENGINE_KEY)?.value, built });
    },
  };
  WeakMap.prototype.set = function set(this: WeakMap<object, unknown>, key: object, value: unknown) {
    if (key && typeof key === 'object' && 'appliesTo' in key) built++;
    return realSet.call(this, key, value);
  };
  const rules = `globalThis.__engineSpec.before(Utils);\n${SETTINGS.tasks.rules}\n;globalThis.__engineSpec.after(Utils);`;
  core.RulesEmitter.initialize({ rules, rulesAreDeclarative: true, taskSchedules: [], contact: user, chtScriptApi: scriptApi(roles, SETTINGS.permissions) });
  try {
    const result = await withFrozenClock(NOW, () => core.RulesEmitter.getEmissionsFor(docs.contacts, docs.reports));
    return { tasks: [...result.tasks], targets: [...result.targets] };
  } finally {
    core.RulesEmitter.shutdown();
    WeakMap.prototype.set = realSet;
    delete globals.__engineSpec;
  }
}

/** The task and target names an emission holds (the last part of each instance's `_id`). */
function names(emissions: RawEmissions): Set<string> {
  return new Set([...emissions.tasks, ...emissions.targets].map((instance) => String(instance._id).split('~').pop() ?? ''));
}

describe('the phone rules engine: definitions built once per rules-engine start (compiled tasks.rules in CHT 4.11)', function () {
  this.timeout(60_000);
  const supervisorPhone = tier('supervisor', 30, 300, NOW);
  const chwPhone = tier('chw', 30, 300, NOW);

  it('the first contact of an initialisation builds; every other contact reuses it and evaluates no workflow module', async () => {
    const probe: Probe = { runs: [] };
    const emissions = await emitAs(supervisorPhone.user, supervisorPhone.roles, supervisorPhone, probe);
    expect(emissions.tasks.length).to.be.greaterThan(0);
    const [first, ...rest] = probe.runs;
    expect(rest.length).to.be.greaterThan(5);
    expect(first.before).to.equal(undefined);
    expect(first.after).to.be.an('object');
    expect(first.built).to.equal(Object.values(RULES).reduce((n, rules) => n + rules.tasks.length + rules.targets.length, 0));
    for (const run of rest) {
      expect(run.utils).to.equal(first.utils);
      expect(run.before).to.equal(first.after);
      expect(run.after).to.equal(first.after);
      expect(run.built).to.equal(0);
    }
    // not enumerable: nothing iterating Utils sees it
    expect(Object.keys(first.utils)).to.not.include(ENGINE_KEY);
  });

  it('a restart (new initialize: new Utils, settings, user) builds anew, for the new user\'s role', async () => {
    const runs: Probe[] = [{ runs: [] }, { runs: [] }, { runs: [] }];
    const supervisor = await emitAs(supervisorPhone.user, supervisorPhone.roles, supervisorPhone, runs[0]);
    // the same docs on a CHW's phone (a CHW is not shown supervision tasks nor targets)
    const chwUser = chwPhone.user;
    const asChw = await emitAs(chwUser, chwPhone.roles, supervisorPhone, runs[1]);
    const again = await emitAs(supervisorPhone.user, supervisorPhone.roles, supervisorPhone, runs[2]);
    const chw = await emitAs(chwUser, chwPhone.roles, chwPhone);

    expect(names(supervisor).size).to.be.greaterThan(0);
    expect([...names(supervisor)].filter((name) => !SUPERVISOR_NAMES.includes(name))).to.deep.equal([]);
    expect(asChw.tasks).to.deep.equal([]);
    expect(asChw.targets).to.deep.equal([]);
    expect(canonicalize(again)).to.deep.equal(canonicalize(supervisor));
    expect(names(chw).size).to.be.greaterThan(0);
    expect([...names(chw)].filter((name) => !CHW_NAMES.includes(name))).to.deep.equal([]);

    const engines = runs.map((probe) => probe.runs[0].after);
    const utils = runs.map((probe) => probe.runs[0].utils);
    expect(new Set(engines).size).to.equal(3);
    expect(new Set(utils).size).to.equal(3);
    for (const probe of runs) expect(probe.runs[0].built).to.be.greaterThan(0);
  });
});

describe('the phone rules engine: kept only for the user and script API it was built for (CommonJS build)', () => {
  const DIST = path.join(ROOT, 'dist', 'phone');
  type EntryGlobals = { Utils?: unknown; user?: unknown; cht?: unknown; c?: unknown; emit?: unknown; Task?: unknown; Target?: unknown; __engineSpecScope?: Scope };
  interface Scope { Utils: object; Task: unknown; Target: unknown }
  const globals = globalThis as EntryGlobals;
  const load = createRequire(__filename);
  const forget = (): void => { for (const key of Object.keys(load.cache)) if (key.startsWith(DIST + path.sep)) Reflect.deleteProperty(load.cache, key); };
  const loaded = (): string[] => Object.keys(load.cache).filter((key) => key.startsWith(DIST + path.sep)).map((key) => path.relative(DIST, key));
  type Entry = { tasks: { name: string }[]; targets: { id: string }[] };
  /** Evaluates the entry point anew, as the rules engine does for each contact; what it emitted and what it hands to cht-conf. */
  const evaluate = (): { emitted: Set<string>; entry: Entry } => {
    const emitted = new Set<string>();
    globals.emit = (_kind: string, instance: { _id: string }) => { emitted.add(instance._id.split('~').pop() ?? ''); };
    forget();
    return { emitted, entry: load(path.join(DIST, 'rules.js')) as Entry };
  };
  const engineOn = (utils: object): unknown => Object.getOwnPropertyDescriptor(utils, ENGINE_KEY)?.value;
  /** The contact as the rules engine hands it: its doc and its reports. */
  const containerOf = (phone: Phone, id: string): { contact: unknown; reports: unknown[] } => ({
    contact: phone.contacts.find((contact) => contact._id === id),
    reports: phone.reports.filter((report) => report.fields.patient_id === id || report.fields.patient_uuid === id),
  });
  const supervisor = tier('supervisor', 30, 90, NOW);
  const chw = tier('chw', 30, 90, NOW);
  let scope: Scope;

  before(async () => {
    // the rules engine's own Utils, Task and Target (CHT 4.11's RulesEmitter, as the harness bundles it)
    core.RulesEmitter.initialize({ rules: 'globalThis.__engineSpecScope = { Utils: Utils, Task: Task, Target: Target };', rulesAreDeclarative: true, taskSchedules: [], contact: supervisor.user, chtScriptApi: scriptApi(supervisor.roles, SETTINGS.permissions) });
    await core.RulesEmitter.getEmissionsFor([supervisor.user], []);
    core.RulesEmitter.shutdown();
    scope = globals.__engineSpecScope as Scope;
    delete globals.__engineSpecScope;
  });

  afterEach(() => {
    for (const key of ['Utils', 'user', 'cht', 'c', 'emit', 'Task', 'Target'] as const) Reflect.deleteProperty(globals, key);
    forget();
  });

  it('reuses the engine for the same Utils, user and cht without loading a workflow module; rebuilds for another user or cht', () => {
    const utils = scope.Utils;
    Object.assign(globals, { Utils: utils, Task: scope.Task, Target: scope.Target });
    globals.user = supervisor.user;
    globals.cht = scriptApi(supervisor.roles, SETTINGS.permissions);

    globals.c = containerOf(supervisor, 'chw-0');
    const first = evaluate();
    expect(first.emitted.size).to.be.greaterThan(0);
    expect([...first.emitted].filter((name) => !SUPERVISOR_NAMES.includes(name))).to.deep.equal([]);
    expect(first.entry.tasks).to.deep.equal([]);
    expect(first.entry.targets).to.deep.equal([]);
    expect(loaded()).to.include(path.join('workflows', 'tasks-and-targets.js'));
    const engine = engineOn(utils);
    expect(engine).to.be.an('object');

    globals.c = containerOf(supervisor, 'chw-1');
    expect(evaluate().emitted.size).to.be.greaterThan(0);
    expect(loaded()).to.deep.equal(['rules.js']);
    expect(engineOn(utils)).to.equal(engine);

    // the user's contact changes role (CHT would re-initialise; here the same Utils is kept)
    globals.user = chw.user;
    globals.cht = scriptApi(chw.roles, SETTINGS.permissions);
    expect(evaluate().emitted, 'a CHW sees nothing about a colleague').to.deep.equal(new Set());
    const rebuilt = engineOn(utils);
    expect(rebuilt).to.not.equal(engine);
    globals.c = containerOf(chw, 'traced-0');
    const traced = evaluate().emitted;
    expect(traced.size).to.be.greaterThan(0);
    expect([...traced].filter((name) => !CHW_NAMES.includes(name))).to.deep.equal([]);

    // the same user with another script API: one without the supervision permissions
    globals.user = supervisor.user;
    globals.cht = scriptApi(['chw_supervisor_trainee'], SETTINGS.permissions);
    globals.c = containerOf(supervisor, 'chw-0');
    const withoutPermission = evaluate().emitted;
    expect(engineOn(utils)).to.not.equal(rebuilt);
    const open = Object.values(RULES).flatMap((rules) => [...rules.tasks, ...rules.targets])
      .filter((definition) => { const audience = audienceOf(definition); return !!audience && audience.roles.includes('chw_supervisor') && !audience.permission; })
      .map((definition) => ('name' in definition ? definition.name : definition.id));
    expect([...withoutPermission].filter((name) => !open.includes(name))).to.deep.equal([]);
  });

  it("outside a contact (the harness's dev mode) keeps nothing and hands cht-conf the user's definitions; in plain Node, all of them", () => {
    const utils = {};
    globals.Utils = utils;
    globals.user = supervisor.user;
    globals.cht = scriptApi(supervisor.roles, SETTINGS.permissions);
    const listed = (entry: Entry): string[] => [...entry.tasks.map((t) => t.name), ...entry.targets.map((t) => t.id)];
    expect(listed(evaluate().entry)).to.have.members(SUPERVISOR_NAMES);
    expect(engineOn(utils)).to.equal(undefined);
    globals.user = chw.user;
    globals.cht = scriptApi(chw.roles, SETTINGS.permissions);
    expect(listed(evaluate().entry)).to.have.members(CHW_NAMES);
    delete globals.Utils;
    expect(listed(evaluate().entry)).to.have.members([...CHW_NAMES, ...SUPERVISOR_NAMES]);
  });
});
