/**
 * The configuration side of the fake CHT 4.11 (used by `deploy` and the real cht-conf 6.6 it
 * runs): the CouchDB calls cht-conf makes through PouchDB's HTTP adapter (session cookie, docs with
 * inline attachments, `_all_docs`, Mango indexes), the settings API with 4.11's replace/overwrite
 * semantics (`api/src/services/settings.js`), `deploy-info`, form validation, and which
 * credentials exist in `medic-vault` (`credential:<encodeURIComponent(key)>`, as
 * shared-libs/settings stores them). `seedFresh411()` makes it look like a fresh CHT 4.11: the
 * default config's app and contact forms, settings and translation docs.
 *
 * Self-contained: FakeCht delegates here for these paths and keeps records and sync to itself.
 */
import { createHash, randomBytes } from 'crypto';
import type * as http from 'http';
import { parseJsonBody, sendJson } from './http';

type Json = Record<string, unknown>;

export interface StoredAttachment {
  content_type: string;
  data: Buffer;
}

export interface CouchDoc {
  _id: string;
  _rev: string;
  [key: string]: unknown;
}

interface StoredDoc {
  doc: Json & { _id: string; _rev: string };
  attachments: Record<string, StoredAttachment>;
}

interface MangoIndex {
  ddoc: string;
  name: string;
  type: string;
  def: Json;
}

export interface ConfigUser {
  name: string;
  password: string;
  admin: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  user: string;
}

/** CHT 4.11's default app forms (cht-core 4.11.0 config/default/forms/app). */
export const DEFAULT_APP_FORMS_411 = [
  'death_report', 'delivery', 'pnc_danger_sign_follow_up_baby', 'pnc_danger_sign_follow_up_mother', 'pregnancy',
  'pregnancy_danger_sign', 'pregnancy_danger_sign_follow_up', 'pregnancy_facility_visit_reminder', 'pregnancy_home_visit',
  'replace_user', 'undo_death_report',
];
const DEFAULT_CONTACT_FORMS_411 = ['clinic', 'district_hospital', 'health_center', 'person'].flatMap((type) => [`${type}-create`, `${type}-edit`]);

const md5Digest = (data: Buffer): string => `md5-${createHash('md5').update(data).digest('base64')}`;

export class ChtConfigStore {
  version = '4.11.0';
  settings: Json = {};
  readonly docs = new Map<string, StoredDoc>();
  readonly indexes: MangoIndex[] = [];
  /** Every request this store answered, in order (a dry run must make only GETs). */
  readonly requests: RecordedRequest[] = [];
  /** The raw bodies of settings uploads, as CHT received them. */
  readonly settingsUploads: string[] = [];
  /** Answer this status instead, for the first request it returns a number for. */
  failOn?: (method: string, path: string) => number | undefined;
  /** Hold a request until the returned promise settles (to kill a deploy mid-upload). */
  holdOn?: (method: string, path: string) => Promise<void> | undefined;
  private readonly sessions = new Map<string, string>();

  /** A fresh CHT 4.11: the default config's settings, forms and translations, no credentials. */
  seedFresh411(): this {
    this.settings = {
      locale: 'en',
      contact_types: [{ id: 'district_hospital' }, { id: 'health_center' }, { id: 'clinic' }, { id: 'person', person: true }],
      death_reporting: { mark_deceased_forms: ['death_report'], undo_deceased_forms: ['undo_death_report'], date_field: 'fields.death_details.date_of_death' },
      create_user_for_contacts: { replace_forms: ['replace_user'] },
      gateway_number: '+13125551212',
      permissions: { can_edit: ['program_officer'] },
      tasks: { rules: 'default rules', isDeclarative: true, targets: { items: [] } },
      contact_summary: 'default summary',
    };
    for (const id of DEFAULT_APP_FORMS_411) this.putForm(`form:${id}`, id, `<h:html><h:head><h:title>Default ${id}</h:title></h:head></h:html>`);
    for (const name of DEFAULT_CONTACT_FORMS_411) {
      const internalId = `contact:${name.replace('-', ':')}`;
      this.putForm(`form:${internalId}`, internalId, `<h:html><h:head><h:title>Default ${name}</h:title></h:head></h:html>`);
    }
    for (const code of ['en', 'es', 'fr', 'sw']) {
      const custom = code === 'en' ? { 'contact.type.clinic': 'Area', 'task.anc.followup': 'ANC follow up' } : undefined;
      this.store({ _id: `messages-${code}`, type: 'translations', code, name: code, enabled: true, generic: { Submit: 'Submit' }, ...(custom ? { custom } : {}) });
    }
    return this;
  }

