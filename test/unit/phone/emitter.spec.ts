/**
 * The phone bundle emits the kit's definitions with its own port of cht-conf's emitters
 * (src/phone/kit/emitter.ts), kept for a whole rules-engine start. Here both run on every
 * definition of every workflow, for every contact of a CHW's and a supervisor's phone, with the
 * rules engine's own `Task`, `Target`, `Utils`, `user` and `cht` (captured from CHT 4.11's
 * `RulesEmitter`, as the harness bundles it): what they emit must be the same, field by field.
 * cht-conf's emitters are the ones installed (node_modules/cht-conf/src/nools), so a change in
 * cht-conf's emission fails this test.
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Phone, phone } from '../../../bench/caseload';
import { withFrozenClock } from '../../../bench/clock';
import { canonical } from '../../../bench/compare';
import { core, scriptApi } from '../../../bench/engine-node';
import { ContactWithReports } from '../../../src/phone/kit/docs';
import { RuleScope, emitTarget, emitTask, unlikeChtConf } from '../../../src/phone/kit/emitter';
import { TargetDefinition } from '../../../src/phone/kit/targets';
import { TaskDefinition } from '../../../src/phone/kit/tasks';
import { RULES } from '../../../src/phone/workflows';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));
type ChtConfEmitter<D> = (definitions: D[], c: ContactWithReports, utils: unknown, type: unknown, emit: RuleScope['emit']) => void;
const chtConfTasks = requireFromRoot('cht-conf/src/nools/task-emitter') as ChtConfEmitter<TaskDefinition>;
const chtConfTargets = requireFromRoot('cht-conf/src/nools/target-emitter') as ChtConfEmitter<TargetDefinition>;
const PERMISSIONS = (JSON.parse(fs.readFileSync(path.join(ROOT, 'app_settings.json'), 'utf8')) as { permissions: Record<string, string[]> }).permissions;

/** Whose phone each workflow's tasks and targets are for. */
const AUDIENCE: Record<keyof typeof RULES, 'chw' | 'supervisor'> = { 'contact-tracing': 'chw', 'remote-training': 'supervisor', 'chw-wellbeing': 'supervisor' };

const TASKS = Object.values(RULES).flatMap((rules) => rules.tasks);
const TARGETS = Object.values(RULES).flatMap((rules) => rules.targets);

/** cht-conf binds a definition's functions in place (definition-preparation.js): give it a copy each time. */
function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copy(item)])) as T;
  return value;
}

interface Captured { c: ContactWithReports; scope: RuleScope; user: unknown; cht: unknown }
type Globals = { Utils?: unknown; user?: unknown; cht?: unknown; __emitterSpec?: (captured: Captured) => void };

/** Runs `each` for every contact of the phone inside CHT 4.11's rules engine, with the globals the rules read set as the engine sets them. */
async function forEachContact(caseload: Phone, each: (captured: Captured) => void): Promise<void> {
  const globals = globalThis as Globals;
  globals.__emitterSpec = (captured) => {
    globals.Utils = captured.scope.Utils;
    globals.user = captured.user;
    globals.cht = captured.cht;
    each(captured);
  };
  const rules = 'globalThis.__emitterSpec({ c: c, scope: { emit: emit, Task: Task, Target: Target, Utils: Utils }, user: user, cht: cht });';
  core.RulesEmitter.initialize({ rules, rulesAreDeclarative: true, taskSchedules: [], contact: caseload.user, chtScriptApi: scriptApi(caseload.roles, PERMISSIONS) });
  try {
    await core.RulesEmitter.getEmissionsFor(caseload.contacts, caseload.reports);
  } finally {
    core.RulesEmitter.shutdown();
    delete globals.__emitterSpec;
    delete globals.Utils;
    delete globals.user;
    delete globals.cht;
  }
}

describe("the phone's emitter emits what cht-conf 6.6.1's emitters emit", function () {
  this.timeout(120_000);

  it('serves every definition the workflows make (defineRules refuses the others)', () => {
    for (const definition of [...TASKS, ...TARGETS]) expect(unlikeChtConf(definition), 'name' in definition ? definition.name : definition.id).to.equal(undefined);
  });

  for (const role of ['chw', 'supervisor'] as const) {
    it(`the same tasks and targets, field by field, for every contact of a ${role}'s phone`, async () => {
      const now = Date.now();
      const caseload = phone(role, now);
      const emitted = { ours: [] as string[], chtConf: [] as string[] };
      const names = new Set<string>();
      // targets are dated "now": one clock for both
      await withFrozenClock(now, () => forEachContact(caseload, ({ c, scope }) => {
        for (const [side, run] of [
          ['ours', (s: RuleScope) => { for (const target of TARGETS) emitTarget(target, c, s); for (const task of TASKS) emitTask(task, c, s); }],
          ['chtConf', (s: RuleScope) => { chtConfTargets(copy(TARGETS), c, s.Utils, s.Target, s.emit); chtConfTasks(copy(TASKS), c, s.Utils, s.Task, s.emit); }],
        ] as const) {
          const out = emitted[side];
          run({ ...scope, emit: (kind, instance) => { out.push(canonical(kind, instance)); } });
        }
      }));
      for (const line of emitted.ours) names.add(/"_id":"[^"]*~([^"~]+)"/.exec(line)?.[1] ?? '');
      expect(emitted.ours).to.deep.equal(emitted.chtConf);
      // the comparison covers the role's definitions: every one of them emitted something here
      const expected = (Object.keys(RULES) as (keyof typeof RULES)[]).filter((workflow) => AUDIENCE[workflow] === role)
        .flatMap((workflow) => [...RULES[workflow].tasks.map((task) => task.name), ...RULES[workflow].targets.map((target) => target.id)]);
      expect(expected.filter((name) => !names.has(name)), `${role}: definitions that emitted nothing`).to.deep.equal([]);
    });
  }
});
