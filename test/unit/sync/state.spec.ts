import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { StateBinding, SyncState, SyncStateError, defaultStatePath, emptyState, isIsoInstant, parseIsoSince, readState, writeState } from '../../../src/sync';
import { progressLine } from '../../../src/sync/progress';
import { unwritableFolder } from './paths';

const BINDING: StateBinding = { rapidpro: { host: 'https://rp.example.org/', workspace: 'ws-1', name: 'Kenya' }, cht: 'https://cht.example.org' };
const NOW = Date.parse('2024-06-02T00:00:00Z');


describe('sync state file', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-state-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const failure = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      expect(error).to.be.instanceOf(SyncStateError);
      const text = (error as Error).message;
      expect(text, 'one line').not.to.contain('\n');
      return text;
    }
    throw new Error('expected a SyncStateError');
  };
  const withFlow = (flow: Record<string, unknown>): string => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, JSON.stringify({ ...emptyState(BINDING), flows: { 'f:RP_X': { flowName: 'F', formCode: 'RP_X', updatedAt: 'x', ...flow } } }));
    return file;
  };

  it('starts empty, bound to the instance, when the file does not exist', () => {
    expect(readState(path.join(dir, 'none.json'), BINDING, NOW)).to.deep.equal({ version: 2, ...BINDING, flows: {} });
  });

  it('round-trips, replacing the file whole and leaving no temporary file', () => {
    const file = path.join(dir, 'nested', 'state.json');
    const state: SyncState = { ...emptyState(BINDING), flows: { 'f:RP_X': { flowName: 'F', formCode: 'RP_X', watermark: '2024-06-01T00:00:00.123456Z', updatedAt: 'now' } } };
    writeState(file, state);
    writeState(file, { ...state, flows: { ...state.flows, 'g:RP_Y': { ...state.flows['f:RP_X'], flowName: 'G', outstanding: { 'run-1': { run: 'run-1', reason: 'x', attempts: 1, firstFailedAt: 'a', lastTriedAt: 'a' } } } } });
    expect(Object.keys(readState(file, BINDING, NOW).flows)).to.deep.equal(['f:RP_X', 'g:RP_Y']);
    expect(fs.readdirSync(path.dirname(file))).to.deep.equal(['state.json']);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
  });

  it('refuses a corrupt file, and a version 1 file that does not say what it belongs to', () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, '{"version": 2, "flows": {');
    expect(failure(() => readState(file, BINDING, NOW))).to.contain('is not JSON').and.to.contain('delete it to start over');
    fs.writeFileSync(file, JSON.stringify({ version: 1, flows: {} }));
    expect(failure(() => readState(file, BINDING, NOW))).to.contain('older cht-rapidpro').and.to.contain('which RapidPro workspace and CHT');
  });

  it('refuses a state of another RapidPro host, workspace or CHT', () => {
    const file = path.join(dir, 'state.json');
    writeState(file, emptyState(BINDING));
    expect(failure(() => readState(file, { ...BINDING, cht: 'https://other-cht.example.org' }, NOW)))
      .to.contain('belongs to CHT https://cht.example.org, not https://other-cht.example.org');
    expect(failure(() => readState(file, { ...BINDING, rapidpro: { ...BINDING.rapidpro, host: 'https://textit.com/' } }, NOW)))
      .to.contain('belongs to RapidPro https://rp.example.org/, not https://textit.com/');
    expect(failure(() => readState(file, { ...BINDING, rapidpro: { host: BINDING.rapidpro.host, workspace: 'ws-2', name: 'Uganda' } }, NOW)))
      .to.contain('workspace "Kenya" (ws-1), but the token is for workspace "Uganda" (ws-2)');
  });

  it('refuses a watermark that is not an ISO time, or is in the future, naming the flow entry', () => {
    for (const bad of ['yesterday', 0, '2024-02-30T00:00:00Z', '2024-06-01 08:00:00', '2024-06-01T08:00:00']) {
      expect(failure(() => readState(withFlow({ watermark: bad }), BINDING, NOW))).to.contain('flow entry "f:RP_X"').and.to.contain('is not an ISO 8601 time');
    }
    expect(failure(() => readState(withFlow({ watermark: '2024-06-02T01:00:00Z' }), BINDING, NOW))).to.contain('is in the future');
    // A few minutes ahead is clock drift, not an error.
    expect(() => readState(withFlow({ watermark: '2024-06-02T00:03:00Z' }), BINDING, NOW)).not.to.throw();
    expect(failure(() => readState(withFlow({ outstanding: { x: { run: 1 } } }), BINDING, NOW))).to.contain('outstanding record "x"');
  });

  it('says in one line why a path cannot hold the state: a directory, a path through a file, a read-only folder', () => {
    expect(failure(() => readState(dir, BINDING, NOW))).to.contain('it is a directory');
    expect(failure(() => writeState(dir, emptyState(BINDING)))).to.contain('cannot write the sync state');
    expect(failure(() => writeState('/dev/null/x/state.json', emptyState(BINDING)))).to.contain('not a directory');
    expect(failure(() => readState('/dev/null/x', BINDING, NOW))).to.contain('not a directory');
    const readOnly = unwritableFolder(dir);
    expect(failure(() => writeState(path.join(readOnly, 's.json'), emptyState(BINDING)))).to.match(/permission denied.*pass a writable --state/);
    expect(fs.readdirSync(readOnly).filter((name) => name.includes('s.json'))).to.deep.equal([]);
  });

  it('defaults to one file per instance under XDG_STATE_HOME, else ~/.local/state, and needs one of them', () => {
    expect(defaultStatePath({ XDG_STATE_HOME: '/var/state', HOME: '/home/u' }, 'https://cht.example.org:8443', 'https://rp.example.org/sub/'))
      .to.equal('/var/state/cht-rapidpro/cht.example.org_8443-rp.example.org_sub.json');
    expect(defaultStatePath({ HOME: '/home/u' }, 'https://cht.example.org', 'https://textit.com/'))
      .to.equal('/home/u/.local/state/cht-rapidpro/cht.example.org-textit.com.json');
    expect(defaultStatePath({ XDG_STATE_HOME: 'relative', HOME: '/home/u' }, 'https://c.org', 'https://r.org/')).to.match(/^\/home\/u\/\.local\/state/);
    expect(failure(() => defaultStatePath({}, 'https://c.org', 'https://r.org/'))).to.contain('HOME and XDG_STATE_HOME are unset').and.to.contain('--state FILE');
  });
});

