/**
 * `npm run bench`: the performance figures, on the code path the phone runs.
 *
 * - Rules: the compiled `tasks.rules` of app_settings.json through CHT 4.11's rules emitter (a
 *   rules-engine start and a full recalculation: `new Function(…)` evaluated once per contact), in
 *   Node and in the harness's Chromium, on a CHW's phone and on a supervisor's phone, against
 *   real-app-style baselines and the floor (./rules.ts), then as contacts accumulate reports
 *   (15, 60, 240 per contact); and a full refresh through the harness's rules engine.
 * - The phone bundle's size, the build with nothing changed, `sync`'s speed and memory.
 *
 * Every budget is a ratio measured in the same run (runs in turns, medians), printed with its
 * margin. `--strict` exits 1 when a budget fails; `--quick` runs fewer rounds (a smoke check,
 * not figures); `--readme` puts the printed figures in README.md's performance section.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runBuildBench } from './build-bench';
import { CHT_ROLES, Phone, Role, phone, tier } from './caseload';
import { canonicalize, compareEmissions, fingerprint } from './compare';
import { ChromiumSession, chromium } from './engine-chromium';
import { harnessRefresh } from './harness-refresh';
import { LABELS, RuleSet, RuleSetId, ruleSets } from './rule-sets';
import { Checked, Entry, Timing, check, time, timeInTurns } from './rules';
import { Budget, mb, median, ms, ratio, table, us } from './stats';
import { syncOnce } from './sync-bench';

const BUDGET = {
  /** Ours at most half the best real-app-style baseline. */
  vsBaseline: 0.5,
  /** Ours at most 3× the floor. */
  vsFloor: 3,
  /** The cost per report at 240 reports per contact at most 1.2× the cost at 15. */
  perReportGrowth: 1.2,
  /** Bytes (KB = 1,000 bytes). */
  tasksRules: 25_000,
  contactSummary: 20_000,
  /** A rebuild with nothing changed (tsc -b and build) at most this share of a full build. */
  rebuildShare: 0.2,
  /** Peak memory at 100k runs at most 1.5× the peak at 10k. */
  syncMemory: 1.5,
};

const ROLES: Role[] = ['chw', 'supervisor'];
const PHONE_NAMES: Record<Role, string> = { chw: "CHW's phone", supervisor: "supervisor's phone" };
const TIERS = [15, 60, 240];
const TIER_REPORTS = 6000;
const BASELINES: RuleSetId[] = ['configCovid', 'postOps'];

interface Options {
  quick: boolean;
  /** Rounds of ours, the floor and CHT only (the floor budget). */
  floorRounds: number;
  /** Rounds of ours and the baselines. */
  baselineRounds: number;
  tierRounds: number;
  /** Chromium's runs are short (5–30 ms) and its clock coarse: more rounds for the same steadiness. */
  chromiumFloorRounds: number;
  chromiumTierRounds: number;
  harnessRounds: number;
}

