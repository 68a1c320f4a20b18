/**
 * What a CHT 4.11 user can do with the medic database through CHT's API, by their roles: the
 * checks the integration credentials' README lines rest on (read from cht-core 4.11.0
 * `api/src/routing.js`, `middleware/authorization.js`, `controllers/records.js`,
 * `shared-libs/user-management/src/roles.js`).
 *
 * - `POST /api/v2/records` needs `can_create_records` (403 "Insufficient privileges"), online or not.
 * - The online-only endpoints (`_find`, `_explain`, `_index`, views, `_list`, `_show`, `_security`,
 *   `_purge`, `_ensure_full_commit`) refuse offline users (403 "Offline users are not allowed access to
 *   this endpoint") and are proxied to CouchDB for online users: every document.
 * - `_all_docs`, `_changes`, `_bulk_get` and doc reads are filtered to what replicates to an offline
 *   user; an online user's are proxied: every document.
 * - Writes (`_bulk_docs`, PUT/POST/DELETE of a doc): an offline user's are filtered to docs that would
 *   replicate to them; an online user's need `can_edit` (else CHT answers 500 "Server error").
 * Admin-only docs (settings, forms, translations, resources, design docs) are refused by CouchDB's
 * `validate_doc_update` to anyone but an admin either way.
 */
import { ReplicationSettings, hasPermission, isOffline } from './replication';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type Access =
  | { allowed: false; status: number; error: string }
  /** `all`: every document of the medic database; `replicated`: only what replicates to the user. */
  | { allowed: true; scope: 'all' | 'replicated' | 'creates a report' };

const ONLINE_ONLY = [/^_design\/[^/]+\/_(list|show|view)\//, /^_find(\/|$)/, /^_explain(\/|$)/, /^_index(\/|$)/, /^_ensure_full_commit(\/|$)/, /^_security(\/|$)/, /^_purge(\/|$)/];
const FILTERED_READS = [/^_all_docs(\/|$)/, /^_changes(\/|$)/, /^_bulk_get(\/|$)/];

/** What CHT 4.11 lets a user with `roles` do with one request to the medic database or the records API. */
export function apiAccess(settings: ReplicationSettings, roles: readonly string[], method: Method, path: string): Access {
  const offline = isOffline(settings, roles);
  if (path === '/api/v2/records') {
    if (method !== 'POST') return { allowed: false, status: 404, error: 'Not found' };
    return hasPermission(settings, roles, 'can_create_records') ? { allowed: true, scope: 'creates a report' } : { allowed: false, status: 403, error: 'Insufficient privileges' };
  }
  const match = /^\/medic\/(.*)$/.exec(path);
  if (!match) throw new Error(`apiAccess models the medic database and the records API, not ${path}`);
  const rest = match[1];
  if (ONLINE_ONLY.some((pattern) => pattern.test(rest))) {
    return offline ? { allowed: false, status: 403, error: 'Offline users are not allowed access to this endpoint' } : { allowed: true, scope: 'all' };
  }
  const read = method === 'GET' || (method === 'POST' && FILTERED_READS.some((pattern) => pattern.test(rest)));
  if (read) return { allowed: true, scope: offline ? 'replicated' : 'all' };
  if (offline) return { allowed: true, scope: 'replicated' };
  return hasPermission(settings, roles, 'can_edit') ? { allowed: true, scope: 'all' } : { allowed: false, status: 500, error: 'Server error' };
}
