import * as fs from 'fs';
import * as path from 'path';
import { isIsoInstant } from './iso';

/** The RapidPro workspace and CHT instance a state file belongs to. */
export interface StateBinding {
  rapidpro: {
    /** The workspace base URL, as the credentials give it (ends with `/`). */
    host: string;
    /** The workspace UUID from `GET /api/v2/workspace.json`; null when the server does not say. */
    workspace: string | null;
    /** The workspace name, for messages only. */
    name?: string;
  };
  /** The CHT origin (`https://host[:port]`). */
  cht: string;
}

/** A record CHT refused or whose POST outcome is unknown: retried on the next sync. */
export interface OutstandingRecord {
  /** The run the record comes from (it is read again from RapidPro to retry). */
  run: string;
  /** What CHT said, redacted; one line. */
  reason: string;
  attempts: number;
  firstFailedAt: string;
  lastTriedAt: string;
  /**
   * Set when the last POST got no answer (timeout, connection dropped after sending): CHT may
   * still save it. The record is looked up, and posted again only once the settle window has passed.
   */
  unknownSince?: string;
}

/** Progress of one (flow, form) pair. */
export interface FlowSyncState {
  flowName: string;
  formCode: string;
  /** `modified_on` of the last run whose records are all in CHT, outstanding or reported as malformed, as RapidPro wrote it. */
  watermark?: string;
  updatedAt: string;
  /** Records to retry, by `rp_event_id`. */
  outstanding?: Record<string, OutstandingRecord>;
  /** The uuid the flow's name resolves to now, when this entry is for a flow that was replaced (re-imported). */
  replacedBy?: string;
}

/** The state file: what it belongs to, and progress per `<flow uuid>:<FORM CODE>`. */
export interface SyncState extends StateBinding {
  version: 2;
  flows: Record<string, FlowSyncState>;
}

/** A state file that cannot be used as it is: the message is one line naming the file and the fix. */
export class SyncStateError extends Error {
  override name = 'SyncStateError';
}

const DELETE_HINT = 'delete it to start over (safe: records CHT already has are skipped)';
/** How far in the future a watermark may be before it is refused (clocks differ a little). */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export function emptyState(binding: StateBinding): SyncState {
  return { version: 2, rapidpro: { ...binding.rapidpro }, cht: binding.cht, flows: {} };
}

export function stateKey(flowUuid: string, formCode: string): string {
  return `${flowUuid}:${formCode.toUpperCase()}`;
}

/**
 * Reads and checks the state file; a missing file is a first run. Anything that would make sync
 * skip or resume wrongly — another workspace or CHT, a watermark that is not a time or is in the
 * future, a file from an older version — is a SyncStateError rather than a silent restart.
 */
