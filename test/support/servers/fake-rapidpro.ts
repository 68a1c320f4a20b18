/**
 * A fake RapidPro API v2 on 127.0.0.1 for tests: workspace, flows (with the `results` and their
 * `node_uuids` RapidPro's flow inspection lists), runs (cursor pagination over several pages,
 * `after`/`before` on `modified_on` inclusive, `reverse`, `uuid`, `paths=false`), flow_starts,
 * contacts (with RapidPro's URN rules), broadcasts and fields; token check; injectable 429 with
 * `Retry-After`, 5xx and slow answers. Shapes follow nyaruka/rapidpro's serializers.
 */
import { randomUUID } from 'crypto';
import type * as http from 'http';
import { resultKey } from '../../../src/rapidpro/flow/naming';
import type { FlowDefinition } from '../../../src/rapidpro/flow/types';
import type {
  BroadcastRequest,
  FlowStartRequest,
  RapidProContact,
  RapidProField,
  RapidProFlow,
  RapidProFlowResult,
  RapidProRun,
} from '../../../src/rapidpro/client/types';
import { RunningServer, parseJsonBody, sendJson, startServer } from './http';

/** An injected misbehaviour for the next `times` matching requests. */
export interface Fault {
  endpoint: string;
  method?: string;
  status?: number;
  retryAfter?: string;
  /** Hold the answer this long (to trigger client timeouts). */
  delayMs?: number;
  body?: unknown;
  times: number;
}

export interface LoggedRequest {
  method: string;
  endpoint: string;
  /** The raw path and query string as the client sent it (to check URL encoding). */
  rawUrl: string;
  authorization: string | undefined;
}

export class FakeRapidPro {
  readonly token = 'rp-secret-token-0123456789abcdef';
  pageSize = 3;
  flows: RapidProFlow[] = [];
  runs: RapidProRun[] = [];
  contacts: RapidProContact[] = [];
  fields: RapidProField[] = [];
  flowStarts: FlowStartRequest[] = [];
  broadcasts: BroadcastRequest[] = [];
  requests: LoggedRequest[] = [];
  /** When set, `next` links use this origin (like a proxy that rewrites https to http). */
  nextOrigin?: string;
  /** Answer every call with 403, as RapidPro does for a user without API access. */
  forbidden = false;
  /** `GET workspace.json`: the workspace the token belongs to. */
  workspace = { uuid: randomUUID(), name: 'Test workspace', country: 'KE', languages: ['eng', 'fra', 'swa'], timezone: 'Africa/Nairobi', date_style: 'day_first', anon: false };
  /** Awaited before answering each authorised request (to hold one client until a test says). */
  gate?: (endpoint: string, method: string) => Promise<void> | void;
  private faults: Fault[] = [];
  private running?: RunningServer;

  /** Base URL with a trailing slash, as credentials hold it. */
  get host(): string {
    if (!this.running) throw new Error('fake RapidPro not started');
    return `${this.running.url}/`;
  }

  async start(): Promise<this> {
    this.running = await startServer((req, res, body) => this.handle(req, res, body));
    return this;
  }

  async stop(): Promise<void> {
    await this.running?.close();
  }

