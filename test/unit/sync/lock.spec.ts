import { expect } from 'chai';
import * as fs from 'fs';
// the module object itself (not an import's view of it), to replace a function as the lock code sees it
import fsModule from 'fs';
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

  it('is never seen empty: the holder is written before the lock has its name (a second sync reads who holds it)', () => {
    const writeSync = fsModule.writeSync;
    const lockExistedAtWrite: boolean[] = [];
    (fsModule as { writeSync: unknown }).writeSync = (...args: Parameters<typeof fs.writeSync>) => {
      lockExistedAtWrite.push(fs.existsSync(file));
      return writeSync(...(args as [number, string]));
    };
    try {
      acquireLock(file).release();
    } finally {
      (fsModule as { writeSync: unknown }).writeSync = writeSync;
    }
    expect(lockExistedAtWrite).to.deep.equal([false]);
  });

  it('where hard links are not supported, is created with O_EXCL instead, leaving no draft behind', () => {
    const linkSync = fsModule.linkSync;
    let refused = 0;
    (fsModule as { linkSync: unknown }).linkSync = () => {
      refused++;
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    };
    try {
      const lock = acquireLock(file);
      expect((JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number }).pid).to.equal(process.pid);
      expect(fs.readdirSync(dir)).to.deep.equal(['state.json.lock']);
      expect(refusal(() => acquireLock(file))).to.match(/^another sync is running on this state/);
      expect(refused, 'both syncs tried a hard link first').to.equal(2);
      lock.release();
    } finally {
      (fsModule as { linkSync: unknown }).linkSync = linkSync;
    }
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
