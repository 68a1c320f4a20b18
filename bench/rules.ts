/**
 * The rules benchmark on CHT 4.11's code path (./engine-node.ts, ./engine-chromium.ts): for each
 * role's phone, every rule set first runs once on a frozen clock to prove it emits exactly what
 * ours emits, then the rule sets are timed in turns (each run a rules-engine start and a full
 * recalculation, the order rotated from run to run, a garbage collection before each), and the
 * medians compared. The floor is fed what ours emitted (./baselines/floor).
 */
import { FloorEmission, FloorTable } from './baselines/floor/table';
import { Phone } from './caseload';
import { withFrozenClock } from './clock';
import { Canonical, canonicalize, compareEmissions, fingerprint } from './compare';
import { RawEmissions, emitOnce } from './engine-node';
import { RuleSet, RuleSetId } from './rule-sets';
import { median } from './stats';

export interface Agreement {
  id: RuleSetId;
  same: boolean;
  differences: string[];
}

/** One phone's check: every rule set's emissions against ours, and the floor's table. */
export interface Checked {
  ours: Canonical;
  fingerprint: string;
  tasks: number;
  targets: number;
  agreements: Agreement[];
  floor: FloorTable;
}

export interface Timing {
  id: RuleSetId;
  /** Every run, ms. */
  runs: number[];
  median: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

export function setFloor(table: FloorTable | undefined): void {
  (globalThis as { __rulesBenchFloor?: FloorTable }).__rulesBenchFloor = table;
}

/** Runs every set once on a frozen clock and compares its emissions with ours. */
export async function check(sets: readonly RuleSet[], phone: Phone, permissions: Record<string, string[]>, now: number): Promise<Checked> {
  const ours = sets.find((set) => set.id === 'ours');
  if (!ours) throw new Error('no "ours" rule set');
  const oursRaw = await withFrozenClock(now, async () => (await emitOnce(ours.rules, phone, permissions)).emissions);
  const oursCanonical = canonicalize(oursRaw);
  const floor = floorTable(oursRaw);
  const agreements: Agreement[] = [];
  for (const set of sets) {
    if (set.id === 'ours' || set.id === 'chtOnly') continue;
    setFloor(set.id === 'floor' ? floor : undefined);
    const raw = await withFrozenClock(now, async () => (await emitOnce(set.rules, phone, permissions)).emissions);
    setFloor(undefined);
    const comparison = compareEmissions(oursCanonical, canonicalize(raw));
    agreements.push({ id: set.id, same: comparison.same, differences: comparison.differences });
  }
  return { ours: oursCanonical, fingerprint: fingerprint(oursCanonical), tasks: oursRaw.tasks.length, targets: oursRaw.targets.length, agreements, floor };
}

/** One thing to time: a rule set on a phone (the floor with the table of what ours emitted there). */
export interface Entry {
  key: string;
  set: RuleSet;
  phone: Phone;
  floor?: FloorTable;
}

/**
 * Times the entries in turns, `rounds` times each after one warm-up round, the order rotated from
 * round to round and a garbage collection before each run: what each round measures, it measures
 * for every entry under the same load. Returns every run, by key, in round order.
 */
export async function timeInTurns(entries: readonly Entry[], permissions: Record<string, string[]>, rounds: number): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>(entries.map((entry) => [entry.key, []]));
  for (let round = -1; round < rounds; round++) {
    for (let k = 0; k < entries.length; k++) {
      const entry = entries[(k + Math.max(round, 0)) % entries.length];
      setFloor(entry.set.id === 'floor' ? entry.floor : undefined);
      if (gc) gc();
      const { ms } = await emitOnce(entry.set.rules, entry.phone, permissions);
      setFloor(undefined);
      if (round >= 0) times.get(entry.key)?.push(ms);
    }
  }
  return times;
}

/** Times the sets on one phone in turns (`timeInTurns`). */
export async function time(sets: readonly RuleSet[], phone: Phone, permissions: Record<string, string[]>, floor: FloorTable, runs: number): Promise<Timing[]> {
  const times = await timeInTurns(sets.map((set) => ({ key: set.id, set, phone, floor })), permissions, runs);
  return sets.map((set) => {
    const runsOf = times.get(set.id) ?? [];
    return { id: set.id, runs: runsOf, median: median(runsOf) };
  });
}

/** What ours emitted, by contact and report, for the floor to emit again. */
export function floorTable(emissions: RawEmissions): FloorTable {
  const table: FloorTable = {};
  const entryOf = (contactId: string) => (table[contactId] ??= { contact: [], reports: {} });
  const add = (contactId: string, reportId: string | undefined, emission: FloorEmission): void => {
    const entry = entryOf(contactId);
    if (reportId === undefined) entry.contact.push(emission);
    else (entry.reports[reportId] ??= []).push(emission);
  };
  for (const task of emissions.tasks) {
    const contactId = (task.doc as { contact: { _id: string } }).contact._id;
    const actions = (task.actions as { type: string; form: string; label: string; content: Record<string, unknown> }[]).map((action) => {
      const content: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(action.content)) if (key !== 'contact') content[key] = value;
      return { type: action.type, form: action.form, label: action.label, content };
    });
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(task)) if (key !== 'doc' && key !== 'contact') fields[key] = value;
    fields.date = (task.date as Date).getTime();
    fields.actions = actions;
    const source = actions[0]?.content.source_id as string | undefined;
    add(contactId, source === contactId ? undefined : source, { kind: 'task', fields });
  }
  for (const target of emissions.targets) {
    const contactId = (target.contact as { _id: string })._id;
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(target)) if (key !== 'contact') fields[key] = value;
    const id = String(target._id);
    const instance = id.slice(0, id.length - String(target.type).length - 1);
    add(contactId, instance === contactId ? undefined : instance, { kind: 'target', fields });
  }
  return table;
}
