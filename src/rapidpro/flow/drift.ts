/**
 * Does a workspace's flow differ from our export in a way that a re-import would strand contacts?
 *
 * RapidPro imports every flow definition through mailroom's `flow_clone` (`Flow.import_definition`
 * → goflow `migrations.Clone`), which gives every node, exit, category, case and action a new
 * random UUID — on the first import and on every re-import. A session waiting in a flow points at
 * the node it waits on; after a re-import that node no longer exists, and goflow fails the run on
 * the contact's next reply ("run is located at a flow node that no longer exists"). So a re-import
 * is never free: it should happen only when the flow really changed, when few contacts wait in it.
 *
 * This compares the definitions as RapidPro's `GET /api/v2/definitions.json` returns them (the
 * workspace's current revision, migrated to its engine's spec) with our exports, ignoring what an
 * import itself changes: UUIDs (compared by the flow's shape instead), the editor layout,
 * `revision`, `spec_version`, and the webhook split routers the 14.1 and 14.4.x migrations rewrite.
 * Group, flow and field references are compared by name and key: their UUIDs differ per workspace.
 * It also reports a flow whose type changed, which an import does not update but duplicates
 * (`Flow.import_flows` matches an existing flow by name and type).
 */
import { FlowDefinition, RapidProExport } from './types';

export type DriftStatus =
  /** Not in the workspace: importing creates it; nobody can be waiting in it. */
  | 'missing'
  /** The same flow: nothing to import. */
  | 'same'
  /** Different: importing replaces it, and every contact waiting in it fails on their next reply. */
  | 'changed'
  /** In the workspace with another type: importing creates a second flow ("Name 2") beside the old one. */
  | 'type-changed';

export interface FlowDrift {
  flow: string;
  status: DriftStatus;
  /** The first differences found, as paths in our flow's shape, e.g. `node 3 (wait "fever"): router.cases[1].arguments`. */
  differences: string[];
  /**
   * The waits of the workspace's flow, where contacts can be waiting now; after a re-import, each
   * of them fails on their next reply. Empty unless the flow changed.
   */
  strandedWaits: string[];
  /** The flow's type in the workspace, when it differs from the export's. */
  workspaceType?: string;
}

/** At most this many differences are listed per flow. */
const MAX_DIFFERENCES = 5;

/** Compares each flow of `ours` with the flow of the same name in `workspace` (a `definitions.json` export). */
export function compareWithWorkspace(workspace: Pick<RapidProExport, 'flows'>, ours: Pick<RapidProExport, 'flows'>): FlowDrift[] {
  return ours.flows.map((flow) => {
    const theirs = workspace.flows.find((candidate) => (candidate.name ?? '').toLowerCase() === flow.name.toLowerCase());
    if (!theirs) return { flow: flow.name, status: 'missing', differences: [], strandedWaits: [] };
    if (theirs.type !== flow.type) {
      return { flow: flow.name, status: 'type-changed', differences: [`type: workspace ${theirs.type}, export ${flow.type}`], strandedWaits: [], workspaceType: theirs.type };
    }
    const differences = diff(shapeOf(theirs), shapeOf(flow), '', []);
    if (differences.length === 0) return { flow: flow.name, status: 'same', differences: [], strandedWaits: [] };
    return { flow: flow.name, status: 'changed', differences: differences.slice(0, MAX_DIFFERENCES).map((path) => describePath(path, flow)), strandedWaits: waitsOf(theirs) };
  });
}

/** One line per flow a deploy should warn about (changed or type-changed), or nothing. */
export function driftWarnings(drifts: readonly FlowDrift[]): string[] {
  return drifts.flatMap((drift) => {
    if (drift.status === 'changed') {
      return [`flow "${drift.flow}" differs from the export (${drift.differences.join('; ')}): re-importing it gives every node a new UUID, so contacts waiting at ${drift.strandedWaits.length ? drift.strandedWaits.join(', ') : 'its waits'} fail on their next reply — import when few are waiting (see rapidpro/README.md, "Upgrading")`];
    }
    if (drift.status === 'type-changed') {
      return [`flow "${drift.flow}" is a ${drift.workspaceType ?? 'different'} flow in the workspace: importing creates a second flow beside it — archive or rename the old one first (see rapidpro/README.md, "Upgrading")`];
    }
    return [];
  });
}

type Shape = unknown;

