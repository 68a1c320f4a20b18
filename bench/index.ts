/**
 * `npm run bench`: how fast the rules run on a phone-sized caseload (against a common-style
 * baseline, and as the caseload grows), how long a build takes, and how fast and how lean `sync`
 * is. Prints a table and a PASS/FAIL line per budget; exits 1 on a FAIL only with `--strict`.
 * `--quick` runs fewer repetitions and a 10k/50k sync (for a smoke check, not for figures).
 */
import * as path from 'path';
import { runBuildBench } from './build-bench';
import { runRulesBench } from './rules-bench';
import { Budget, mb, median, ms, ratio, table, us } from './stats';
import { syncOnce } from './sync-bench';

const BUDGET = {
  /** Ours at most as slow as the baseline. */
  rulesVsBaseline: 1,
  /** 4× the caseload at most 4.4× the time of 1×. */
  scaling4x: 4.4,
  /** A rebuild with nothing changed at most 20% of a full build. */
  rebuildShare: 0.2,
  /** Peak memory at 100k runs at most 1.5× the peak at 10k. */
  syncMemory: 1.5,
};

async function main(argv: string[]): Promise<number> {
  const strict = argv.includes('--strict');
  const quick = argv.includes('--quick');
  const root = path.resolve(__dirname, '..');
  const log = (line: string): void => { process.stderr.write(`  … ${line}\n`); };
  const budgets: Budget[] = [];
  const started = performance.now();

  // ---------------------------------------------------------------- rules
  const rules = runRulesBench(quick ? 3 : 5, log);
  const [one, two, four] = rules.scaling;
  const vsBaseline = rules.oursMs / rules.baselineMs;
  console.log('\nRULES (cht-conf task/target emitters, cht-core 4.11 Utils, supervisor user; median of ' + (quick ? 3 : 5) + ' runs)');
  console.log(`caseload: ${rules.contacts} contacts, ${rules.reports} reports`);
  console.log(`emissions: ${rules.taskEmissions} tasks (${rules.resolvedTasks} resolved), ${rules.targetEmissions} targets (${rules.passingTargets} passing)`);
  console.log(`baseline agrees: ${rules.comparison.same ? 'yes (same task ids, resolved flags, due dates, priorities; same target instances and pass/fail)' : `NO: ${rules.comparison.differences.join('; ')}`}`);
  console.log(table([
    ['', 'total', 'per contact', 'per report', 'vs 1×'],
    ['baseline 1×', ms(rules.baselineMs), us(rules.baselineMs / rules.contacts), us(rules.baselineMs / rules.reports), ''],
    ...rules.scaling.map((s) => [`ours ${s.factor}×`, ms(s.ms), us(s.ms / s.contacts), us(s.ms / s.reports), ratio(s.ms / one.ms)]),
  ]));
  console.log(`ours / baseline: ${ratio(vsBaseline)}`);
  budgets.push({ name: 'rules: ours ≤ baseline', rule: `ours/baseline ≤ ${BUDGET.rulesVsBaseline}`, measured: ratio(vsBaseline), pass: rules.comparison.same && vsBaseline <= BUDGET.rulesVsBaseline });
  budgets.push({ name: 'rules: linear scaling', rule: `4× caseload ≤ ${BUDGET.scaling4x}× time`, measured: `2×: ${ratio(two.ms / one.ms)}, 4×: ${ratio(four.ms / one.ms)}`, pass: four.ms / one.ms <= BUDGET.scaling4x });

  // ---------------------------------------------------------------- build
  const buildRuns = quick ? 1 : 3;
  const build = runBuildBench(root, buildRuns, log);
  const full = median(build.fullMs);
  const rebuild = median(build.rebuildMs);
  console.log(`\nBUILD (temporary copy of the project; median of ${buildRuns})`);
  console.log(table([
    ['build --force', ms(full)],
    ['build, nothing changed', `${ms(rebuild)} (${Math.round((rebuild / full) * 100)}% of full; forms ${build.rebuildSkippedForms ? 'skipped' : 'NOT skipped'})`],
  ]));
  budgets.push({ name: 'build: rebuild, nothing changed', rule: `≤ ${BUDGET.rebuildShare * 100}% of full build, forms skipped`, measured: `${Math.round((rebuild / full) * 100)}%`, pass: build.rebuildSkippedForms && rebuild <= full * BUDGET.rebuildShare });

  // ---------------------------------------------------------------- sync
  const small = quick ? 10_000 : 10_000;
  const large = quick ? 50_000 : 100_000;
  const syncSmall = await syncOnce(small);
  log(`sync: ${small} runs in ${ms(syncSmall.ms)}`);
  const syncLarge = await syncOnce(large);
  log(`sync: ${large} runs in ${ms(syncLarge.ms)}`);
  console.log('\nSYNC (contact-tracing check-in runs → RP_SYMPTOMS records, fake RapidPro and CHT on 127.0.0.1, sync in a child process)');
  console.log(table([
    ['runs', 'time', 'runs/s', 'peak RSS', 'peak heap'],
    ...[syncSmall, syncLarge].map((s) => [String(s.runs), ms(s.ms), String(Math.round(s.runs / (s.ms / 1000))), mb(s.peakRssBytes), mb(s.peakHeapBytes)]),
  ]));
  const memoryRatio = syncLarge.peakRssBytes / syncSmall.peakRssBytes;
  budgets.push({ name: 'sync: flat memory', rule: `peak RSS at ${large / 1000}k ≤ ${BUDGET.syncMemory}× at ${small / 1000}k`, measured: ratio(memoryRatio), pass: memoryRatio <= BUDGET.syncMemory });

  // ---------------------------------------------------------------- budgets
  console.log('\nBUDGETS');
  console.log(table(budgets.map((b) => [b.pass ? 'PASS' : 'FAIL', b.name, b.rule, `measured ${b.measured}`])));
  console.log(`\n(whole benchmark: ${ms(performance.now() - started)})`);
  const failed = budgets.filter((b) => !b.pass).length;
  return strict && failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