  /** A form doc as cht-conf uploads them: `type: form`, `internalId`, title, the XForm as attachment `xml`. */
  putForm(id: string, internalId: string, xml: string, extra: Json = {}): void {
    this.store({ _id: id, type: 'form', internalId, title: internalId, ...extra }, { xml: { content_type: 'application/xml', data: Buffer.from(xml) } });
  }

  doc(id: string): (Json & { _id: string; _rev: string }) | undefined {
    return this.docs.get(id)?.doc;
  }

  attachment(id: string, name: string): string | undefined {
    return this.docs.get(id)?.attachments[name]?.data.toString('utf8');
  }

  formIds(): string[] {
    return [...this.docs.keys()].filter((id) => id.startsWith('form:')).sort();
  }

  /** The user a request's AuthSession cookie belongs to. */
  sessionUser(cookie: string | undefined): string | undefined {
    const token = /AuthSession=([^;]+)/.exec(cookie ?? '')?.[1];
    return token ? this.sessions.get(token) : undefined;
  }

  /**
   * Answers the configuration paths; returns false for anything else (FakeCht goes on). `user` is
   * already authenticated; `credentials` is FakeCht's credential store (for `medic-vault`).
   */
  async handle(req: http.IncomingMessage, res: http.ServerResponse, body: string, user: ConfigUser, credentials: ReadonlyMap<string, string>): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (!this.isConfigPath(path)) return false;
    this.requests.push({ method, path: `${path}${url.search}`, user: user.name });
    const held = this.holdOn?.(method, path);
    if (held) await held;
    const failure = this.failOn?.(method, path);
    if (failure) {
      this.failOn = undefined;
      sendJson(res, failure, { error: 'server_error', reason: `fake failure ${failure}` });
      return true;
    }
    const forbidden = (): boolean => {
      if (user.admin) return false;
      sendJson(res, 403, { error: 'forbidden', reason: 'Insufficient permissions' });
      return true;
    };

