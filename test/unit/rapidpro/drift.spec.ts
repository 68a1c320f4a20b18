import { expect } from 'chai';
import { createHash } from 'crypto';
import { synthesize } from '../../../src/project/synth';
import { compareWithWorkspace, driftWarnings } from '../../../src/rapidpro/flow/drift';
import { FlowDefinition, RapidProExport } from '../../../src/rapidpro/flow/types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ours: RapidProExport[] = synthesize().exports.map((file) => file.content);
const byName = (name: string): FlowDefinition => {
  const found = ours.flatMap((exported) => exported.flows).find((flow) => flow.name === name);
  if (!found) throw new Error(`no flow ${name}`);
  return found;
};

/**
 * What a workspace holds after importing a flow, as `definitions.json` returns it: every UUID of
 * the flow replaced (RapidPro's import clones the definition), group references pointing at the
 * workspace's groups, the 14.x migrations applied to webhook splits, spec and revision bumped, no
 * editor layout — a fixture written for these tests from RapidPro's and goflow's documented behaviour.
 */
function imported(flow: FlowDefinition, salt = 'workspace'): FlowDefinition {
  const fresh = (uuid: string) => {
    const hex = createHash('sha1').update(`${salt}/${uuid}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  const remap = (value: unknown, key = ''): unknown => {
    if (Array.isArray(value)) return value.map((item) => remap(item));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [UUID.test(k) ? fresh(k) : k, remap(v, k)]));
    }
    return typeof value === 'string' && (key === 'uuid' || key.endsWith('_uuid')) && UUID.test(value) ? fresh(value) : value;
  };
  const copy = remap(flow) as FlowDefinition;
  for (const node of copy.nodes) {
    if (node.actions.length === 1 && node.actions[0].type === 'call_webhook' && node.router) {
      node.router.operand = '@(default(webhook.status, 0))';
      node.router.cases = [{ ...node.router.cases[0], type: 'has_number_between', arguments: ['200', '299'] }];
    }
  }
  const { _ui: _layout, ...rest } = copy;
  return { ...rest, uuid: fresh(flow.uuid), spec_version: '14.4.2', revision: 7 };
}

describe('rapidpro drift: a workspace\'s flows against our exports', () => {
  it('finds every flow of our exports the same as its import into a workspace (new UUIDs, migrated webhook splits, no layout)', () => {
    for (const exported of ours) {
      const workspace = { flows: exported.flows.map((flow) => imported(flow)) };
      const drifts = compareWithWorkspace(workspace, exported);
      expect(drifts.map((drift) => [drift.flow, drift.status])).to.deep.equal(exported.flows.map((flow) => [flow.name, 'same']));
      expect(driftWarnings(drifts)).to.deep.equal([]);
    }
  });

  it('does not care in which order the workspace lists the nodes after the entry, nor which UUIDs its groups have', () => {
    const flow = byName('Quarantine Daily Check-in');
    const workspaceFlow = imported(flow);
    workspaceFlow.nodes = [workspaceFlow.nodes[0], ...workspaceFlow.nodes.slice(1).reverse()];
    for (const node of workspaceFlow.nodes) {
      for (const action of node.actions) if (action.type === 'remove_contact_groups') action.groups = action.groups.map((group) => ({ ...group, uuid: '11111111-2222-4333-8444-555555555555' }));
    }
    expect(compareWithWorkspace({ flows: [workspaceFlow] }, { flows: [flow] })[0].status).to.equal('same');
  });

  it('a changed text, question or route is a change that strands the contacts waiting in the workspace\'s flow', () => {
    const flow = byName('Quarantine Daily Check-in');
    const older = imported(flow);
    const ask = older.nodes.find((node) => node.actions[0]?.type === 'send_msg' && node.actions[0].text.includes('fever'));
    if (!ask || ask.actions[0].type !== 'send_msg') throw new Error('no fever question');
    ask.actions[0].text = 'Do you have a fever today?';
    const [drift] = compareWithWorkspace({ flows: [older] }, { flows: [flow] });
    expect(drift.status).to.equal('changed');
    expect(drift.differences).to.have.length(1);
    expect(drift.differences[0]).to.match(/^node \d+ \(send_msg\): actions\[0\]\.text$/);
    expect(drift.strandedWaits.map((wait) => wait.replace(/^node \d+ /, ''))).to.deep.equal(['(wait "fever")', '(wait "cough")', '(wait "breathing")']);
    const [warning] = driftWarnings([drift]);
    expect(warning).to.match(/^flow "Quarantine Daily Check-in" differs from the export \(node \d+ \(send_msg\): actions\[0\]\.text\): re-importing it gives every node a new UUID, so contacts waiting at node \d+ \(wait "fever"\), .* fail on their next reply/);

    const timeout = imported(flow);
    const wait = timeout.nodes.find((node) => node.router?.result_name === 'cough' && node.router.wait);
    if (!wait?.router?.wait?.timeout) throw new Error('no cough wait');
    wait.router.wait.timeout.seconds = 600;
    expect(compareWithWorkspace({ flows: [timeout] }, { flows: [flow] })[0].differences).to.have.length(1)
      .and.to.satisfy((differences: string[]) => /^node \d+ \(wait "cough"\): router\.wait\.timeout\.seconds$/.test(differences[0]));
  });

  it('a flow missing from the workspace is missing (nothing waits in it); a flow of another type is duplicated by an import', () => {
    const enrolment = byName('Quarantine Enrolment');
    expect(compareWithWorkspace({ flows: [] }, { flows: [enrolment] })[0]).to.deep.include({ status: 'missing', strandedWaits: [] });
    const oldType = { ...imported(enrolment), type: 'messaging' as const };
    const drifts = compareWithWorkspace({ flows: [oldType] }, { flows: [enrolment] });
    expect(drifts[0]).to.deep.include({ status: 'type-changed', workspaceType: 'messaging' });
    expect(driftWarnings(drifts)).to.deep.equal([
      'flow "Quarantine Enrolment" is a messaging flow in the workspace: importing creates a second flow beside it — archive or rename the old one first (see rapidpro/README.md, "Upgrading")',
    ]);
  });

  it('matches flows by name without case, as RapidPro\'s import does', () => {
    const flow = byName('Quarantine Stop');
    expect(compareWithWorkspace({ flows: [{ ...imported(flow), name: 'quarantine stop' }] }, { flows: [flow] })[0].status).to.equal('same');
  });
});
