/**
 * Editor positions for generated nodes, so a flow opened in RapidPro's editor reads top to bottom
 * instead of every node piled at the origin. Rows are the breadth-first distance from the first
 * node; nodes of a row sit side by side in declaration order.
 */
import { FlowNode, FlowUi, UiNodeType } from './types';

const COLUMN_WIDTH = 320;
const ROW_GAP = 80;
const MARGIN = 20;

/** A rough rendered height: the editor draws a header, one block per action and a row of categories. */
function estimatedHeight(node: FlowNode): number {
  return 60 + node.actions.length * 90 + (node.router ? 50 : 0);
}

/** Positions for `nodes` (the first is the entry); `types` gives each node's editor widget. */
export function layoutNodes(nodes: readonly FlowNode[], types: readonly UiNodeType[]): FlowUi {
  const depth = new Map<string, number>([[nodes[0].uuid, 0]]);
  const byUuid = new Map(nodes.map((node) => [node.uuid, node]));
  const queue = [nodes[0]];
  for (let node = queue.shift(); node; node = queue.shift()) {
    for (const exit of node.exits) {
      const next = exit.destination_uuid ? byUuid.get(exit.destination_uuid) : undefined;
      if (next && !depth.has(next.uuid)) {
        depth.set(next.uuid, (depth.get(node.uuid) ?? 0) + 1);
        queue.push(next);
      }
    }
  }
  const rows: FlowNode[][] = [];
  for (const node of nodes) {
    // unreachable nodes (the builder refuses them, other callers may not) go below everything
    const row = depth.get(node.uuid) ?? rows.length;
    (rows[row] ??= []).push(node);
  }
  const ui: FlowUi = { nodes: {}, stickies: {} };
  let top = MARGIN;
  for (const row of rows.filter((r) => r !== undefined)) {
    row.forEach((node, column) => {
      ui.nodes[node.uuid] = { position: { left: MARGIN + column * COLUMN_WIDTH, top }, type: types[nodes.indexOf(node)] };
    });
    top += Math.max(...row.map(estimatedHeight)) + ROW_GAP;
  }
  return ui;
}