async function main(argv: string[]): Promise<number> {
  const strict = argv.includes('--strict');
  const quick = argv.includes('--quick');
  const readme = argv.includes('--readme');
  const options: Options = quick
    ? { quick, floorRounds: 3, baselineRounds: 2, tierRounds: 2, chromiumFloorRounds: 3, chromiumTierRounds: 3, harnessRounds: 1 }
    : { quick, floorRounds: 15, baselineRounds: 5, tierRounds: 15, chromiumFloorRounds: 45, chromiumTierRounds: 25, harnessRounds: 3 };
  const root = path.resolve(__dirname, '..');
  const log = (line: string): void => { process.stderr.write(`  … ${line}\n`); };
  const started = performance.now();
  const budgets: Budget[] = [];
  const settings = JSON.parse(fs.readFileSync(path.join(root, 'app_settings.json'), 'utf8')) as { tasks: { rules: string }; contact_summary: string; permissions: Record<string, string[]> };
  const permissions = settings.permissions;
  const now = Date.now();

  log('compiling the baselines and the floor with cht-conf');
  const sets = await ruleSets(settings);
  const byId = (id: RuleSetId): RuleSet => sets.find((set) => set.id === id) as RuleSet;
  const phones = Object.fromEntries(ROLES.map((role) => [role, phone(role, now)])) as Record<Role, Phone>;
  const tiers = Object.fromEntries(ROLES.map((role) => [role, TIERS.map((n) => tier(role, n, TIER_REPORTS, now))])) as Record<Role, Phone[]>;

  // ---------------------------------------------------------------- rules, Node
  const checked = new Map<Phone, Checked>();
  print(`RULES in Node ${process.version}: CHT 4.11's rules emitter (cht-conf-test-harness's cht-core 4.11 bundle), a rules-engine start and a full recalculation per run`);
  for (const role of ROLES) {
    const p = phones[role];
    const result = await check(sets, p, permissions, now);
    checked.set(p, result);
    agreement(budgets, `node, ${PHONE_NAMES[role]}`, result);
    const floorRuns = await time([byId('ours'), byId('floor'), byId('chtOnly')], p, permissions, result.floor, options.floorRounds);
    const baselineRuns = await time([byId('ours'), ...BASELINES.map(byId)], p, permissions, result.floor, options.baselineRounds);
    log(`node ${role}: ${summary([...floorRuns, ...baselineRuns.slice(1)])}`);
    report(`${PHONE_NAMES[role]} (${p.description}; ${p.contacts.length} contacts, ${p.reports.length} reports; ${result.tasks} tasks, ${result.targets} targets emitted; medians of ${options.floorRounds} and ${options.baselineRounds} runs)`, p, floorRuns, baselineRuns);
    ratioBudgets(budgets, `node, ${PHONE_NAMES[role]}`, floorRuns, baselineRuns);
  }
  for (const role of ROLES) {
    for (const p of tiers[role]) {
      const result = await check(sets, p, permissions, now);
      checked.set(p, result);
      agreement(budgets, `node, ${role}, ${perContact(p)} reports per contact`, result);
    }
    // every tier in the same rounds: the cost per report is compared between runs under the same load
    const entry = (p: Phone, id: RuleSetId): Entry => ({ key: `${id}@${tiers[role].indexOf(p)}`, set: byId(id), phone: p, floor: (checked.get(p) as Checked).floor });
    const runs = await timeInTurns(tiers[role].flatMap((p) => [entry(p, 'ours'), entry(p, 'floor')]), permissions, options.tierRounds);
    const baselineRuns = await timeInTurns(tiers[role].flatMap((p) => BASELINES.map((id) => entry(p, id))), permissions, Math.max(1, Math.ceil(options.tierRounds / 3)));
    const medianOf = (id: RuleSetId, p: Phone): number => median((id === 'ours' || id === 'floor' ? runs : baselineRuns).get(`${id}@${tiers[role].indexOf(p)}`) ?? []);
    tierTable(`${PHONE_NAMES[role]}, Node`, tiers[role], [...BASELINES, 'floor', 'ours'], medianOf, options.tierRounds);
    perReportBudget(budgets, `node, ${role}`, tiers[role], runs);
  }

  // ---------------------------------------------------------------- rules, Chromium
  log('starting the harness\'s Chromium');
  const session = await chromium();
  try {
    print(`\nRULES in ${session.version} (the harness's browser; Android WebView is Chromium): the same emitter code, loaded in a page`);
    for (const set of sets) await session.loadRules(set.id, set.rules);
    await session.setPermissions(permissions);
    for (const role of ROLES) {
      const p = phones[role];
      const result = checked.get(p) as Checked;
      await session.loadPhone(role, p, result.floor);
      await chromiumAgreement(budgets, session, role, `chromium, ${PHONE_NAMES[role]}`, result, sets, now);
      const floorRuns = timings(await chromiumInTurns(session, ['ours', 'floor', 'chtOnly'].map((id) => ({ key: id, setId: id, phoneId: role })), options.chromiumFloorRounds));
      const baselineRuns = timings(await chromiumInTurns(session, ['ours', ...BASELINES].map((id) => ({ key: id, setId: id, phoneId: role })), options.baselineRounds));
      log(`chromium ${role}: ${summary([...floorRuns, ...baselineRuns.slice(1)])}`);
      report(`${PHONE_NAMES[role]} (medians of ${options.chromiumFloorRounds} and ${options.baselineRounds} runs)`, p, floorRuns, baselineRuns);
      ratioBudgets(budgets, `chromium, ${PHONE_NAMES[role]}`, floorRuns, baselineRuns);
    }
    for (const role of ROLES) {
      const ids = tiers[role].map((p, i) => `${role}@${i}`);
      for (const [i, p] of tiers[role].entries()) await session.loadPhone(ids[i], p, (checked.get(p) as Checked).floor);
      const runs = await chromiumInTurns(session, tiers[role].flatMap((_p, i) => ['ours', 'floor'].map((id) => ({ key: `${id}@${i}`, setId: id, phoneId: ids[i] }))), options.chromiumTierRounds);
      const medianOf = (id: RuleSetId, p: Phone): number => median(runs.get(`${id}@${tiers[role].indexOf(p)}`) ?? []);
      tierTable(`${PHONE_NAMES[role]}, Chromium`, tiers[role], ['floor', 'ours'], medianOf, options.chromiumTierRounds);
      perReportBudget(budgets, `chromium, ${role}`, tiers[role], runs);
    }
  } finally {
    await session.close();
  }

  // ---------------------------------------------------------------- a refresh through the harness
  print(`\nREFRESH through cht-conf-test-harness's rules engine over its PouchDB (harness.getTasks(), a full recalculation; medians of ${options.harnessRounds})`);
  const refreshRows: string[][] = [['', ...ROLES.map((role) => PHONE_NAMES[role]), '× ours']];
  const refresh = new Map<Role, Timing[]>();
  for (const role of ROLES) refresh.set(role, await harnessRefresh([byId('ours'), ...BASELINES.map(byId)], phones[role], options.harnessRounds, log));
  for (const id of ['ours', ...BASELINES] as RuleSetId[]) {
    const cells = ROLES.map((role) => ms(((refresh.get(role) as Timing[]).find((t) => t.id === id) as Timing).median));
    const vs = ROLES.map((role) => {
      const runs = refresh.get(role) as Timing[];
      return ratio((runs.find((t) => t.id === id) as Timing).median / (runs.find((t) => t.id === 'ours') as Timing).median);
    });
    refreshRows.push([LABELS[id], ...cells, vs.join(', ')]);
  }
  print(table(refreshRows));

  // ---------------------------------------------------------------- bundle size
  const sizes = { tasksRules: Buffer.byteLength(settings.tasks.rules), contactSummary: Buffer.byteLength(settings.contact_summary) };
  const baselineSizes = BASELINES.map((id) => `${LABELS[id]} ${kb(Buffer.byteLength(byId(id).rules))}`).join(', ');
  print(`\nPHONE BUNDLE (app_settings.json as cht-conf compiled it; KB = 1,000 bytes)`);
  print(table([
    ['tasks.rules', kb(sizes.tasksRules), `(cht-conf's own lib and emitters: ${kb(Buffer.byteLength(byId('chtOnly').rules))}; baselines: ${baselineSizes})`],
    ['contact_summary', kb(sizes.contactSummary), ''],
  ]));
  budgets.push(limit('bundle: tasks.rules', `< ${kb(BUDGET.tasksRules)}`, sizes.tasksRules, BUDGET.tasksRules, kb));
  budgets.push(limit('bundle: contact_summary', `< ${kb(BUDGET.contactSummary)}`, sizes.contactSummary, BUDGET.contactSummary, kb));

  // ---------------------------------------------------------------- build
  const buildRuns = options.quick ? 1 : 3;
  const build = runBuildBench(root, buildRuns, log);
  const full = median(build.fullMs);
  const rebuild = median(build.rebuildMs);
  print(`\nBUILD (tsc -b and cht-rapidpro build in a temporary copy of the project; medians of ${buildRuns})`);
  print(table([
    ['full (no dist/, build --force)', ms(full)],
    ['nothing changed', `${ms(rebuild)} (${Math.round((rebuild / full) * 100)}% of full; compile ${build.rebuildSkippedCompile ? 'skipped' : 'NOT skipped'}, forms ${build.rebuildSkippedForms ? 'skipped' : 'NOT skipped'})`],
  ]));
  budgets.push({
    name: 'build: nothing changed',
    rule: `≤ ${BUDGET.rebuildShare * 100}% of a full build, compile and forms skipped`,
    measured: `${Math.round((rebuild / full) * 100)}%${margin(rebuild / full, BUDGET.rebuildShare)}`,
    pass: build.rebuildSkippedForms && build.rebuildSkippedCompile && rebuild <= full * BUDGET.rebuildShare,
  });

  // ---------------------------------------------------------------- sync
  const small = 10_000;
  const large = options.quick ? 50_000 : 100_000;
  const syncSmall = await syncOnce(small);
  log(`sync: ${small} runs in ${ms(syncSmall.ms)}`);
  const syncLarge = await syncOnce(large);
  log(`sync: ${large} runs in ${ms(syncLarge.ms)}`);
  print('\nSYNC (contact-tracing check-in runs → RP_SYMPTOMS records, fake RapidPro and CHT on 127.0.0.1, sync in a child process)');
  print(table([
    ['runs', 'time', 'runs/s', 'peak RSS', 'peak heap'],
    ...[syncSmall, syncLarge].map((s) => [String(s.runs), ms(s.ms), String(Math.round(s.runs / (s.ms / 1000))), mb(s.peakRssBytes), mb(s.peakHeapBytes)]),
  ]));
  const memoryRatio = syncLarge.peakRssBytes / syncSmall.peakRssBytes;
  budgets.push({ name: 'sync: flat memory', rule: `peak RSS at ${large / 1000}k ≤ ${BUDGET.syncMemory}× at ${small / 1000}k`, measured: `${ratio(memoryRatio)}${margin(memoryRatio, BUDGET.syncMemory)}`, pass: memoryRatio <= BUDGET.syncMemory });

  // ---------------------------------------------------------------- budgets
  print('\nBUDGETS (margin: how far under its limit the figure is)');
  print(table(budgets.map((b) => [b.pass ? 'PASS' : 'FAIL', b.name, b.rule, `measured ${b.measured}`])));
  print(`\n(npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}: ${ms(performance.now() - started)}, ${new Date().toISOString().slice(0, 10)}, ${CHT_ROLES.chw}/${CHT_ROLES.supervisor} phones)`);
  const failed = budgets.filter((b) => !b.pass).length;
  if (readme) writeReadme(root, quick, failed);
  return strict && failed ? 1 : 0;
}