  fail(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  addFlow(name: string, archived = false, results: RapidProFlowResult[] = [], uuid: string = randomUUID()): RapidProFlow {
    const now = new Date('2024-01-01T00:00:00Z').toISOString();
    const flow: RapidProFlow = { uuid, name, type: 'message', archived, labels: [], expires: 10080, runs: {}, results, parent_refs: [], created_on: now, modified_on: now };
    this.flows.push(flow);
    return flow;
  }

  /** A flow as RapidPro lists it after importing `definition` (same uuids, as in its own workspace). */
  addFlowDefinition(definition: FlowDefinition): RapidProFlow {
    this.definitions.set(definition.uuid, definition);
    return this.addFlow(definition.name, false, flowResults(definition), definition.uuid);
  }

  /** Flow definitions `definitions.json` returns, by flow uuid. */
  readonly definitions = new Map<string, FlowDefinition>();

  addRun(run: RapidProRun): RapidProRun {
    this.runs.push({ ...run, id: this.runs.length + 1 });
    return run;
  }

  count(method: string, endpoint: string): number {
    return this.requests.filter((r) => r.method === method && r.endpoint === endpoint).length;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const endpoint = url.pathname.replace(/^\/api\/v2\//, '');
    const method = req.method ?? 'GET';
    this.requests.push({ method, endpoint, rawUrl: req.url ?? '', authorization: req.headers.authorization });

    if (req.headers.authorization !== `Token ${this.token}`) {
      return sendJson(res, 401, { detail: req.headers.authorization ? 'Invalid token' : 'Authentication credentials were not provided.' }, { 'WWW-Authenticate': 'Token' });
    }
    if (this.forbidden) return sendJson(res, 403, { detail: 'You do not have permission to perform this action.' });
    await this.gate?.(endpoint, method);

    const fault = this.faults.find((f) => f.endpoint === endpoint && (!f.method || f.method === method) && f.times > 0);
    if (fault) {
      fault.times--;
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.status) {
        return sendJson(res, fault.status, fault.body ?? { detail: `fault ${fault.status}` }, fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {});
      }
    }
    if (res.destroyed) return;

    const key = `${method} ${endpoint}`;
    const json = parseJsonBody(body) as Record<string, unknown> | undefined;
    switch (key) {
      case 'GET workspace.json':
      case 'GET org.json':
        return sendJson(res, 200, this.workspace);
      case 'GET flows.json':
        return this.page(res, url, this.flows.filter((f) => !url.searchParams.get('uuid') || f.uuid === url.searchParams.get('uuid')));
      case 'GET runs.json': {
        const runs = this.filterRuns(url.searchParams);
        return this.page(res, url, url.searchParams.get('paths') === 'false' ? runs.map((run) => ({ ...run, path: null })) : runs);
      }
      case 'POST flow_starts.json':
        return this.startFlow(res, json ?? {});
      case 'GET contacts.json':
        return this.page(res, url, this.contacts.filter((c) => matchesContact(c, url.searchParams)));
      case 'POST contacts.json':
        return this.writeContact(res, url.searchParams, json ?? {});
      case 'POST broadcasts.json':
        return this.broadcast(res, json ?? {});
      case 'GET fields.json':
        return this.page(res, url, this.fields);
      case 'GET definitions.json':
        // RapidPro: the listed flows' current definitions (and, unless dependencies=none, what they use)
        return sendJson(res, 200, { version: '13', site: 'https://rapidpro.example.org', flows: url.searchParams.getAll('flow').flatMap((uuid) => this.definitions.get(uuid) ?? []), campaigns: [], triggers: [], fields: [], groups: [] });
      case 'POST fields.json':
        return this.createField(res, json ?? {});
      default:
        return sendJson(res, 404, { detail: 'Not found.' });
    }
  }

  /** Cursor pagination: the cursor is opaque to clients (base64 of an offset here). */
  private page<T>(res: http.ServerResponse, url: URL, items: T[]): void {
    const cursor = url.searchParams.get('cursor');
    const offset = cursor ? Number(JSON.parse(Buffer.from(cursor, 'base64url').toString()).o) : 0;
    const results = items.slice(offset, offset + this.pageSize);
    let next: string | null = null;
    if (offset + this.pageSize < items.length) {
      const nextUrl = new URL(url.pathname + url.search, this.nextOrigin ?? this.running!.url);
      nextUrl.searchParams.set('cursor', Buffer.from(JSON.stringify({ o: offset + this.pageSize })).toString('base64url'));
      next = nextUrl.href;
    }
    sendJson(res, 200, { next, previous: null, results });
  }

  private filterRuns(params: URLSearchParams): RapidProRun[] {
    const after = params.get('after');
    const before = params.get('before');
    const runs = this.runs.filter((run) =>
      (!params.get('flow') || run.flow.uuid === params.get('flow')) &&
      (!params.get('uuid') || run.uuid === params.get('uuid')) &&
      (params.get('responded') !== 'true' || run.responded) &&
      (!after || Date.parse(run.modified_on) >= Date.parse(after)) &&
      (!before || Date.parse(run.modified_on) <= Date.parse(before)));
    const ascending = [...runs].sort((a, b) => Date.parse(a.modified_on) - Date.parse(b.modified_on) || (a.id ?? 0) - (b.id ?? 0));
    return params.get('reverse') === 'true' ? ascending : ascending.reverse();
  }

  private startFlow(res: http.ServerResponse, body: Record<string, unknown>): void {
    const flow = this.flows.find((f) => f.uuid === body.flow);
    if (!body.flow) return sendJson(res, 400, { flow: ['This field is required.'] });
    if (!flow) return sendJson(res, 400, { flow: [`No such object: ${String(body.flow)}`] });
    const request = body as unknown as FlowStartRequest;
    if (!request.urns?.length && !request.contacts?.length && !request.groups?.length) {
      return sendJson(res, 400, { non_field_errors: ['Must specify at least one group, contact or URN'] });
    }
    this.flowStarts.push(request);
    const now = new Date().toISOString();
    sendJson(res, 201, { uuid: randomUUID(), flow: { uuid: flow.uuid, name: flow.name }, status: 'pending', groups: [], contacts: [], params: request.params ?? {}, created_on: now, modified_on: now });
  }

  /** RapidPro's contact write rules: URNs unique, `?urn=` creates when missing and forbids `urns`. */
  private writeContact(res: http.ServerResponse, params: URLSearchParams, body: Record<string, unknown>): void {
    const uuid = params.get('uuid');
    const urn = params.get('urn');
    const urns = Array.isArray(body.urns) ? (body.urns as string[]) : undefined;
    if (urn !== null && urns) return sendJson(res, 400, { urns: ['Field not allowed when using URN in URL'] });
    if (urn !== null && !/^tel:\+\d{7,15}$/.test(urn)) return sendJson(res, 400, { urn: [`Invalid URN: ${urn}`] });
    let contact = uuid ? this.contacts.find((c) => c.uuid === uuid) : urn ? this.contacts.find((c) => c.urns.includes(urn)) : undefined;
    if (uuid && !contact) return sendJson(res, 404, { detail: 'Not found.' });
    const taken = (urns ?? []).findIndex((u) => this.contacts.some((c) => c !== contact && c.urns.includes(u)));
    if (taken >= 0) return sendJson(res, 400, { urns: { [taken]: ['URN is in use by another contact.'] } });
    const created = !contact;
    if (!contact) {
      const now = new Date().toISOString();
      contact = { uuid: randomUUID(), name: null, language: null, urns: urns ?? (urn ? [urn] : []), groups: [], fields: {}, created_on: now, modified_on: now };
      this.contacts.push(contact);
    }
    if (typeof body.name === 'string') contact.name = body.name;
    if (typeof body.language === 'string') contact.language = body.language;
    if (urns && !created) contact.urns = urns;
    if (body.fields && typeof body.fields === 'object') Object.assign(contact.fields, body.fields);
    sendJson(res, created ? 201 : 200, contact);
  }

  private broadcast(res: http.ServerResponse, body: Record<string, unknown>): void {
    if (!body.text) return sendJson(res, 400, { text: ['This field is required.'] });
    const request = body as unknown as BroadcastRequest;
    this.broadcasts.push(request);
    sendJson(res, 201, { id: this.broadcasts.length, urns: request.urns ?? [], contacts: [], groups: [], text: request.text, status: 'queued', created_on: new Date().toISOString() });
  }

  private createField(res: http.ServerResponse, body: Record<string, unknown>): void {
    if (typeof body.name !== 'string') return sendJson(res, 400, { non_field_errors: ["Field 'name' is required."] });
    const key = body.name.toLowerCase().replace(/[^a-z0-9]+/g, '_');
    if (this.fields.some((f) => f.key === key)) return sendJson(res, 400, { name: ['This field must be unique.'] });
    const field: RapidProField = { key, name: body.name, type: body.type as RapidProField['type'], featured: false, priority: 0 };
    this.fields.push(field);
    sendJson(res, 201, field);
  }
}

/**
 * The results a flow may create, merged by key with every node that saves each, as goflow's flow
 * inspection reports them (`flows.json` → `results`): a router's `result_name`, and actions that
 * save a result (`set_run_result`, `call_webhook` with a `result_name`).
 */
export function flowResults(definition: FlowDefinition): RapidProFlowResult[] {
  const results: RapidProFlowResult[] = [];
  const add = (name: string, categories: string[], node: string): void => {
    const key = resultKey(name);
    let result = results.find((r) => r.key === key);
    if (!result) {
      result = { key, name, categories: [], node_uuids: [] };
      results.push(result);
    }
    for (const category of categories) if (!result.categories.includes(category)) result.categories.push(category);
    if (!result.node_uuids?.includes(node)) result.node_uuids?.push(node);
  };
  for (const node of definition.nodes ?? []) {
    for (const action of node.actions ?? []) {
      const named = action as { type: string; name?: string; category?: string; result_name?: string };
      if (named.type === 'set_run_result' && named.name) add(named.name, named.category ? [named.category] : [], node.uuid);
      else if (named.result_name) add(named.result_name, ['Success', 'Failure'], node.uuid);
    }
    const router = node.router as { result_name?: string; categories?: { name: string }[] } | undefined;
    if (router?.result_name) add(router.result_name, (router.categories ?? []).map((c) => c.name), node.uuid);
  }
  return results;
}

function matchesContact(contact: RapidProContact, params: URLSearchParams): boolean {
  const uuid = params.get('uuid');
  const urn = params.get('urn');
  return (!uuid || contact.uuid === uuid) && (!urn || contact.urns.includes(urn));
}
