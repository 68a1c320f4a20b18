/**
 * A fake CHT API on 127.0.0.1 for tests: `POST /api/v2/records` (known forms only, keys
 * lower-cased, unknown fields dropped, as cht-core's records service does — and, like it, no
 * uniqueness: an identical body stores a second document), `POST /medic/_find` for the
 * de-duplication selector (CouchDB's default limit of 25 included), and
 * `PUT /api/v1/credentials/<key>` (admins only, text/plain). Configuration (settings, forms,
 * translations, the CouchDB calls cht-conf makes) is `config`, in ./fake-cht-config.ts.
 *
 * Faults as a real deployment has them: down (connections dropped, or refused when `offline()`),
 * a record refused with CHT's 500 error body (a transition throwing), 429/503 with `Retry-After`
 * from a proxy, a gateway error after CHT saved the record, an answer lost after saving, and a save
 * that completes after the client gave up (CHT keeps working on a request whose client left).
 */
import { randomUUID } from 'crypto';
import { EventEmitter } from 'events';
import type * as http from 'http';
import { ChtConfigStore } from './fake-cht-config';
import { RunningServer, parseJsonBody, sendJson, startServer } from './http';

export interface StoredRecord {
  _id: string;
  type: 'data_record';
  form: string;
  from?: string;
  reported_date: number;
  fields: Record<string, unknown>;
}

/** A misbehaviour for the next `times` matching requests. */
export interface ChtFault {
  /** `/api/v2/records` or `/medic/_find`. */
  path: string;
  status?: number;
  retryAfter?: string;
  /** The JSON body of the faulty answer; default CHT's `{code, error}` shape. */
  body?: unknown;
  /** Records only: save the record first, then answer with the fault (a 502/504 gateway that gave up on CHT). */
  afterSave?: boolean;
  times: number;
}

/** What CHT answers instead of saving a record, e.g. a transition throwing: `{ status: 500, details: '…' }`. */
export interface Refusal {
  status: number;
  details: string;
}

interface User {
  password: string;
  admin: boolean;
}

export class FakeCht extends EventEmitter {
  users: Record<string, User> = { admin: { password: 'admin-pass', admin: true }, gateway: { password: 'gw-pass', admin: false } };
  /** JSON forms: code → field names. */
  forms: Record<string, string[]> = {};
  docs: StoredRecord[] = [];
  credentials = new Map<string, string>();
  /** Every request is dropped (connection reset), as when CHT is down. */
  down = false;
  /** Goes down after this many more records are created. */
  downAfterRecords?: number;
  /** Saves the next N records but drops the connection before answering (the client cannot know). */
  dropAnswerAfterSave = 0;
  /** Slows every record creation (to kill a sync mid-way). */
  recordDelayMs = 0;
  /** Slows the creation of chosen records; the save happens even when the client has gone. */
  recordDelay?: (body: Record<string, unknown>) => number;
  /** Holds the save of chosen records until the promise settles (a webhook POST CHT is still working on). */
  recordGate?: (body: Record<string, unknown>) => Promise<void> | undefined;
  /** Refuses chosen records without saving them, as CHT does when validation or a transition throws. */
  refuse?: (body: Record<string, unknown>) => Refusal | undefined;
  /** Every record POST that reached CHT, in order (its rp_event_id, and when it arrived). */
  recordPosts: { rpEventId: unknown; at: number }[] = [];
  /** Every request that reached CHT (authenticated or not), in order. */
  requests: { method: string; path: string; at: number }[] = [];
  findCalls = 0;
  /** Settings, forms, translations and what cht-conf reads and writes (deploy). */
  readonly config = new ChtConfigStore();
  private savesInProgress = 0;
  private faults: ChtFault[] = [];
  private running?: RunningServer;
  private port = 0;

  get origin(): string {
    if (!this.running) throw new Error('fake CHT not started');
    return this.running.url;
  }

  /** The instance URL with credentials, as users pass it to `--url`. */
  urlFor(user = 'admin'): string {
    const url = new URL(this.origin);
    url.username = user;
    url.password = this.users[user]?.password ?? 'wrong';
    return url.href;
  }

  async start(): Promise<this> {
    this.running = await startServer((req, res, body) => this.handle(req, res, body), this.port);
    this.port = this.running.port;
    return this;
  }

  async stop(): Promise<void> {
    await this.running?.close();
  }

  /** Stops listening: connections are refused (nothing reaches CHT) until `online()`. */
  async offline(): Promise<void> {
    await this.stop();
  }

  /** Listens again on the same port. */
  async online(): Promise<void> {
    await this.start();
  }

  fail(fault: ChtFault): void {
    this.faults.push({ ...fault });
  }

  /** How many records hold this rp_event_id (CHT keeps duplicates). */
  countOf(rpEventId: string): number {
    return this.docs.filter((doc) => doc.fields.rp_event_id === rpEventId).length;
  }

