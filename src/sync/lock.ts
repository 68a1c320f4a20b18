/**
 * At most one sync per state file at a time.
 *
 * The lock is a file next to the state (`<state>.lock`), created whole (a written draft linked to
 * that name), holding the holder's pid, host name, start time and a random token. Node has no flock(2); a lock file also works on
 * network file systems and tells the second sync *who* holds it. A process killed with SIGKILL
 * cannot remove its lock, so a lock is stale — and taken over — when its holder is on this host
 * and its pid no longer runs, when it was taken before this host last booted, or when its holder
 * stopped refreshing it (the holder touches it every 30 s; a pid reused by another program does
 * not). A lock from another host is never guessed stale: the message says how to remove it.
 *
 * Taking over a stale lock renames it away first and checks that what was renamed is the stale
 * lock that was read (another sync may have taken it over in between, in which case it is put
 * back). The holder also checks its token before each batch of POSTs and each state write, so a
 * sync that lost its lock stops instead of racing the new holder.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import { fsReason } from './state';

export interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  token: string;
}

/** Another sync holds the lock (exit code 4). One line. */
export class SyncLockedError extends Error {
  override name = 'SyncLockedError';
}

/** The lock file cannot be created, or this sync lost it. One line. */
export class SyncLockError extends Error {
  override name = 'SyncLockError';
}

export interface SyncLock {
  readonly file: string;
  /** Throws SyncLockError when the lock file no longer holds this sync's token. */
  check(): void;
  /** Removes the lock file if it is still this sync's. */
  release(): void;
}

export interface LockOptions {
  /** One line when a stale lock is taken over. */
  log?: (line: string) => void;
  now?: () => number;
}

/** A lock file that is still empty or half-written after this long was left by a creator that died. */
const PARTIAL_GRACE_MS = 10_000;
/** The holder touches its lock this often… */
const HEARTBEAT_MS = 30_000;
/** …so a lock on this host untouched for this long is not held by a running sync. */
const UNREFRESHED_MS = 10 * 60_000;

export function lockPathFor(statePath: string): string {
  return `${statePath}.lock`;
}

export function acquireLock(file: string, options: LockOptions = {}): SyncLock {
  const now = options.now ?? Date.now;
  const hostname = os.hostname();
  const me: LockHolder = { pid: process.pid, hostname, startedAt: new Date(now()).toISOString(), token: randomUUID() };
  const log = options.log ?? (() => undefined);

  for (let tries = 0; tries < 5; tries++) {
    if (tryCreate(file, me)) return heldLock(file, me.token);
    const seen = readHolder(file);
    if (seen === 'gone') continue;
    const verdict = staleness(seen, hostname, now());
    if (verdict.live) throw new SyncLockedError(busyMessage(file, seen.holder, hostname));
    if (takeOver(file, seen.text)) log(`removed the stale lock ${file}: ${verdict.why}`);
  }
  throw new SyncLockError(`cannot take the lock ${file}: other syncs keep taking it; try again`);
}

function tryCreate(file: string, me: LockHolder): boolean {
  // The holder is written to a file of our own first and then linked to the lock's name: link(2)
  // fails with EEXIST when the lock exists, and a lock that exists is never empty — another sync
  // always reads who holds it. Where hard links are not supported, O_EXCL creation is the fallback
  // (and an empty lock is judged by its age).
  const draft = `${file}.new-${process.pid}-${me.token}`;
  try {
    writeHolder(draft, me, 'w');
  } catch (error) {
    fs.rmSync(draft, { force: true });
    throw new SyncLockError(`cannot create the lock ${file}: ${fsReason(error, file)}; pass a writable --state FILE`);
  }
  try {
    fs.linkSync(draft, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') {
      throw new SyncLockError(`cannot create the lock ${file}: ${fsReason(error, file)}; pass a writable --state FILE`);
    }
  } finally {
    fs.rmSync(draft, { force: true });
  }
  try {
    return writeHolder(file, me, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    fs.rmSync(file, { force: true });
    throw new SyncLockError(`cannot create the lock ${file}: ${fsReason(error, file)}; pass a writable --state FILE`);
  }
}

function writeHolder(path: string, me: LockHolder, flags: 'w' | 'wx'): true {
  const fd = fs.openSync(path, flags, 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(me) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

type Seen = 'gone' | { text: string; holder?: LockHolder; mtimeMs: number };

function readHolder(file: string): Seen {
  let text: string;
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw new SyncLockError(`cannot read the lock ${file}: ${fsReason(error, file)}`);
  }
  return { text, holder: parseHolder(text), mtimeMs };
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.hostname === 'string' && typeof value.startedAt === 'string' && typeof value.token === 'string') {
      return value as LockHolder;
    }
  } catch {
    // Empty or half-written: judged by its age below.
  }
  return undefined;
}

