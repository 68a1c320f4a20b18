/**
 * The rules benchmark: the compiled workflows' tasks and targets against the common-style
 * baseline on the same caseload (after checking they emit the same), and at 1×, 2× and 4× the
 * caseload to check the cost grows linearly. Runs are interleaved so both see the same machine state.
 */
import * as fs from 'fs';
import * as path from 'path';
import { phoneRules as workflowRules } from '../src/phone/workflows';
import { baselineRules } from './baseline';
import { BASE_SIZE, Caseload, freshContainers, makeCaseload, scaled } from './caseload';
import { Comparison, compareEmissions } from './compare';
import { Emissions, RuleSet, RulesContext, emitAll, withRuleGlobals } from './rules-runner';
import { median } from './stats';

export const ours: RuleSet = {
  tasks: workflowRules.flatMap((rules) => rules.tasks),
  targets: workflowRules.flatMap((rules) => rules.targets),
};

export interface RulesResult {
  contacts: number;
  reports: number;
  taskEmissions: number;
  targetEmissions: number;
  resolvedTasks: number;
  passingTargets: number;
  oursMs: number;
  baselineMs: number;
  comparison: Comparison;
  /** Median ms of ours at 1×, 2×, 4×. */
  scaling: { factor: number; contacts: number; reports: number; ms: number }[];
}

function context(caseload: Caseload): RulesContext {
  const settings = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'app_settings.json'), 'utf8')) as { permissions?: Record<string, string[]> };
  return { user: caseload.supervisor, roles: ['chw_supervisor'], permissions: settings.permissions ?? {} };
}

function timeOnce(rules: RuleSet, caseload: Caseload, ctx: RulesContext): number {
  const containers = freshContainers(caseload);
  return withRuleGlobals(ctx, (utils) => {
    const start = performance.now();
    emitAll(rules, containers, utils);
    return performance.now() - start;
  });
}

function emissions(rules: RuleSet, caseload: Caseload, ctx: RulesContext): Emissions {
  const out: Emissions = { tasks: [], targets: [] };
  withRuleGlobals(ctx, (utils) => emitAll(rules, freshContainers(caseload), utils, out));
  return out;
}

export function runRulesBench(runs: number, log: (line: string) => void): RulesResult {
  const now = Date.now();
  const one = makeCaseload(BASE_SIZE, now);
  const ctx = context(one);
  log(`rules: caseload of ${one.containers.length} contacts, ${one.reportCount} reports`);

  const oursOut = emissions(ours, one, ctx);
  const baseOut = emissions(baselineRules, one, ctx);
  const comparison = compareEmissions(oursOut, baseOut);

  // warm both up, then interleave
  timeOnce(ours, one, ctx);
  timeOnce(baselineRules, one, ctx);
  const oursTimes: number[] = [];
  const baseTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    oursTimes.push(timeOnce(ours, one, ctx));
    baseTimes.push(timeOnce(baselineRules, one, ctx));
  }
  log(`rules: ours ${oursTimes.map((t) => t.toFixed(0)).join(', ')} ms; baseline ${baseTimes.map((t) => t.toFixed(0)).join(', ')} ms`);

  const scaling = [{ factor: 1, contacts: one.containers.length, reports: one.reportCount, ms: median(oursTimes) }];
  for (const factor of [2, 4]) {
    const big = makeCaseload(scaled(BASE_SIZE, factor), now);
    timeOnce(ours, big, ctx);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(timeOnce(ours, big, ctx));
    scaling.push({ factor, contacts: big.containers.length, reports: big.reportCount, ms: median(times) });
    log(`rules: ${factor}× ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  }

  return {
    contacts: one.containers.length,
    reports: one.reportCount,
    taskEmissions: oursOut.tasks.length,
    targetEmissions: oursOut.targets.length,
    resolvedTasks: oursOut.tasks.filter((t) => t.resolved).length,
    passingTargets: oursOut.targets.filter((t) => t.pass).length,
    oursMs: median(oursTimes),
    baselineMs: median(baseTimes),
    comparison,
    scaling,
  };
}
