/**
 * Minimal RapidPro and CHT stand-ins on 127.0.0.1 for the sync benchmark (the test servers under
 * test/support are outside the compiled tree). RapidPro serves `count` check-in runs, generated
 * on demand page by page (250 per page, cursor pagination, oldest first) so the server's own
 * memory does not grow with the run count; CHT answers the de-duplication `_find` and stores only
 * the `rp_event_id`s it has been posted.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { RapidProRun } from '../src/rapidpro/client/types';
import { CATEGORY, RESULT } from '../src/workflows/contact-tracing/flows';

export const RAPIDPRO_TOKEN = 'bench-token-0123456789abcdef'; // check:allow-secret (the bench's own local server)
export const CHT_USER = 'bench';
export const CHT_PASSWORD = 'bench-pass'; // check:allow-secret (the bench's own local server)
const PAGE_SIZE = 250;
const BASE_TIME = Date.parse('2026-03-01T00:00:00.000Z');

export interface Server {
  url: string;
  close(): Promise<void>;
}

async function listen(handler: (req: http.IncomingMessage, body: string) => { status: number; body: unknown }): Promise<Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let answer: { status: number; body: unknown };
      try {
        answer = handler(req, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        answer = { status: 500, body: { error: String(error) } };
      }
      const text = JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** The check-in run number `i`, as runs.json shows it. */
export function checkinRun(i: number, flow: { uuid: string; name: string }): RapidProRun {
  const time = new Date(BASE_TIME + i * 1000).toISOString();
  const value = (name: string, v: string, category: string) => ({ name, value: v, category, node: '00000000-0000-4000-8000-000000000001', time });
  const symptomatic = i % 17 === 0;
  const uuid = `11111111-2222-4333-8444-${String(i).padStart(12, '0')}`;
  return {
    uuid,
    id: i + 1,
    flow,
    contact: { uuid: `rp-contact-${i % 1000}`, urn: `tel:+254712${String(i % 1000).padStart(6, '0')}`, name: null },
    start: null,
    responded: true,
    path: null,
    values: {
      [RESULT.quarantineDay]: value('Quarantine Day', String((i % 14) + 1), CATEGORY.inQuarantine),
      [RESULT.chtContactId]: value('CHT Contact ID', `traced-${i % 1000}`, 'All Responses'),
      [RESULT.enrollmentId]: value('Enrollment ID', `enrol-${i % 1000}`, 'All Responses'),
      [RESULT.fever]: value('Fever', symptomatic ? 'yes' : 'no', symptomatic ? CATEGORY.yes : CATEGORY.no),
      [RESULT.cough]: value('Cough', 'no', CATEGORY.no),
      [RESULT.breathing]: value('Breathing', 'no', CATEGORY.no),
      [RESULT.symptomatic]: value('Symptomatic', String(symptomatic), symptomatic ? CATEGORY.yes : CATEGORY.no),
    },
    created_on: time,
    modified_on: time,
    exited_on: time,
    exit_type: 'completed',
  };
}

/** RapidPro with one flow (`flowName`) holding `count` runs. */
export function fakeRapidPro(flowName: string, count: number): Promise<Server> {
  const flow = { uuid: '9a8b7c6d-0000-4000-8000-000000000001', name: flowName };
  return listen((req) => {
    if (req.headers.authorization !== `Token ${RAPIDPRO_TOKEN}`) return { status: 401, body: { detail: 'Invalid token' } };
    const url = new URL(req.url ?? '/', 'http://bench');
    const page = <T>(items: T[], next: string | null) => ({ status: 200, body: { next, previous: null, results: items } });
    if (url.pathname === '/api/v2/flows.json') {
      return page([{ ...flow, type: 'message', archived: false, labels: [], expires: 10080, runs: {}, results: [], parent_refs: [], created_on: new Date(BASE_TIME).toISOString(), modified_on: new Date(BASE_TIME).toISOString() }], null);
    }
    if (url.pathname === '/api/v2/runs.json') {
      if (url.searchParams.get('flow') !== flow.uuid) return page([], null);
      const cursor = url.searchParams.get('cursor');
      const after = url.searchParams.get('after');
      const first = after ? Math.max(0, Math.ceil((Date.parse(after) - BASE_TIME) / 1000)) : 0;
      const offset = cursor ? Number(cursor) : first;
      const end = Math.min(count, offset + PAGE_SIZE);
      const runs: RapidProRun[] = [];
      for (let i = offset; i < end; i++) runs.push(checkinRun(i, flow));
      let next: string | null = null;
      if (end < count) {
        const nextUrl = new URL(url.href.replace('http://bench', `http://${req.headers.host ?? '127.0.0.1'}`));
        nextUrl.searchParams.set('cursor', String(end));
        next = nextUrl.href;
      }
      return page(runs, next);
    }
    return { status: 404, body: { detail: 'Not found.' } };
  });
}

/** CHT's records API and the `_find` sync uses for de-duplication. */
export function fakeCht(): Promise<Server & { created(): number }> {
  const eventIds = new Set<string>();
  const auth = `Basic ${Buffer.from(`${CHT_USER}:${CHT_PASSWORD}`).toString('base64')}`;
  let n = 0;
  return listen((req, body) => {
    if (req.headers.authorization !== auth) return { status: 401, body: { error: 'unauthorized' } };
    const url = new URL(req.url ?? '/', 'http://bench');
    if (req.method === 'POST' && url.pathname === '/api/v2/records') {
      const record = JSON.parse(body) as { rp_event_id?: unknown };
      if (typeof record.rp_event_id === 'string') eventIds.add(record.rp_event_id);
      n += 1;
      return { status: 200, body: { success: true, id: `record-${n}` } };
    }
    if (req.method === 'POST' && url.pathname === '/medic/_find') {
      const query = JSON.parse(body) as { selector?: { 'fields.rp_event_id'?: { $in?: unknown[] } } };
      const ids = query.selector?.['fields.rp_event_id']?.$in ?? [];
      const docs = ids.filter((id): id is string => typeof id === 'string' && eventIds.has(id)).map((id) => ({ fields: { rp_event_id: id } }));
      return { status: 200, body: { docs, bookmark: 'nil' } };
    }
    return { status: 404, body: { error: 'not_found' } };
  }).then((server) => ({ ...server, created: () => n }));
}
