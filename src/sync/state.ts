import * as fs from 'fs';
import * as path from 'path';

/** Progress of one (flow, form) pair. */
export interface FlowSyncState {
  flowName: string;
  formCode: string;
  /** `modified_on` of the last run whose records are all in CHT (or reported as malformed), as RapidPro wrote it. */
  watermark: string;
  updatedAt: string;
}

/** The state file: progress per `<flow uuid>:<FORM CODE>`. */
export interface SyncState {
  version: 1;
  flows: Record<string, FlowSyncState>;
}

export class SyncStateError extends Error {
  override name = 'SyncStateError';
}

export function emptyState(): SyncState {
  return { version: 1, flows: {} };
}

export function stateKey(flowUuid: string, formCode: string): string {
  return `${flowUuid}:${formCode.toUpperCase()}`;
}

/** Reads the state file; a missing file is a first run. A corrupt file stops the sync rather than restart it silently. */
export function readState(file: string): SyncState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const state = parsed as Partial<SyncState> | undefined;
  if (!state || state.version !== 1 || !state.flows || typeof state.flows !== 'object') {
    throw new SyncStateError(`sync state file ${file} is not a version 1 state; delete it to start over (safe: records CHT already has are skipped)`);
  }
  return state as SyncState;
}

/**
 * Replaces the state file atomically: write a temporary file in the same folder, fsync it, rename
 * it over the old one, fsync the folder. A crash leaves the old state or the new one, never half.
 */
export function writeState(file: string, state: SyncState): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(state, null, 2) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  syncDirectory(dir);
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