// ------------------------------------------------------------------ helpers

/** Everything the run printed on stdout, for `--readme`. */
const printed: string[] = [];

function print(text: string): void {
  printed.push(text);
  console.log(text);
}

const README_START = '<!-- npm run bench -- --readme: from here -->';
const README_END = '<!-- npm run bench -- --readme: to here -->';

/** `--readme`: the figures this run printed replace those between the README's two markers. */
function writeReadme(root: string, quick: boolean, failed: number): void {
  const file = path.join(root, 'README.md');
  if (quick || failed) {
    process.stderr.write(`bench: README.md left as it was (${quick ? '--quick runs are not figures' : `${failed} budget(s) failed`})\n`);
    return;
  }
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) {
    process.stderr.write(`bench: README.md has no "${README_START}" … "${README_END}" block; add both markers where the figures go\n`);
    return;
  }
  const block = `${README_START}\n\`\`\`\n${printed.join('\n').trim()}\n\`\`\`\n`;
  const next = text.slice(0, start) + block + text.slice(end);
  const temp = `${file}.bench-${process.pid}`;
  fs.writeFileSync(temp, next);
  fs.renameSync(temp, file);
  process.stderr.write('bench: README.md figures replaced\n');
}

const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;

function margin(measured: number, limitValue: number): string {
  return ` (margin ${Math.round((1 - measured / limitValue) * 100)}%)`;
}

