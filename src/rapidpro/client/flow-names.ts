import { RapidProFlow } from './types';
import { levenshtein } from '../../util/levenshtein';

/** How one flow name resolved in a workspace. */
export type FlowNameMatch =
  | { status: 'found'; flow: RapidProFlow }
  | { status: 'missing'; closeNames: string[] }
  /** Several active flows share the name: picking one would be a guess. */
  | { status: 'ambiguous'; uuids: string[] };

/**
 * Indexes a workspace's flows by exact name. Archived flows only count when no active flow has the
 * name, because re-importing an export leaves the archived copy behind.
 */
export class FlowDirectory {
  private readonly byName = new Map<string, RapidProFlow[]>();

  constructor(flows: Iterable<RapidProFlow>) {
    for (const flow of flows) {
      const list = this.byName.get(flow.name) ?? [];
      list.push(flow);
      this.byName.set(flow.name, list);
    }
  }

  match(name: string): FlowNameMatch {
    const all = this.byName.get(name) ?? [];
    const active = all.filter((flow) => !flow.archived);
    const candidates = active.length ? active : all;
    if (candidates.length === 1) return { status: 'found', flow: candidates[0] };
    if (candidates.length > 1) return { status: 'ambiguous', uuids: candidates.map((flow) => flow.uuid) };
    return { status: 'missing', closeNames: closeNames(name, [...this.byName.keys()]) };
  }
}

/** Up to three names that look like a typo, a case change or a "(copy)" of `wanted`. */
export function closeNames(wanted: string, names: readonly string[]): string[] {
  const target = wanted.toLowerCase();
  const limit = Math.max(2, Math.floor(target.length * 0.3));
  return names
    .map((name) => {
      const lower = name.toLowerCase();
      const contains = lower.includes(target) || target.includes(lower);
      return { name, distance: contains ? 0 : levenshtein(target, lower) };
    })
    .filter((candidate) => candidate.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((candidate) => candidate.name);
}