  recordsOf(form: string): StoredRecord[] {
    return this.docs.filter((doc) => doc.form === form.toUpperCase());
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    if (this.down) {
      req.socket.destroy();
      return;
    }
    this.requests.push({ method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://fake').pathname, at: Date.now() });
    const name = this.authenticate(req.headers.authorization) ?? this.config.sessionUser(req.headers.cookie);
    const user = name === undefined ? undefined : this.users[name];
    if (!user || name === undefined) return sendJson(res, 401, { code: 401, error: 'unauthorized' });
    if (await this.config.handle(req, res, body, { name, ...user }, this.credentials)) return;
    const url = new URL(req.url ?? '/', 'http://fake');
    const fault = this.faults.find((f) => f.path === url.pathname && f.times > 0);
    if (fault) fault.times--;
    if (fault && !fault.afterSave && fault.status) return this.faultAnswer(res, fault);
    if (req.method === 'POST' && url.pathname === '/api/v2/records') return this.createRecord(req, res, body, fault);
    if (req.method === 'POST' && url.pathname === '/medic/_find') return this.find(res, body);
    const credential = /^\/api\/v1\/credentials\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'PUT' && credential) {
      if (!user.admin) return sendJson(res, 403, { code: 403, error: 'Insufficient permissions' });
      if (!String(req.headers['content-type']).startsWith('text/plain') || !body) {
        return sendJson(res, 400, { code: 400, error: 'Missing required request body' });
      }
      this.credentials.set(decodeURIComponent(credential[1]), body);
      return sendJson(res, 200, { ok: true });
    }
    sendJson(res, 404, { error: 'not_found', reason: 'missing' });
  }

  /** The name of the user a Basic header authenticates. */
  private authenticate(header: string | undefined): string | undefined {
    const match = /^Basic (.+)$/.exec(header ?? '');
    if (!match) return undefined;
    const [name, ...rest] = Buffer.from(match[1], 'base64').toString().split(':');
    const user = this.users[name];
    return user && user.password === rest.join(':') ? name : undefined;
  }

  private faultAnswer(res: http.ServerResponse, fault: ChtFault): void {
    const status = fault.status ?? 500;
    sendJson(res, status, fault.body ?? { code: status, error: `fault ${status}` }, fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {});
  }

  private async createRecord(req: http.IncomingMessage, res: http.ServerResponse, body: string, fault?: ChtFault): Promise<void> {
    this.savesInProgress++;
    try {
      await this.saveRecord(req, res, body, fault);
    } finally {
      this.savesInProgress--;
    }
  }

  /** Resolves once no record POST is being worked on (those of a killed client included). */
  async settled(): Promise<void> {
    while (this.savesInProgress > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private async saveRecord(req: http.IncomingMessage, res: http.ServerResponse, body: string, fault?: ChtFault): Promise<void> {
    const input = parseJsonBody(body) as Record<string, unknown> | undefined;
    const serverError = (details: string): void => sendJson(res, 500, { code: 500, error: 'Server error', details });
    if (!String(req.headers['content-type']).startsWith('application/json')) return serverError('Content type not supported');
    const meta = input?._meta as Record<string, unknown> | undefined;
    if (!meta) return serverError('Missing _meta property.');
    if (!meta.form) return serverError('Missing required field: form');
    const code = String(meta.form).toUpperCase();
    const known = this.forms[code];
    if (!known) return serverError(`Form not found: ${code}`);
    this.recordPosts.push({ rpEventId: input?.rp_event_id, at: Date.now() });
    const refusal = this.refuse?.(input ?? {});
    if (refusal) return sendJson(res, refusal.status, { code: refusal.status, error: refusal.status === 500 ? 'Server error' : 'Bad request', details: refusal.details });
    await this.recordGate?.(input ?? {});
    const delay = this.recordDelayMs + (this.recordDelay?.(input ?? {}) ?? 0);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (this.down) {
      req.socket.destroy();
      return;
    }
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input ?? {})) {
      if (key !== '_meta' && known.includes(key.toLowerCase())) fields[key.toLowerCase()] = value;
    }
    const doc: StoredRecord = {
      _id: randomUUID(),
      type: 'data_record',
      form: code,
      from: typeof meta.from === 'string' ? meta.from : undefined,
      reported_date: typeof meta.reported_date === 'number' ? meta.reported_date : Date.now(),
      fields,
    };
    this.docs.push(doc);
    this.emit('record', doc);
    if (this.downAfterRecords !== undefined && --this.downAfterRecords <= 0) {
      this.down = true;
      this.downAfterRecords = undefined;
    }
    if (this.dropAnswerAfterSave > 0) {
      this.dropAnswerAfterSave--;
      req.socket.destroy();
      return;
    }
    if (fault?.afterSave) return this.faultAnswer(res, fault);
    // The client may have given up waiting: the record is saved all the same.
    if (!res.destroyed && !req.socket.destroyed) sendJson(res, 200, { success: true, id: doc._id });
  }

  /** Mango `_find` for exactly the selector sync sends; anything else is a 400 so the test notices. */
  private find(res: http.ServerResponse, body: string): void {
    this.findCalls++;
    const query = parseJsonBody(body) as { selector?: Record<string, unknown>; fields?: string[]; limit?: number; bookmark?: string } | undefined;
    const selector = query?.selector ?? {};
    const inList = (selector['fields.rp_event_id'] as { $in?: unknown } | undefined)?.$in;
    if (selector.type !== 'data_record' || typeof selector.form !== 'string' || !Array.isArray(inList)) {
      return sendJson(res, 400, { error: 'bad_request', reason: 'unexpected selector' });
    }
    const matching = this.docs.filter((doc) => doc.form === selector.form && inList.includes(doc.fields.rp_event_id));
    const limit = query?.limit ?? 25;
    const offset = query?.bookmark ? Number(query.bookmark) : 0;
    const page = matching.slice(offset, offset + limit);
    const projected = query?.fields?.includes('fields.rp_event_id') ? page.map((doc) => ({ fields: { rp_event_id: doc.fields.rp_event_id } })) : page;
    sendJson(res, 200, { docs: projected, bookmark: String(offset + page.length) });
  }
}