export function readState(file: string, binding: StateBinding, now: number = Date.now()): SyncState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return emptyState(binding);
    throw new SyncStateError(`cannot read the sync state ${file}: ${fsReason(error, file)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isObject(parsed)) throw new SyncStateError(`sync state file ${file} is not JSON; ${DELETE_HINT}`);
  if (parsed.version === 1) {
    throw new SyncStateError(`sync state file ${file} was written by an older cht-rapidpro and does not say which RapidPro workspace and CHT it belongs to; ${DELETE_HINT}`);
  }
  if (parsed.version !== 2) throw new SyncStateError(`sync state file ${file} is not a version 2 state; ${DELETE_HINT}`);
  const state = parsed as unknown as SyncState;
  checkBinding(file, state, binding);
  if (!isObject(state.flows)) throw new SyncStateError(`sync state file ${file} has no "flows" object; ${DELETE_HINT}`);
  for (const [key, entry] of Object.entries(state.flows)) checkFlow(file, key, entry, now);
  return state;
}

function checkBinding(file: string, state: SyncState, binding: StateBinding): void {
  const rapidpro = isObject(state.rapidpro) ? state.rapidpro : undefined;
  if (!rapidpro || typeof rapidpro.host !== 'string' || typeof state.cht !== 'string') {
    throw new SyncStateError(`sync state file ${file} does not say which RapidPro workspace and CHT it belongs to; ${DELETE_HINT}`);
  }
  const fix = 'pass the --state of this instance (or omit --state for the default one per instance)';
  if (rapidpro.host !== binding.rapidpro.host) {
    throw new SyncStateError(`sync state file ${file} belongs to RapidPro ${rapidpro.host}, not ${binding.rapidpro.host}: ${fix}`);
  }
  if (rapidpro.workspace !== binding.rapidpro.workspace) {
    const named = (uuid: unknown, name: unknown): string => `${typeof name === 'string' && name ? `"${name}" ` : ''}(${uuid === null || uuid === undefined ? 'unknown uuid' : String(uuid)})`;
    throw new SyncStateError(`sync state file ${file} belongs to RapidPro workspace ${named(rapidpro.workspace, rapidpro.name)}, but the token is for workspace ${named(binding.rapidpro.workspace, binding.rapidpro.name)}: ${fix}`);
  }
  if (state.cht !== binding.cht) {
    throw new SyncStateError(`sync state file ${file} belongs to CHT ${state.cht}, not ${binding.cht}: ${fix}`);
  }
}

function checkFlow(file: string, key: string, entry: unknown, now: number): void {
  const where = `sync state file ${file}, flow entry "${key}"`;
  const fix = `remove that entry or ${DELETE_HINT}`;
  if (!isObject(entry) || typeof entry.flowName !== 'string' || typeof entry.formCode !== 'string') {
    throw new SyncStateError(`${where} is not {"flowName", "formCode", "watermark", …}; ${fix}`);
  }
  if (entry.watermark !== undefined) {
    if (typeof entry.watermark !== 'string' || !isIsoInstant(entry.watermark)) {
      throw new SyncStateError(`${where}: watermark ${JSON.stringify(entry.watermark)} is not an ISO 8601 time such as 2024-06-01T08:00:00.000000Z; ${fix}`);
    }
    if (Date.parse(entry.watermark) > now + FUTURE_TOLERANCE_MS) {
      throw new SyncStateError(`${where}: watermark ${entry.watermark} is in the future (it would skip every run until then); check this machine's clock, then ${fix}`);
    }
  }
  if (entry.outstanding !== undefined) {
    if (!isObject(entry.outstanding)) throw new SyncStateError(`${where}: "outstanding" is not an object; ${fix}`);
    for (const [id, record] of Object.entries(entry.outstanding)) {
      if (!isObject(record) || typeof record.run !== 'string' || typeof record.attempts !== 'number' || typeof record.firstFailedAt !== 'string' || (record.unknownSince !== undefined && !isIsoInstant(String(record.unknownSince)))) {
        throw new SyncStateError(`${where}: outstanding record "${id}" is not {"run", "reason", "attempts", …}; ${fix}`);
      }
    }
  }
}

/** Creates the state file's folder (private to the user) if needed; one-line SyncStateError when it cannot be. */
export function ensureStateFolder(file: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new SyncStateError(`cannot create the folder of the sync state ${file}: ${fsReason(error, path.dirname(file))}; pass a writable --state FILE`);
  }
}

/**
 * Replaces the state file atomically: write a temporary file in the same folder, fsync it, rename
 * it over the old one, fsync the folder. A crash leaves the old state or the new one, never half.
 * Failures (a read-only folder, a path through a file, …) are one-line SyncStateErrors.
 */
export function writeState(file: string, state: SyncState): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(state, null, 2) + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // The temporary file could not be created in the first place.
    }
    throw new SyncStateError(`cannot write the sync state ${file}: ${fsReason(error, file)}; pass a writable --state FILE`);
  }
  syncDirectory(dir);
}

/** A file-system error in words, naming the offending path when it is not `file` itself. */
export function fsReason(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  const at = (error as NodeJS.ErrnoException).path;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied${at && at !== file ? ` on ${at}` : ''}`;
    case 'EISDIR':
      return 'it is a directory';
    case 'EEXIST': // mkdir over a file
    case 'ENOTDIR':
      return `a part of the path is not a directory${at && at !== file ? ` (${at})` : ''}`;
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOENT':
      return `the folder does not exist${at && at !== file ? ` (${at})` : ''}`;
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/**
 * Removes temporary files a killed sync left half-written next to the state. Only call while
 * holding the lock: no other sync can be writing one then.
 */
export function removeLeftoverTemporaryFiles(file: string): void {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  try {
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(prefix) && name.endsWith('.tmp')) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // Leftovers only take space; writing the state reports real problems.
  }
}

/** Makes the rename durable. Some platforms (Windows) cannot open a folder: the rename is still atomic there. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Best effort only, see above.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
