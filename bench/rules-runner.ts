/**
 * Runs task and target definitions over contacts on CHT's real rules code path: cht-conf's own
 * task and target emitters (what the compiled `app_settings.tasks.rules` bundle runs on a phone,
 * and what the harness's dev mode calls), with cht-core 4.11's real `Utils` (nootils) and the
 * `user` and `cht` globals set as the rules engine sets them.
 */
import { createRequire } from 'node:module';
import * as path from 'path';
import { ContactDoc, ContactWithReports } from '../src/phone/kit/docs';
import { TargetDefinition } from '../src/phone/kit/targets';
import { TaskDefinition } from '../src/phone/kit/tasks';

type Emit = (type: string, instance: unknown) => void;
type Emitter<D> = (definitions: D[], c: ContactWithReports, utils: unknown, ctor: new (x: object) => object, emit: Emit) => void;

interface CoreBundle {
  nootils(settings: object): unknown;
  DataSource: {
    getRemoteDataContext(): unknown;
    getDatasource(context: unknown): { v1: { hasPermissions(p: string | string[], roles: string[], settings: object): boolean; hasAnyPermission(g: string[][], roles: string[], settings: object): boolean } };
  };
}

/** What one emission looks like to the comparison: enough to prove two rule sets agree. */
export interface TaskEmission { _id: string; resolved: boolean; deleted: boolean; date: number; title: string; priority?: string }
export interface TargetEmission { _id: string; type: string; pass: boolean; groupBy?: string; date?: number }

export interface Emissions {
  tasks: TaskEmission[];
  targets: TargetEmission[];
}

export interface RuleSet {
  tasks: TaskDefinition[];
  targets: TargetDefinition[];
}

const requireFromRoot = createRequire(path.resolve(__dirname, '..', 'package.json'));
const taskEmitter = requireFromRoot('cht-conf/src/nools/task-emitter') as Emitter<TaskDefinition>;
const targetEmitter = requireFromRoot('cht-conf/src/nools/target-emitter') as Emitter<TargetDefinition>;
const core = (requireFromRoot('cht-conf-test-harness/src/cht-core-factory.js') as { get(version: string): CoreBundle }).get('4.11.0');

/** The `Task` and `Target` constructors the rules engine passes: plain objects of the emitted fields. */
function emission(this: Record<string, unknown>, fields: object): void {
  Object.assign(this, fields);
}
const Task = emission as unknown as new (x: object) => object;
const Target = emission as unknown as new (x: object) => object;

export interface RulesContext {
  user: ContactDoc;
  roles: string[];
  /** `permissions` of app_settings.json. */
  permissions: Record<string, string[]>;
}

/** Sets the rule-time globals (`Utils`, `user`, `cht`) for the duration of `work`. */
export function withRuleGlobals<T>(context: RulesContext, work: (utils: unknown) => T): T {
  const utils = core.nootils({ tasks: { schedules: [] } });
  const datasource = core.DataSource.getDatasource(core.DataSource.getRemoteDataContext());
  const cht = {
    v1: {
      hasPermissions: (permissions: string | string[]) => datasource.v1.hasPermissions(permissions, context.roles, context.permissions),
      hasAnyPermission: (groups: string[][]) => datasource.v1.hasAnyPermission(groups, context.roles, context.permissions),
    },
  };
  const globals = global as unknown as Record<string, unknown>;
  globals.Utils = utils;
  globals.user = context.user;
  globals.cht = cht;
  try {
    return work(utils);
  } finally {
    delete globals.Utils;
    delete globals.user;
    delete globals.cht;
  }
}

/** Emits targets then tasks for every container, in the order the nools lib does. */
export function emitAll(rules: RuleSet, containers: ContactWithReports[], utils: unknown, collect?: Emissions): { tasks: number; targets: number } {
  let tasks = 0;
  let targets = 0;
  const emit: Emit = (type, instance) => {
    if (type === 'task') {
      tasks++;
      if (collect) collect.tasks.push(taskOf(instance));
    } else if (type === 'target') {
      targets++;
      if (collect) collect.targets.push(targetOf(instance));
    }
  };
  for (const c of containers) {
    targetEmitter(fresh(rules.targets), c, utils, Target, emit);
    taskEmitter(fresh(rules.tasks), c, utils, Task, emit);
  }
  return { tasks, targets };
}

/**
 * Definitions as a phone sees them for one contact. cht-conf's `definition-preparation` rebinds
 * every function of a definition *in place*, nested objects (events, actions, priority) included.
 * On a phone that is harmless: the compiled bundle re-evaluates tasks.js for each contact (the
 * harness's dev mode likewise clears the require cache after each contact). Reusing one set of
 * definitions would stack a bound wrapper per contact onto every event and action, so each
 * contact gets its own copy of the definitions' objects and arrays, as the bundle would give it.
 */
export function fresh<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => fresh(item)) as T;
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = fresh(item);
    return copy as T;
  }
  return value;
}

function taskOf(instance: unknown): TaskEmission {
  const t = instance as { _id: string; resolved: boolean; deleted: boolean; date: Date; title: string; priority?: string };
  return { _id: t._id, resolved: !!t.resolved, deleted: !!t.deleted, date: new Date(t.date).getTime(), title: t.title, priority: t.priority };
}

function targetOf(instance: unknown): TargetEmission {
  const t = instance as { _id: string; type: string; pass: boolean; groupBy?: string; date?: number };
  return { _id: t._id, type: t.type, pass: !!t.pass, groupBy: t.groupBy, date: t.date };
}
