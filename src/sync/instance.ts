import * as path from 'path';
import type { RapidProClient } from '../rapidpro/client/client';
import { RapidProError } from '../rapidpro/client/errors';
import { SyncStateError } from './state';
import type { StateBinding } from './state';

interface WorkspaceAnswer {
  uuid?: unknown;
  name?: unknown;
}

/**
 * The workspace the token belongs to (`GET /api/v2/workspace.json`: `uuid`, `name`, …; `org.json`
 * on servers older than the rename). A state file is bound to it, so the same host with another
 * workspace's token — or a state file copied between instances — is refused instead of skipping runs.
 */
export async function rapidproWorkspace(client: Pick<RapidProClient, 'http' | 'host'>): Promise<StateBinding['rapidpro']> {
  let answer: WorkspaceAnswer | undefined;
  try {
    answer = await client.http.request<WorkspaceAnswer>('GET', 'workspace.json', { idempotent: true });
  } catch (error) {
    if (!(error instanceof RapidProError) || error.status !== 404) throw error;
    answer = await client.http.request<WorkspaceAnswer>('GET', 'org.json', { idempotent: true });
  }
  const uuid = typeof answer?.uuid === 'string' && answer.uuid ? answer.uuid : null;
  const name = typeof answer?.name === 'string' ? answer.name : undefined;
  return { host: client.host, workspace: uuid, ...(name ? { name } : {}) };
}

/** `https://cht.example.org:8443` → `cht.example.org_8443`; safe as a file name anywhere. */
function fileSafe(url: string): string {
  const parsed = new URL(url);
  const where = parsed.host + (parsed.pathname === '/' ? '' : parsed.pathname.replace(/\/$/, ''));
  return where.replace(/[^A-Za-z0-9.-]+/g, '_');
}

/**
 * One state file per (CHT instance, RapidPro workspace host), outside the project so it is never
 * committed: `$XDG_STATE_HOME/cht-rapidpro/<cht host>-<rapidpro host>.json`, else
 * `$HOME/.local/state/cht-rapidpro/…` (the XDG default). Throws when neither is set.
 */
export function defaultStatePath(env: NodeJS.ProcessEnv, chtOrigin: string, rapidproHost: string): string {
  const xdg = env.XDG_STATE_HOME;
  // The XDG spec says a relative value is to be ignored.
  const base = xdg && path.isAbsolute(xdg) ? xdg : env.HOME && path.isAbsolute(env.HOME) ? path.join(env.HOME, '.local', 'state') : undefined;
  if (!base) throw new SyncStateError('no place for the sync state: HOME and XDG_STATE_HOME are unset (or not absolute paths); set one, or pass --state FILE');
  return path.join(base, 'cht-rapidpro', `${fileSafe(chtOrigin)}-${fileSafe(rapidproHost)}.json`);
}
