/**
 * The phone bundle's entry point: the one module of ours cht-conf's `lib.js` evaluates for every
 * contact (root tasks.js and targets.js export its two lists). In CHT's rules engine it emits
 * what the workflows' definitions emit for the contact, from definitions built once per
 * rules-engine start; in plain Node (cht-conf's schema check, `tasks.targets.items`) it exports
 * every workflow's tasks and targets.
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
 * workflow modules and the builder (./kit/engine.ts) are `require`d only when building.
 *
 * What this relies on in CHT and cht-conf, and what happens if it changes:
 * - `Utils` is a plain object, new per initialisation and shared by its contacts. Were it shared
 *   by two initialisations, the identity check on `user` and `cht` still rebuilds for a new
 *   user or script API; were it new per contact, nothing is kept (correct, just slower).
 * - The rules engine evaluates the bundle with `emit`, `Task` and `Target`, and cht-conf's
 *   `lib.js` emits through them what its emitters make of the definitions, then `_complete`. The
 *   kept definitions are emitted here through the same `emit`, `Task` and `Target`, the way
 *   cht-conf 6.6.1's emitters do (./kit/emitter.ts; test/unit/phone/emitter.spec.ts compares the
 *   two), and `lib.js` gets no definition of ours to emit (any other is handed over as before).
 *   Were cht-conf's emission to change, that test fails.
 */
import type { ContactWithReports } from './kit/docs';
import type { RuleScope } from './kit/emitter';
import type { Engine, PhoneRules, RuleLists } from './kit/engine';
import type { TargetDefinition } from './kit/targets';
import type { TaskDefinition } from './kit/tasks';

// The rules engine's variables (./kit/runtime.ts describes them), read here directly: this module
// is evaluated for every contact, and requiring another module for them costs more than reading them.
declare const Utils: unknown;
declare const user: unknown;
declare const cht: unknown;
declare const c: ContactWithReports;
declare const emit: RuleScope['emit'];
declare const Task: RuleScope['Task'];
declare const Target: RuleScope['Target'];
// `#phone/*` (package.json "imports"): the ES module build for cht-conf's webpack, the CommonJS one in Node.
declare function require(id: '#phone/workflows/tasks-and-targets'): PhoneRules;

/** The property of `Utils` that keeps the engine (not enumerable; test/unit/phone/engine.spec.ts reads it). */
const ENGINE_KEY = '__chtRapidproRules';

const load = (): PhoneRules => require('#phone/workflows/tasks-and-targets');

/**
 * The engine of the current rules-engine initialisation, built on its first contact. Called only
 * inside the rules engine, where `Utils`, `user` and `cht` are the evaluated function's parameters.
 */
function currentEngine(): Engine | undefined {
  const utils = Utils as Record<string, Engine | undefined>;
  if (!utils || typeof utils !== 'object') return undefined;
  const kept = utils[ENGINE_KEY];
  if (kept && kept.user === user && kept.api === cht) return kept;
  const rules = load();
  const engine = rules.buildEngine(rules.lists, user, cht);
  // not enumerable nor writable (defineProperty's defaults), configurable to be replaced by the next build
  Object.defineProperty(utils, ENGINE_KEY, { value: engine, configurable: true });
  return engine;
}

const contact = typeof c === 'undefined' ? undefined : c;
// in CHT's rules engine (a contact, and `emit`, `Task` and `Target` with it): the kept engine emits ours
const engine = contact && typeof emit !== 'undefined' ? currentEngine() : undefined;
if (engine && contact) engine.emit(contact, { emit, Task, Target, Utils: Utils as RuleScope['Utils'] });
// outside it, cht-conf's emitters get the definitions: in the harness's dev mode (`Utils`, `user`
// and `cht` set, no contact) the user's, in plain Node (cht-conf reading targets.js) all of them
const rules = engine ? undefined : load();
const lists: RuleLists | undefined = rules && (typeof Utils === 'undefined' ? rules.lists : rules.visibleLists(rules.lists));

/** For `tasks.js`: the definitions left to cht-conf's emitters (in CHT's rules engine, none: ours are emitted above). */
export const tasks: TaskDefinition[] = lists ? lists.tasks.slice() : [];
/** For `targets.js`. */
export const targets: TargetDefinition[] = lists ? lists.targets.slice() : [];
