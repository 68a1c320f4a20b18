/**
 * Proves rule sets emit the same: every task and target instance, field by field (the task's id,
 * due date, window, title, icon, priority, resolved state, contact, and each action's form, label
 * and what it passes to the form; the target instance's id, pass, group and date), compared as
 * multisets of canonical strings. The container (`doc`) and contact docs are compared by `_id`.
 */

/** One emission as a canonical string: keys sorted, dates as epoch ms, contacts by `_id`, `doc` left out. */
export function canonical(kind: 'task' | 'target', emission: object): string {
  return `${kind} ${stable(emission, true)}`;
}

function stable(value: unknown, top = false): string {
  if (value instanceof Date) return String(value.getTime());
  if (Array.isArray(value)) return `[${value.map((item) => stable(item)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key, item]) => item !== undefined && !(top && key === 'doc'))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${key === 'contact' && item && typeof item === 'object' && '_id' in item ? JSON.stringify((item as { _id: unknown })._id) : stable(item)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export interface Canonical {
  tasks: string[];
  targets: string[];
}

export function canonicalize(emissions: { tasks: object[]; targets: object[] }): Canonical {
  return {
    tasks: emissions.tasks.map((task) => canonical('task', task)),
    targets: emissions.targets.map((target) => canonical('target', target)),
  };
}

export interface Comparison {
  same: boolean;
  /** The first differences, for the report. */
  differences: string[];
}

export function compareEmissions(ours: Canonical, theirs: Canonical, maxDifferences = 5): Comparison {
  const differences = [...diff(ours.tasks, theirs.tasks), ...diff(ours.targets, theirs.targets)];
  return { same: differences.length === 0, differences: differences.slice(0, maxDifferences) };
}

/** Multiset difference of two lists of keys, both ways. */
export function diff(ours: string[], theirs: string[]): string[] {
  const counts = new Map<string, number>();
  for (const key of ours) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const key of theirs) counts.set(key, (counts.get(key) ?? 0) - 1);
  const out: string[] = [];
  for (const [key, count] of counts) {
    if (count > 0) out.push(`only in ours (x${count}): ${key}`);
    else if (count < 0) out.push(`only in the other (x${-count}): ${key}`);
  }
  return out;
}

/** A short fingerprint of a canonical emission set (FNV-1a over the sorted strings): compares runs in Chromium with Node. */
export function fingerprint(set: Canonical): string {
  let hash = 0x811c9dc5;
  for (const line of [...set.tasks].sort().concat([...set.targets].sort())) {
    for (let i = 0; i < line.length; i++) {
      hash ^= line.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    hash ^= 10;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${set.tasks.length}/${set.targets.length}/${hash.toString(16)}`;
}
