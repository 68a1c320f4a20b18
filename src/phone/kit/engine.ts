/**
 * Builds what the phone bundle keeps for one rules-engine initialisation (../rules.ts): the
 * definitions the logged-in user can see, and their emission for each contact.
 *
 * - By audience: every definition is built by the kit and knows its audience (./audience.ts;
 *   `defineRules` refuses any other). The user's roles and permission are checked here, once per
 *   start: a definition whose audience excludes the user is left out, and the rules of those kept
 *   only check, per contact, that the user is not the person it is about (`notAboutSelf`).
 * - Emission: ./emitter.ts, cht-conf's task and target emitters for the kit's definitions, run
 *   from code that lives as long as the engine (cht-conf's are evaluated anew for each contact).
 *   cht-conf's `lib.js` then gets no definition to emit.
 * - Outside CHT's rules engine (no contact, no `emit`: the harness's dev mode, which evaluates
 *   the entry point in Node for each contact), nothing is kept: `visibleLists` hands the user's
 *   definitions to cht-conf's emitters, as any project's tasks.js does.
 */
import { audienceOf, userInAudience } from './audience';
import { ContactWithReports } from './docs';
import { RuleScope, emitTarget, emitTask } from './emitter';
import { TargetDefinition } from './targets';
import { TaskDefinition } from './tasks';

/** Every workflow's tasks and targets, in order. */
export interface RuleLists {
  readonly tasks: readonly TaskDefinition[];
  readonly targets: readonly TargetDefinition[];
}

/**
 * What the entry point (../rules.ts) `require`s only when it builds: the lists and the builder
 * (../workflows/tasks-and-targets.ts), one module group of the bundle.
 */
export interface PhoneRules {
  readonly lists: RuleLists;
  buildEngine(lists: RuleLists, user: unknown, api: unknown): Engine;
  visibleLists(lists: RuleLists): RuleLists;
}

/** The definitions kept for one rules-engine initialisation. */
export interface Engine {
  /** The `user` and `cht` the definitions were built for. */
  readonly user: unknown;
  readonly api: unknown;
  /** Emits what the kept definitions emit for the contact, through the rules engine's `emit`. */
  emit(c: ContactWithReports, scope: RuleScope): void;
}

type Definition = TaskDefinition | TargetDefinition;

export function buildEngine(lists: RuleLists, user: unknown, api: unknown): Engine {
  const { tasks, targets } = visibleLists(lists);
  return {
    user,
    api,
    emit(c, scope) {
      // targets first, then tasks, as cht-conf's lib.js emits them
      for (let i = 0; i < targets.length; i++) emitTarget(targets[i], c, scope);
      for (let i = 0; i < tasks.length; i++) emitTask(tasks[i], c, scope);
    },
  };
}

/** The definitions the logged-in user can see: those whose audience has the user's role (and permission). */
export function visibleLists(lists: RuleLists): { tasks: TaskDefinition[]; targets: TargetDefinition[] } {
  return { tasks: lists.tasks.filter(visible), targets: lists.targets.filter(visible) };
}

/** Whether the logged-in user is in the definition's audience (its roles and permission). */
function visible(definition: Definition): boolean {
  const audience = audienceOf(definition);
  return !!audience && userInAudience(audience);
}
