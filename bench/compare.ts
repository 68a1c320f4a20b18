/** Proves two rule sets agree on a caseload: same task ids with the same resolved state, same target pass/fail. */
import { Emissions, TargetEmission, TaskEmission } from './rules-runner';

export interface Comparison {
  same: boolean;
  tasks: number;
  targets: number;
  /** The first differences, for the report. */
  differences: string[];
}

const taskKey = (t: TaskEmission): string => `${t._id} resolved=${t.resolved} due=${t.date} priority=${t.priority ?? '-'}`;
const targetKey = (t: TargetEmission): string => `${t._id} type=${t.type} pass=${t.pass} group=${t.groupBy ?? '-'}`;

export function compareEmissions(ours: Emissions, theirs: Emissions, maxDifferences = 5): Comparison {
  const differences = [
    ...diff('task', ours.tasks.map(taskKey), theirs.tasks.map(taskKey)),
    ...diff('target', ours.targets.map(targetKey), theirs.targets.map(targetKey)),
  ];
  return { same: differences.length === 0, tasks: ours.tasks.length, targets: ours.targets.length, differences: differences.slice(0, maxDifferences) };
}

/** Multiset difference of two lists of keys, both ways. */
export function diff(kind: string, ours: string[], theirs: string[]): string[] {
  const counts = new Map<string, number>();
  for (const key of ours) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const key of theirs) counts.set(key, (counts.get(key) ?? 0) - 1);
  const out: string[] = [];
  for (const [key, count] of counts) {
    if (count > 0) out.push(`${kind} only in ours (x${count}): ${key}`);
    else if (count < 0) out.push(`${kind} only in baseline (x${-count}): ${key}`);
  }
  return out;
}