function staleness(seen: Exclude<Seen, 'gone'>, hostname: string, now: number): { live: boolean; why: string } {
  const { holder } = seen;
  if (!holder) {
    // Its creator writes the content right after creating it; empty for long means it died in between.
    return now - seen.mtimeMs > PARTIAL_GRACE_MS ? { live: false, why: 'it was left empty or unreadable' } : { live: true, why: '' };
  }
  if (holder.hostname !== hostname) return { live: true, why: '' };
  const bootedAt = now - os.uptime() * 1000;
  if (Date.parse(holder.startedAt) < bootedAt - 60_000) return { live: false, why: `pid ${holder.pid} took it before this host last started` };
  if (!pidRunning(holder.pid)) return { live: false, why: `pid ${holder.pid} no longer runs (killed?)` };
  const idle = now - seen.mtimeMs;
  if (idle > UNREFRESHED_MS) return { live: false, why: `its holder has not refreshed it for ${Math.round(idle / 60_000)} minutes (pid ${holder.pid} is another program now?)` };
  return { live: true, why: '' };
}

function busyMessage(file: string, holder: LockHolder | undefined, hostname: string): string {
  if (!holder) return `another sync is starting on this state (lock ${file}); try again later`;
  const who = `pid ${holder.pid} on ${holder.hostname}, started ${holder.startedAt}`;
  const hint = holder.hostname === hostname ? 'wait for it to finish' : `if no sync runs on ${holder.hostname} any more, delete ${file}`;
  return `another sync is running on this state (${who}; lock ${file}): ${hint}`;
}

/** Removes the stale lock whose content was `staleText`, unless another sync replaced it meanwhile. */
function takeOver(file: string, staleText: string): boolean {
  const aside = `${file}.stale-${process.pid}-${randomUUID()}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new SyncLockError(`cannot remove the stale lock ${file}: ${fsReason(error, file)}`);
  }
  const moved = fs.readFileSync(aside, 'utf8');
  if (moved === staleText) {
    fs.rmSync(aside, { force: true });
    return true;
  }
  // Another sync took the stale lock over between our read and our rename: give its lock back
  // (link fails rather than overwrite if a third one created a lock meanwhile; that one's holder
  // and the one we moved will notice at their next check).
  try {
    fs.linkSync(aside, file);
  } catch {
    // See above.
  }
  fs.rmSync(aside, { force: true });
  return false;
}

function heldLock(file: string, token: string): SyncLock {
  let released = false;
  const heartbeat = setInterval(() => {
    try {
      if (holderToken() === token) {
        const at = new Date();
        fs.utimesSync(file, at, at);
      }
    } catch {
      // A missed refresh only matters after many in a row; check() reports a lost lock.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const holderToken = (): string | undefined => {
    try {
      return parseHolder(fs.readFileSync(file, 'utf8'))?.token;
    } catch {
      return undefined;
    }
  };
  return {
    file,
    check(): void {
      if (released) return;
      if (holderToken() !== token) throw new SyncLockError(`this sync lost its lock ${file} to another sync; stopping (progress so far is saved)`);
    },
    release(): void {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      if (holderToken() === token) fs.rmSync(file, { force: true });
    },
  };
}

function pidRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
