import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SyncLockedError, acquireLock, lockPathFor } from '../../../src/sync/lock';

describe('sync lock file', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-lock-'));
    file = lockPathFor(path.join(dir, 'state.json'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const refusal = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      expect(error).to.be.instanceOf(SyncLockedError);
      return (error as Error).message;
    }
    throw new Error('expected a SyncLockedError');
  };

  it('exists only whole: it names its holder from the moment it exists, and leaves no draft behind', () => {
    const lock = acquireLock(file);
    const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number; hostname: string };
    expect(holder.pid).to.equal(process.pid);
    expect(holder.hostname).to.equal(os.hostname());
    expect(fs.readdirSync(dir)).to.deep.equal(['state.json.lock']);
    expect(refusal(() => acquireLock(file))).to.match(new RegExp(`^another sync is running on this state \\(pid ${process.pid} on `));
    lock.release();
    expect(fs.readdirSync(dir)).to.deep.equal([]);
  });

  it('treats an empty lock (a creator without hard links that died, or is still writing) as busy while fresh and stale once old', () => {
    fs.writeFileSync(file, '');
    expect(refusal(() => acquireLock(file))).to.match(/^another sync is starting on this state/);
    const lines: string[] = [];
    const lock = acquireLock(file, { now: () => Date.now() + 60_000, log: (line) => lines.push(line) });
    expect(lines).to.deep.equal([`removed the stale lock ${file}: it was left empty or unreadable`]);
    lock.check();
    lock.release();
    expect(fs.existsSync(file)).to.equal(false);
  });

  it('takes over the lock of a pid on this host that no longer runs', () => {
    const dead = { pid: 2 ** 22 + 17, hostname: os.hostname(), startedAt: new Date().toISOString(), token: 'dead' };
    fs.writeFileSync(file, JSON.stringify(dead));
    const lines: string[] = [];
    const lock = acquireLock(file, { log: (line) => lines.push(line) });
    expect(lines[0]).to.match(/no longer runs/);
    lock.release();
  });

  it('never guesses a lock from another host stale, and says how to remove it', () => {
    fs.writeFileSync(file, JSON.stringify({ pid: 1, hostname: 'elsewhere', startedAt: new Date().toISOString(), token: 't' }));
    expect(refusal(() => acquireLock(file))).to.match(/if no sync runs on elsewhere any more, delete .*state\.json\.lock$/);
  });
});