function limit(name: string, rule: string, measured: number, limitValue: number, format: (value: number) => string): Budget {
  return { name, rule, measured: `${format(measured)}${margin(measured, limitValue)}`, pass: measured < limitValue };
}

function summary(timings: Timing[]): string {
  return timings.map((t) => `${t.id} ${t.runs.map((run) => run.toFixed(0)).join('/')} ms`).join('; ');
}

/** The median of the per-round ratios a/b (runs taken in the same round). */
function pairedRatio(a: Timing, b: Timing): number {
  const ratios = a.runs.map((run, i) => run / b.runs[i]).filter((value) => Number.isFinite(value));
  return median(ratios);
}

function report(title: string, p: Phone, floorRuns: Timing[], baselineRuns: Timing[]): void {
  const ours = floorRuns[0];
  const rows: string[][] = [['', 'median', 'per contact', 'per report', '× ours']];
  const row = (t: Timing, vs: number): string[] => [LABELS[t.id], ms(t.median), us(t.median / p.contacts.length), us(t.median / p.reports.length), ratio(vs)];
  rows.push(row(ours, 1));
  for (const t of baselineRuns.slice(1)) rows.push(row(t, 1 / pairedRatio(baselineRuns[0], t)));
  for (const t of floorRuns.slice(1)) rows.push(row(t, 1 / pairedRatio(ours, t)));
  print(`\n${title}`);
  print(table(rows));
}

