import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SyncStateError, readState, writeState } from '../../../src/sync';
import { progressLine } from '../../../src/sync/progress';

describe('sync state file', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-state-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts empty when the file does not exist', () => {
    expect(readState(path.join(dir, 'none.json'))).to.deep.equal({ version: 1, flows: {} });
  });

  it('round-trips, replacing the file whole and leaving no temporary file', () => {
    const file = path.join(dir, 'nested', 'state.json');
    const state = { version: 1 as const, flows: { 'f:RP_X': { flowName: 'F', formCode: 'RP_X', watermark: '2024-06-01T00:00:00.123456Z', updatedAt: 'now' } } };
    writeState(file, state);
    writeState(file, { ...state, flows: { ...state.flows, 'g:RP_Y': { ...state.flows['f:RP_X'], flowName: 'G' } } });
    expect(Object.keys(readState(file).flows)).to.deep.equal(['f:RP_X', 'g:RP_Y']);
    expect(fs.readdirSync(path.dirname(file))).to.deep.equal(['state.json']);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
  });

  it('refuses a corrupt file instead of silently starting over', () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, '{"version": 1, "flows": {');
    expect(() => readState(file)).to.throw(SyncStateError, /delete it to start over/);
  });
});

describe('sync progress line', () => {
  it('redraws in place at most every interval and ends the line', () => {
    const written: string[] = [];
    let now = 0;
    const line = progressLine((text) => written.push(text), 100, () => now);
    const progress = { flowName: 'F', fetchedRuns: 1, created: 1, skippedExisting: 0, failed: 0 };
    now = 200;
    line.update(progress);
    now = 250;
    line.update({ ...progress, fetchedRuns: 2 });
    line.done();
    expect(written).to.deep.equal([
      '\rF: 1 runs, 1 created, 0 already in CHT, 0 failed',
      '\rF: 2 runs, 1 created, 0 already in CHT, 0 failed',
      '\n',
    ]);
  });
});
