/**
 * Which answers a run has settled.
 *
 * RapidPro saves a result when the contact replies at a wait, before the flow decides what the
 * reply means. Our flows re-ask when a reply matches no option: the training quiz goes to a second
 * wait that saves the same result again (`anc_q1` is "Other" while the run waits there), the
 * check-ins loop back to the same wait. A record built at that moment carries a value that is about
 * to be replaced, and the webhook later posts the real one under the same `rp_event_id` — which
 * sync's own de-duplication then makes impossible to correct.
 *
 * The rule: a run that has exited (completed, expired, interrupted, failed) has settled everything.
 * A run that has not exited waits at the last node of its `path`; every result that node may save
 * is still open. A record is settled when none of the results it reads is open.
 *
 * "May save" comes from RapidPro itself: `flows.json` lists, for each result of a flow, the
 * `node_uuids` of every node that saves it (goflow's flow inspection). That catches the training
 * quiz's second wait, which has never saved anything for this run yet; looking only at the nodes
 * that already saved a value (`values.<key>.node` in `runs.json`) would not. Both are used, so a
 * server that does not list `node_uuids` still gets the same-node case right.
 *
 * Why not "the run has passed the webhook that posts it"? Node UUIDs in a workspace are not the
 * export's (RapidPro gives imported flows new UUIDs), so sync cannot tell which node is the webhook;
 * `path` and `node_uuids` come from the same workspace and need no such mapping.
 */
import type { RapidProFlowResult, RapidProRun } from '../rapidpro/client/types';

/** Results a run may still overwrite: `'all'` when it cannot be told (no path), empty when it has exited. */
export type OpenResults = ReadonlySet<string> | 'all';

export function openResults(run: RapidProRun, flowResults: readonly RapidProFlowResult[] = []): OpenResults {
  if (run.exited_on || run.exit_type) return new Set();
  const path = run.path;
  if (!path || path.length === 0) return 'all';
  const current = path[path.length - 1].node;
  const open = new Set<string>();
  for (const result of flowResults) if (result.node_uuids?.includes(current)) open.add(result.key);
  for (const [key, value] of Object.entries(run.values ?? {})) if (value?.node === current) open.add(key);
  return open;
}

/**
 * Whether a record reading `reads` is settled. Without `reads` (a source that does not say what
 * it reads) the record is taken to read everything: it waits while any result is open.
 */
export function isSettled(open: OpenResults, reads: readonly string[] | undefined): boolean {
  if (open === 'all') return false;
  if (open.size === 0) return true;
  if (!reads) return false;
  return !reads.some((key) => open.has(key));
}