function ratioBudgets(budgets: Budget[], where: string, floorRuns: Timing[], baselineRuns: Timing[]): void {
  const [ours, floor] = floorRuns;
  const vsBaselines = baselineRuns.slice(1).map((t) => ({ t, value: pairedRatio(baselineRuns[0], t) }));
  const best = vsBaselines.reduce((a, b) => (b.value > a.value ? b : a));
  budgets.push({
    name: `rules (${where}): ours vs best baseline`,
    rule: `ours ≤ ${BUDGET.vsBaseline}× ${LABELS[best.t.id]}`,
    measured: `${ratio(best.value)}${margin(best.value, BUDGET.vsBaseline)}`,
    pass: best.value <= BUDGET.vsBaseline,
  });
  const vsFloor = pairedRatio(ours, floor);
  budgets.push({ name: `rules (${where}): ours vs floor`, rule: `ours ≤ ${BUDGET.vsFloor}× the floor`, measured: `${ratio(vsFloor)}${margin(vsFloor, BUDGET.vsFloor)}`, pass: vsFloor <= BUDGET.vsFloor });
}

/** Reports per contact of a tier (its subjects: every contact but the user). */
const perContact = (p: Phone): number => Math.round(p.reports.length / (p.contacts.length - 1));

function tierTable(title: string, caseloads: readonly Phone[], ids: RuleSetId[], medianOf: (id: RuleSetId, p: Phone) => number, rounds: number): void {
  const rows: string[][] = [['reports per contact', 'contacts', ...ids.map((id) => `${LABELS[id]} per report`), 'ours per contact']];
  for (const p of caseloads) {
    rows.push([String(perContact(p)), String(p.contacts.length - 1), ...ids.map((id) => us(medianOf(id, p) / p.reports.length)), us(medianOf('ours', p) / (p.contacts.length - 1))]);
  }
  print(`\nas reports accumulate: ${title} (${caseloads[0].description.replace(/^\d+ /, '').replace(/\d+ /, 'N ')}; about ${TIER_REPORTS} reports in all; every size in the same rounds, medians of ${rounds}${ids.length > 2 ? ', baselines fewer' : ''})`);
  print(table(rows));
}

