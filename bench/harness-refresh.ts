/**
 * A full rules-engine refresh through cht-conf-test-harness: the harness's CHT 4.11 rules engine
 * (`RulesEngineCore`) over its PouchDB document store, as `harness.getTasks()` drives it — the
 * engine starts, syncs the harness's documents into PouchDB, queries every contact and report,
 * runs the rules, and writes and reads back the task documents. Each refresh is made a full one
 * by changing the user's contact doc (a field the rules never read), which resets the engine's
 * state as a real settings or user change does. The rule set is switched in the harness's
 * settings between refreshes, so every set runs over the same store, in turns.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createHarness, realClock } from '../src/simulate/harness';
import { Phone } from './caseload';
import { RuleSet, RuleSetId } from './rule-sets';
import { median } from './stats';

export interface RefreshTiming {
  id: RuleSetId;
  runs: number[];
  median: number;
  /** Task documents the refresh returned (the same for every set). */
  tasks: number;
}

interface HarnessInternals {
  appSettings: { tasks: { rules: string } };
}

export async function harnessRefresh(sets: readonly RuleSet[], phone: Phone, rounds: number, log: (line: string) => void): Promise<RefreshTiming[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cht-rapidpro-bench-harness-'));
  try {
    const settingsPath = path.join(dir, 'app_settings.json');
    fs.copyFileSync(path.resolve(__dirname, '..', 'app_settings.json'), settingsPath);
    const harness = createHarness({ appSettingsPath: settingsPath, user: phone.user._id, userRoles: phone.roles, subject: phone.user._id });
    const internals = harness as unknown as HarnessInternals;
    harness.state.contacts.splice(0);
    harness.state.reports.splice(0);
    harness.pushMockedDoc(...phone.contacts.map((doc) => ({ ...doc })), ...phone.reports);
    const user = harness.state.contacts.find((doc) => doc._id === phone.user._id) as { bench_refresh?: number };
    let refresh = 0;
    const once = async (set: RuleSet): Promise<{ ms: number; tasks: number }> => {
      internals.appSettings.tasks.rules = set.rules;
      user.bench_refresh = ++refresh;
      const start = realClock.monotonic();
      const tasks = await harness.getTasks({ user: phone.user._id, userRoles: phone.roles, ownedBySubject: false });
      return { ms: realClock.monotonic() - start, tasks: tasks.length };
    };
    const start = realClock.monotonic();
    await once(sets[0]);
    log(`harness: ${phone.role} documents loaded into the harness's PouchDB and a first refresh in ${Math.round(realClock.monotonic() - start)} ms`);
    const times = new Map<RuleSetId, number[]>(sets.map((set) => [set.id, []]));
    const tasks = new Map<RuleSetId, number>();
    // one untimed round first: each set's first refresh after another's writes what changed
    for (let round = -1; round < rounds; round++) {
      for (let k = 0; k < sets.length; k++) {
        const set = sets[(k + Math.max(round, 0)) % sets.length];
        const result = await once(set);
        if (round < 0) continue;
        times.get(set.id)?.push(result.ms);
        tasks.set(set.id, result.tasks);
      }
    }
    return sets.map((set) => ({ id: set.id, runs: times.get(set.id) ?? [], median: median(times.get(set.id) ?? []), tasks: tasks.get(set.id) ?? 0 }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