describe('strict ISO 8601 times', () => {
  it('takes dates (midnight UTC) and date-times with a zone', () => {
    expect(parseIsoSince('2024-06-01')).to.deep.equal({ iso: '2024-06-01T00:00:00.000Z' });
    expect(parseIsoSince('2024-02-29')).to.deep.equal({ iso: '2024-02-29T00:00:00.000Z' });
    expect(parseIsoSince('2024-06-01T08:30:00Z')).to.deep.equal({ iso: '2024-06-01T08:30:00.000Z' });
    expect(parseIsoSince('2024-06-01T11:30+03:00')).to.deep.equal({ iso: '2024-06-01T08:30:00.000Z' });
    expect(parseIsoSince('2024-06-01T08:30:00.123456Z')).to.deep.equal({ iso: '2024-06-01T08:30:00.123Z' });
    expect(isIsoInstant('2015-11-11T13:05:57.576056Z')).to.equal(true);
  });

  it('refuses what Date.parse would reinterpret', () => {
    const error = (text: string): string => {
      const parsed = parseIsoSince(text);
      if (!('error' in parsed)) throw new Error(`${text} was accepted`);
      return parsed.error;
    };
    expect(error('0')).to.contain('not an ISO 8601 date or time');
    expect(error('2024-02-30')).to.contain('not a date in the calendar');
    expect(error('2023-02-29')).to.contain('not a date in the calendar');
    expect(error('2024-06-01T25:00:00Z')).to.contain('not a time in the calendar');
    expect(error('2024-06-01T08:00:00')).to.contain('has no time zone');
    expect(error('June 1, 2024')).to.contain('not an ISO 8601');
    expect(error('2024-6-1')).to.contain('not an ISO 8601');
    expect(isIsoInstant('2024-06-01')).to.equal(false);
  });
});

describe('sync progress line', () => {
  it('redraws in place at most every interval and ends the line', () => {
    const written: string[] = [];
    let now = 0;
    const line = progressLine((text) => written.push(text), 100, () => now);
    const progress = { flowName: 'F', fetchedRuns: 1, created: 1, skippedExisting: 0, failed: 0, outstanding: 0 };
    now = 200;
    line.update(progress);
    now = 250;
    line.update({ ...progress, fetchedRuns: 2, outstanding: 1 });
    line.done();
    line.done();
    expect(written).to.deep.equal([
      '\rF: 1 runs, 1 created, 0 already in CHT, 0 failed',
      '\rF: 2 runs, 1 created, 0 already in CHT, 0 failed, 1 outstanding',
      '\n',
    ]);
  });
});
