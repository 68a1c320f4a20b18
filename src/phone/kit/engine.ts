/**
 * The definitions the phone bundle hands CHT, built once per rules-engine start.
 *
 * CHT 4.11 runs declarative rules by evaluating the whole `tasks.rules` bundle once per contact
 * (`shared-libs/rules-engine/src/rules-emitter/emitter.javascript.js`: `new Function('c', 'Task',
 * 'Target', 'Utils', 'user', 'cht', 'emit', rules)`, called for each contact), so every module
 * the bundle requires is evaluated again for every contact, and every function it creates is
 * new (and slow: V8 has gathered no type feedback for it yet). The entry points therefore build
 * the workflows' definitions on the first contact only, and keep them on the one object that
 * lives exactly as long as one rules-engine initialisation: the `Utils` (cht-nootils) instance,
 * created anew by every `initialize` (`rules-emitter/index.js`), i.e. on every start, every
 * settings change and every change of the user's contact doc. The kept definitions are reused
 * only while `user` and `cht` are the very objects they were built for; anything else rebuilds
 * them. On a hit, this module and the two entry points are all the bundle evaluates of ours: the
 * workflow modules and the builder (./engine-build.ts) are `require`d only when building.
 *
 * What this relies on in CHT and cht-conf, and what happens if it changes:
 * - `Utils` is a plain object, new per initialisation and shared by its contacts. Were it shared
 *   by two initialisations, the identity check on `user` and `cht` still rebuilds for a new
 *   user or script API; were it new per contact, nothing is kept (correct, just slower).
 * - cht-conf's `lib.js` passes the entry points' arrays to its emitters, whose
 *   `definition-preparation.js` rebinds every enumerable function of a definition, nested ones
 *   included, in place. The kept definitions are handed over as views whose nested objects (and,
 *   for targets, every property) are not enumerable: the preparation finds nothing to rebind,
 *   which is also what makes it cheap. ./engine.spec (test/unit/phone) runs the compiled bundle
 *   through cht-core's emitter and checks that nothing of ours is rebound.
 */
import type { TargetDefinition } from './targets';
import type { TaskDefinition } from './tasks';
import type { ContactWithReports } from './docs';

// The rules engine's globals (./runtime.ts describes them), read here directly: this module is
// evaluated for every contact, and requiring another module for them costs more than reading them.
declare const Utils: unknown;
declare const user: unknown;
declare const cht: unknown;
declare const c: ContactWithReports;

/** Every workflow's tasks and targets, in order. */
export interface RuleLists {
  readonly tasks: readonly TaskDefinition[];
  readonly targets: readonly TargetDefinition[];
}

/**
 * What the entry points `require` only when they build: the lists and the builder
 * (src/phone/workflows/tasks-and-targets.ts), one module group of the bundle.
 */
export interface PhoneRules {
  readonly lists: RuleLists;
  buildEngine(lists: RuleLists, user: unknown, api: unknown): Engine;
}

/** The definitions kept for one rules-engine initialisation. */
export interface Engine {
  /** The `user` and `cht` the definitions were built for. */
  readonly user: unknown;
  readonly api: unknown;
  /** The definitions that can emit something for this contact (all of them without one). */
  tasksFor(c: ContactWithReports | undefined): TaskDefinition[];
  targetsFor(c: ContactWithReports | undefined): TargetDefinition[];
}

/** The property of `Utils` that keeps the engine (not enumerable). */
export const ENGINE_KEY = '__chtRapidproRules';

/** The engine of the current rules-engine initialisation, built on first use; undefined outside CHT's rules engine. */
function currentEngine(load: () => PhoneRules): Engine | undefined {
  const utils = typeof Utils === 'undefined' ? undefined : Utils as Record<string, Engine | undefined>;
  if (!utils || typeof utils !== 'object') return undefined;
  const userDoc = typeof user === 'undefined' ? undefined : user;
  const api = typeof cht === 'undefined' ? undefined : cht;
  const kept = utils[ENGINE_KEY];
  if (kept && kept.user === userDoc && kept.api === api) return kept;
  const rules = load();
  const engine = rules.buildEngine(rules.lists, userDoc, api);
  Object.defineProperty(utils, ENGINE_KEY, { value: engine, enumerable: false, writable: true, configurable: true });
  return engine;
}

/** The task definitions for `tasks.js`: in CHT's rules engine, those of this engine that can emit for the current contact. */
export function phoneTasks(load: () => PhoneRules): TaskDefinition[] {
  const engine = currentEngine(load);
  return engine ? engine.tasksFor(typeof c === 'undefined' ? undefined : c) : load().lists.tasks.slice();
}

/** The target definitions for `targets.js`, likewise. */
export function phoneTargets(load: () => PhoneRules): TargetDefinition[] {
  const engine = currentEngine(load);
  return engine ? engine.targetsFor(typeof c === 'undefined' ? undefined : c) : load().lists.targets.slice();
}