    if (path === '/_session' && method === 'POST') {
      const token = randomBytes(12).toString('hex');
      this.sessions.set(token, user.name);
      const expires = new Date(Date.now() + 600_000).toUTCString();
      sendJson(res, 200, { ok: true, name: user.name, roles: this.roles(user) }, {
        'Set-Cookie': `AuthSession=${token}; Version=1; Expires=${expires}; Max-Age=600; Path=/; HttpOnly`,
      });
    } else if (path === '/_session') {
      sendJson(res, 200, { ok: true, userCtx: { name: user.name, roles: this.roles(user) } });
    } else if (path === '/api/deploy-info') {
      sendJson(res, 200, { version: this.version });
    } else if (path === '/api/couch-config-attachments') {
      // CouchDB's [attachments] section with its defaults (api/src/controllers/couch-config.js, admins only).
      if (!user.admin) sendJson(res, 401, { error: 'unauthorized', reason: 'Insufficient privileges' });
      else sendJson(res, 200, { compression_level: '8', compressible_types: 'text/*, application/javascript, application/json, application/xml' });
    } else if (path === '/api/v1/forms/validate') {
      if (!forbidden()) sendJson(res, 200, { ok: true });
    } else if (path === '/api/v1/settings/deprecated-transitions') {
      sendJson(res, 200, []);
    } else if (path === '/api/v1/settings' && method === 'GET') {
      sendJson(res, 200, this.settings);
    } else if (path === '/api/v1/settings' || path === '/medic/_design/medic/_rewrite/update_settings/medic') {
      if (!forbidden()) this.updateSettings(res, body, url.searchParams);
    } else if (path.startsWith('/medic-vault/')) {
      this.vault(res, decodeURIComponent(path.slice('/medic-vault/'.length)), credentials, method, user);
    } else if (path === '/medic' || path === '/medic/') {
      sendJson(res, 200, { db_name: 'medic', doc_count: this.docs.size, update_seq: String(this.docs.size) });
    } else if (path === '/medic/_all_docs') {
      this.allDocs(res, url.searchParams);
    } else if (path.startsWith('/medic/_index')) {
      if (method === 'GET' || !forbidden()) this.index(res, method, path, body);
    } else {
      this.document(res, method, path, body, url.searchParams, forbidden);
    }
    return true;
  }

  private isConfigPath(path: string): boolean {
    if (path === '/medic/_find' || path === '/api/v2/records') return false;
    return path === '/_session' || path.startsWith('/api/deploy-info') || path.startsWith('/api/couch-config-attachments') ||
      path.startsWith('/api/v1/forms/validate') || path.startsWith('/api/v1/settings') || path.startsWith('/medic-vault/') ||
      path === '/medic' || path.startsWith('/medic/');
  }

  private roles(user: ConfigUser): string[] {
    return user.admin ? ['_admin'] : ['gateway'];
  }

  /** 4.11's `settings.update`: overwrite → the body; replace → top-level keys; else deep extend. */
  private updateSettings(res: http.ServerResponse, body: string, query: URLSearchParams): void {
    const input = parseJsonBody(body);
    if (!input || typeof input !== 'object' || Array.isArray(input)) return sendJson(res, 400, { error: 'bad_request', reason: 'settings must be an object' });
    this.settingsUploads.push(body);
    const before = JSON.stringify(this.settings);
    if (query.get('overwrite')) this.settings = input as Json;
    else if (query.get('replace')) this.settings = { ...this.settings, ...(input as Json) };
    else this.settings = extend(this.settings, input as Json);
    sendJson(res, 200, { success: true, updated: JSON.stringify(this.settings) !== before });
  }

  private vault(res: http.ServerResponse, id: string, credentials: ReadonlyMap<string, string>, method: string, user: ConfigUser): void {
    if (!user.admin) return sendJson(res, 403, { error: 'forbidden', reason: 'You are not allowed to access this db.' });
    const key = id.startsWith('credential:') ? decodeURIComponent(id.slice('credential:'.length)) : undefined;
    if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { error: 'method_not_allowed' });
    if (key === undefined || !credentials.has(key)) return sendJson(res, 404, { error: 'not_found', reason: 'missing' });
    sendJson(res, 200, { _id: id, _rev: '1-vault', password: 'aes-256-cbc encrypted' });
  }

  private allDocs(res: http.ServerResponse, query: URLSearchParams): void {
    const parse = (name: string): string | undefined => (query.has(name) ? (JSON.parse(query.get(name) as string) as string) : undefined);
    const start = parse('startkey') ?? parse('start_key') ?? '';
    const end = parse('endkey') ?? parse('end_key') ?? '\ufff0';
    const includeDocs = query.get('include_docs') === 'true';
    const rows = [...this.docs.values()]
      .filter(({ doc }) => doc._id >= start && doc._id <= end)
      .sort((a, b) => (a.doc._id < b.doc._id ? -1 : 1))
      .map((stored) => ({ id: stored.doc._id, key: stored.doc._id, value: { rev: stored.doc._rev }, ...(includeDocs ? { doc: this.withStubs(stored) } : {}) }));
    sendJson(res, 200, { total_rows: this.docs.size, offset: 0, rows });
  }

  private index(res: http.ServerResponse, method: string, path: string, body: string): void {
    if (method === 'GET') {
      const special = { ddoc: null, name: '_all_docs', type: 'special', def: { fields: [{ _id: 'asc' }] } };
      return sendJson(res, 200, { total_rows: this.indexes.length + 1, indexes: [special, ...this.indexes] });
    }
    if (method === 'POST') {
      const input = (parseJsonBody(body) ?? {}) as { index?: { fields?: string[]; partial_filter_selector?: Json }; ddoc?: string; name?: string };
      const name = input.name ?? 'index';
      const fields = (input.index?.fields ?? []).map((field) => ({ [field]: 'asc' }));
      const def = { fields, ...(input.index?.partial_filter_selector ? { partial_filter_selector: input.index.partial_filter_selector } : {}) };
      const existing = this.indexes.findIndex((index) => index.name === name);
      if (existing >= 0) this.indexes.splice(existing, 1);
      this.indexes.push({ ddoc: `_design/${input.ddoc ?? name}`, name, type: 'json', def });
      return sendJson(res, 200, { result: existing >= 0 ? 'exists' : 'created', id: `_design/${input.ddoc ?? name}`, name });
    }
    const name = path.split('/').pop();
    const at = this.indexes.findIndex((index) => index.name === name);
    if (at >= 0) this.indexes.splice(at, 1);
    sendJson(res, 200, { ok: true });
  }

  private document(res: http.ServerResponse, method: string, path: string, body: string, query: URLSearchParams, forbidden: () => boolean): void {
    const rest = path.slice('/medic/'.length);
    // `_design/<name>` ids keep their slash; other ids are one URI-encoded segment, then an attachment name.
    const designMatch = /^_design\/([^/]+)(?:\/(.+))?$/.exec(rest);
    const [rawId, rawAttachment] = designMatch ? [`_design/${designMatch[1]}`, designMatch[2]] : [rest.split('/')[0], rest.split('/').slice(1).join('/') || undefined];
    const id = designMatch ? rawId : decodeURIComponent(rawId);
    const attachment = rawAttachment ? decodeURIComponent(rawAttachment) : undefined;
    const stored = this.docs.get(id);
    const missing = (): void => sendJson(res, 404, { error: 'not_found', reason: 'missing' });

    if (method === 'GET' && attachment) {
      const found = stored?.attachments[attachment];
      if (!found) return missing();
      res.writeHead(200, { 'Content-Type': found.content_type, 'Content-Length': found.data.length });
      res.end(found.data);
      return;
    }
    if (method === 'GET') return stored ? sendJson(res, 200, this.withStubs(stored)) : missing();
    if (forbidden()) return;
    if (method === 'DELETE') {
      if (!stored) return missing();
      if (query.get('rev') !== stored.doc._rev) return sendJson(res, 409, { error: 'conflict', reason: 'Document update conflict.' });
      this.docs.delete(id);
      return sendJson(res, 200, { ok: true, id, rev: nextRev(stored.doc._rev) });
    }
    if (method === 'PUT') {
      const input = parseJsonBody(body) as (Json & { _rev?: string; _attachments?: Record<string, { data?: string; stub?: boolean; content_type?: string }> }) | undefined;
      if (!input) return sendJson(res, 400, { error: 'bad_request', reason: 'invalid UTF-8 JSON' });
      if ((stored?.doc._rev ?? undefined) !== (input._rev ?? undefined)) return sendJson(res, 409, { error: 'conflict', reason: 'Document update conflict.' });
      const attachments: Record<string, StoredAttachment> = {};
      for (const [name, value] of Object.entries(input._attachments ?? {})) {
        if (value.stub) {
          const kept = stored?.attachments[name];
          if (kept) attachments[name] = kept;
        } else {
          attachments[name] = { content_type: value.content_type ?? 'application/octet-stream', data: Buffer.from(value.data ?? '', 'base64') };
        }
      }
      const { _attachments: _ignored, ...doc } = input;
      const rev = this.store({ ...doc, _id: id }, attachments);
      return sendJson(res, 201, { ok: true, id, rev });
    }
    sendJson(res, 405, { error: 'method_not_allowed' });
  }

  private store(doc: Json & { _id: string }, attachments: Record<string, StoredAttachment> = {}): string {
    const rev = nextRev(this.docs.get(doc._id)?.doc._rev);
    this.docs.set(doc._id, { doc: { ...doc, _id: doc._id, _rev: rev }, attachments });
    return rev;
  }

  private withStubs(stored: StoredDoc): Json {
    const entries = Object.entries(stored.attachments);
    if (!entries.length) return { ...stored.doc };
    const stubs = Object.fromEntries(entries.map(([name, att]) => [name, { content_type: att.content_type, digest: md5Digest(att.data), length: att.data.length, revpos: 1, stub: true }]));
    return { ...stored.doc, _attachments: stubs };
  }
}

function nextRev(rev: string | undefined): string {
  const n = rev ? Number(rev.split('-')[0]) + 1 : 1;
  return `${n}-${randomBytes(16).toString('hex')}`;
}

function extend(target: Json, source: Json): Json {
  const result: Json = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const current = result[key];
    const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
    result[key] = isObject(value) && isObject(current) ? extend(current, value) : value;
  }
  return result;
}
