import { expect } from 'chai';
import type { RapidProRun } from '../../../src/rapidpro/client/types';
import { isSettled, openResults } from '../../../src/sync';

const value = (node: string) => ({ name: 'x', value: 'v', category: 'Other', node, time: '2024-06-01T00:00:00Z' });
const run = (overrides: Partial<RapidProRun>): RapidProRun => ({
  uuid: 'r', flow: { uuid: 'f', name: 'F' }, contact: { uuid: 'c', urn: null, name: null }, start: null, responded: true,
  path: [{ node: 'ask', time: 't' }, { node: 'reask', time: 't' }],
  values: { q1: value('ask') },
  created_on: 't', modified_on: 't', exited_on: null, exit_type: null,
  ...overrides,
});
const results = [{ key: 'q1', name: 'Q1', categories: ['A', 'Other'], node_uuids: ['ask', 'reask'] }, { key: 'q2', name: 'Q2', categories: [], node_uuids: ['next'] }];

describe('settled answers (the rule)', () => {
  it('holds a result the node the run waits at may save again, even if that node never saved it yet', () => {
    const open = openResults(run({}), results);
    expect([...(open as Set<string>)]).to.deep.equal(['q1']);
    expect(isSettled(open, ['q1', 'chw_id'])).to.equal(false);
    expect(isSettled(open, ['q2'])).to.equal(true);
  });

  it('without node_uuids, still holds a result saved by the node the run is back at', () => {
    const back = run({ path: [{ node: 'ask', time: 't' }, { node: 'warn', time: 't' }, { node: 'ask', time: 't' }] });
    expect(isSettled(openResults(back, []), ['q1'])).to.equal(false);
  });

  it('settles everything once the run has exited, and nothing when it cannot tell where the run is', () => {
    expect(isSettled(openResults(run({ exited_on: 't', exit_type: 'expired' }), results), ['q1'])).to.equal(true);
    expect(isSettled(openResults(run({ path: null }), results), ['q2'])).to.equal(false);
  });

  it('holds every record of a run at a node that saves anything when the source does not say what a record reads', () => {
    expect(isSettled(openResults(run({}), results), undefined)).to.equal(false);
    const atMessage = run({ path: [{ node: 'ask', time: 't' }, { node: 'webhook', time: 't' }] });
    expect(isSettled(openResults(atMessage, results), undefined)).to.equal(true);
  });
});