/** The flow without what every import changes, its UUIDs replaced by positions in a walk from the entry node. */
export function shapeOf(flow: FlowDefinition): Shape {
  const nodes = flow.nodes ?? [];
  const order = walk(flow);
  const index = new Map(order.map((node, i) => [node.uuid, i]));
  const names = new Map<string, string>();
  order.forEach((node, i) => {
    names.set(node.uuid, `n${i}`);
    (node.actions ?? []).forEach((action, j) => names.set(action.uuid, `n${i}.a${j}`));
    (node.exits ?? []).forEach((exit, j) => names.set(exit.uuid, `n${i}.e${j}`));
    for (const category of node.router?.categories ?? []) names.set(category.uuid, `n${i}.c:${category.name}`);
    (node.router?.cases ?? []).forEach((c, j) => names.set(c.uuid, `n${i}.k${j}`));
  });
  const localization = Object.fromEntries(Object.entries(flow.localization ?? {}).map(([language, items]) => [
    language,
    Object.fromEntries(Object.entries(items).map(([uuid, item]) => [names.get(uuid) ?? `unknown:${uuid}`, item]).sort(([a], [b]) => (a < b ? -1 : 1))),
  ]));
  return {
    type: flow.type,
    language: flow.language,
    expire_after_minutes: flow.expire_after_minutes ?? 0,
    nodes: order.map((node) => ({
      actions: (node.actions ?? []).map((action) => withoutUuids(action)),
      router: routerShape(node, names),
      exits: (node.exits ?? []).map((exit) => (exit.destination_uuid ? `n${index.get(exit.destination_uuid) ?? '?'}` : null)),
    })),
    unreachable: nodes.length - order.length,
    localization,
  };
}

/** The nodes reachable from the first (the entry), breadth first, following exits in order. */
function walk(flow: FlowDefinition): FlowDefinition['nodes'] {
  const nodes = flow.nodes ?? [];
  const byUuid = new Map(nodes.map((node) => [node.uuid, node]));
  const seen = new Set<string>();
  const order: FlowDefinition['nodes'] = [];
  const queue = nodes.length ? [nodes[0]] : [];
  for (let node = queue.shift(); node; node = queue.shift()) {
    if (seen.has(node.uuid)) continue;
    seen.add(node.uuid);
    order.push(node);
    for (const exit of node.exits ?? []) {
      const next = exit.destination_uuid ? byUuid.get(exit.destination_uuid) : undefined;
      if (next && !seen.has(next.uuid)) queue.push(next);
    }
  }
  return order;
}

function routerShape(node: FlowDefinition['nodes'][number], names: ReadonlyMap<string, string>): Shape {
  const router = node.router;
  if (!router) return null;
  const categories = router.categories.map((category) => ({ name: category.name, exit: names.get(category.exit_uuid) ?? '?' }));
  const actions = node.actions ?? [];
  // the 14.1 and 14.4.x migrations rewrite a webhook split's operand and case: only its categories are ours
  if (actions.length === 1 && (actions[0].type === 'call_webhook' || (actions[0].type as string) === 'call_resthook')) return { webhook: true, categories };
  return {
    type: router.type,
    operand: router.operand,
    result_name: router.result_name ?? null,
    cases: (router.cases ?? []).map((c) => ({ type: c.type, arguments: c.arguments ?? [], category: names.get(c.category_uuid) ?? '?' })),
    categories,
    default: router.default_category_uuid ? names.get(router.default_category_uuid) ?? '?' : null,
    wait: router.wait ? { type: router.wait.type, timeout: router.wait.timeout ? { seconds: router.wait.timeout.seconds, category: names.get(router.wait.timeout.category_uuid) ?? '?' } : null } : null,
  };
}

/** An action without its UUID; references to groups and flows by name, fields by key (their UUIDs differ per workspace). */
function withoutUuids(action: object): Shape {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(action)) {
    // 14.4.0 removes send_msg's all_urns; an absent and an empty list are the same
    if (key === 'uuid' || key === 'all_urns' || (Array.isArray(value) && value.length === 0)) continue;
    copy[key] = referencesByName(value);
  }
  return copy;
}

function referencesByName(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(referencesByName);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.uuid === 'string' && typeof record.name === 'string' && Object.keys(record).every((key) => key === 'uuid' || key === 'name')) return { name: record.name };
    return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, referencesByName(inner)]));
  }
  return value;
}

/** The paths at which two shapes differ. */
function diff(a: unknown, b: unknown, path: string, found: string[]): string[] {
  if (found.length >= MAX_DIFFERENCES) return found;
  if (a === b) return found;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) found.push(`${path} (${a.length} in the workspace, ${b.length} in the export)`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) diff(a[i], b[i], `${path}[${i}]`, found);
    return found;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) diff((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key, found);
    return found;
  }
  found.push(path);
  return found;
}

/** `nodes[3].router.cases[1]` as `node 3 (wait "fever"): router.cases[1]`, naming the node from our flow. */
function describePath(path: string, ours: FlowDefinition): string {
  const match = /^nodes\[(\d+)\]\.?(.*)$/.exec(path);
  if (!match) return path;
  const node = walk(ours)[Number(match[1])];
  return `node ${match[1]}${node ? ` (${describeNode(node)})` : ''}${match[2] ? `: ${match[2]}` : ''}`;
}

function describeNode(node: FlowDefinition['nodes'][number]): string {
  if (node.router?.wait) return `wait${node.router.result_name ? ` "${node.router.result_name}"` : ''}`;
  if (node.router) return `split${node.router.result_name ? ` "${node.router.result_name}"` : ''}`;
  return (node.actions ?? []).map((action) => action.type).join(', ') || 'node';
}

/** The waits of a flow, named by position and result. */
function waitsOf(flow: FlowDefinition): string[] {
  return walk(flow).flatMap((node, i) => (node.router?.wait ? [`node ${i} (${describeNode(node)})`] : []));
}