/** The cost per report at the largest tier over the smallest, round by round (both timed in the same round): the median. */
function perReportBudget(budgets: Budget[], where: string, caseloads: readonly Phone[], runs: Map<string, number[]>): void {
  const first = caseloads[0];
  const last = caseloads[caseloads.length - 1];
  const small = runs.get(`ours@0`) ?? [];
  const large = runs.get(`ours@${caseloads.length - 1}`) ?? [];
  const growth = median(large.map((ms, i) => (ms / last.reports.length) / (small[i] / first.reports.length)));
  budgets.push({
    name: `rules (${where}): cost per report`,
    rule: `at ${perContact(last)} reports per contact ≤ ${BUDGET.perReportGrowth}× at ${perContact(first)}`,
    measured: `${ratio(growth)}${margin(growth, BUDGET.perReportGrowth)}`,
    pass: growth <= BUDGET.perReportGrowth,
  });
}

function agreement(budgets: Budget[], where: string, result: Checked): void {
  const disagree = result.agreements.filter((a) => !a.same);
  for (const a of disagree) for (const difference of a.differences) process.stderr.write(`  ! ${where}: ${LABELS[a.id]} ${difference.slice(0, 600)}\n`);
  budgets.push({
    name: `rules (${where}): same emissions`,
    rule: 'baselines and floor emit exactly what ours emits',
    measured: disagree.length ? `differ: ${disagree.map((a) => LABELS[a.id]).join(', ')}` : `yes (${result.tasks} tasks, ${result.targets} targets, ${result.fingerprint})`,
    pass: !disagree.length,
  });
}

async function chromiumAgreement(budgets: Budget[], session: ChromiumSession, phoneId: string, where: string, result: Checked, sets: readonly RuleSet[], now: number): Promise<void> {
  const differ: string[] = [];
  for (const set of sets) {
    if (set.id === 'chtOnly') continue;
    const run = await session.run(set.id, phoneId, now);
    const canonical = canonicalize(run.emissions as { tasks: object[]; targets: object[] });
    const comparison = compareEmissions(result.ours, canonical);
    if (!comparison.same) {
      differ.push(LABELS[set.id]);
      for (const difference of comparison.differences) process.stderr.write(`  ! ${where}: ${LABELS[set.id]} ${difference.slice(0, 600)}\n`);
    }
  }
  budgets.push({
    name: `rules (${where}): same emissions`,
    rule: 'every set emits in Chromium exactly what ours emits in Node',
    measured: differ.length ? `differ: ${differ.join(', ')}` : `yes (${fingerprint(result.ours)})`,
    pass: !differ.length,
  });
}

/** `timeInTurns` in the page: rounds of every entry, the order rotated, a garbage collection before each run. */
async function chromiumInTurns(session: ChromiumSession, entries: { key: string; setId: string; phoneId: string }[], rounds: number): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>(entries.map((entry) => [entry.key, []]));
  for (let round = -1; round < rounds; round++) {
    for (let k = 0; k < entries.length; k++) {
      const entry = entries[(k + Math.max(round, 0)) % entries.length];
      const { ms: took } = await session.run(entry.setId, entry.phoneId);
      if (round >= 0) times.get(entry.key)?.push(took);
    }
  }
  return times;
}

/** Timings by rule set, from runs keyed by set id. */
function timings(runs: Map<string, number[]>): Timing[] {
  return [...runs].map(([id, values]) => ({ id: id as RuleSetId, runs: values, median: median(values) }));
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
