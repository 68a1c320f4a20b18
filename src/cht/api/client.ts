import { redactText } from '../../util/redact';
import { ChtConnection } from './connection';

/** The `/api/v2/records` JSON body: `_meta` plus the JSON form's fields (keys are lower-cased by CHT). */
export interface ChtRecordBody {
  _meta: { form: string; from?: string; reported_date?: number | string; locale?: string };
  [field: string]: unknown;
}

/** A failed CHT call. `status` is 0 when CHT did not answer (down, timeout). */
export class ChtError extends Error {
  override name = 'ChtError';

  constructor(message: string, readonly status: number, readonly method: string, readonly path: string, readonly details?: string) {
    super(message);
  }

  /** True when CHT did not answer or failed on its side: retrying later may succeed. */
  get unavailable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export interface ChtClientOptions {
  /** Per request. Default 30 s: a record POST runs transitions before answering. */
  timeoutMs?: number;
  /** Event ids per `_find` query. Default 100. */
  findBatchSize?: number;
}

/** The few CHT API calls the RapidPro integration needs, with basic auth. */
export class ChtClient {
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly findBatchSize: number;

  constructor(private readonly connection: ChtConnection, options: ChtClientOptions = {}) {
    this.authorization = `Basic ${Buffer.from(`${connection.username}:${connection.password}`).toString('base64')}`;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.findBatchSize = options.findBatchSize ?? 100;
  }

  get origin(): string {
    return this.connection.origin;
  }

  /**
   * `POST /api/v2/records`: creates a data_record from a JSON form body. CHT answers an unknown
   * form with a 500 "Form not found", which becomes a ChtError saying the app settings lack it.
   */
  async createRecord(body: ChtRecordBody): Promise<{ id: string }> {
    const answer = await this.call('POST', '/api/v2/records', JSON.stringify(body), 'application/json');
    const id = (answer as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') throw new ChtError('CHT POST /api/v2/records answered without a record id', 200, 'POST', '/api/v2/records');
    return { id };
  }

  /** `PUT /api/v1/credentials/<key>` (admin only): stores a secret outbound pushes send. */
  async setCredential(key: string, value: string): Promise<void> {
    await this.call('PUT', `/api/v1/credentials/${encodeURIComponent(key)}`, value, 'text/plain');
  }

  /**
   * Which of these de-duplication ids CHT already holds as `fields.rp_event_id` of a `form`
   * record. Asks CHT itself (Mango `_find`), so the answer holds whichever machine synced before.
   */
  async existingEventIds(form: string, eventIds: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(eventIds)];
    for (let start = 0; start < unique.length; start += this.findBatchSize) {
      const batch = unique.slice(start, start + this.findBatchSize);
      // Duplicates already in CHT can make a batch match more docs than ids: page with the bookmark.
      const limit = batch.length * 2;
      let bookmark: string | undefined;
      for (;;) {
        const query = {
          selector: { type: 'data_record', form: form.toUpperCase(), 'fields.rp_event_id': { $in: batch } },
          fields: ['fields.rp_event_id'],
          limit,
          ...(bookmark ? { bookmark } : {}),
        };
        const answer = (await this.call('POST', '/medic/_find', JSON.stringify(query), 'application/json')) as FindAnswer;
        const docs = Array.isArray(answer?.docs) ? answer.docs : [];
        for (const doc of docs) {
          const id = doc.fields?.rp_event_id;
          if (typeof id === 'string') found.add(id);
        }
        if (docs.length < limit || !answer.bookmark) break;
        bookmark = answer.bookmark;
      }
    }
    return found;
  }

  private async call(method: string, path: string, body: string | undefined, contentType: string): Promise<unknown> {
    const what = `CHT ${method} ${path}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(new URL(path, this.connection.origin), {
        method,
        headers: { Authorization: this.authorization, Accept: 'application/json', 'Content-Type': contentType },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      const reason = timedOut ? `no answer within ${this.timeoutMs} ms` : `unreachable (${networkCode(error)})`;
      throw new ChtError(this.safe(`${what}: CHT at ${this.origin} is ${reason}`), 0, method, path);
    }
    const parsed = parseJson(text);
    if (response.ok) return parsed;
    const details = errorDetails(parsed, text);
    let message = `${what} failed with ${response.status}${details ? `: ${details}` : ''}`;
    if (response.status === 401) message += ` (check the user name and password for ${this.origin})`;
    if (response.status === 403) message += ` (user "${this.connection.username}" lacks the permission for this call)`;
    if (/^Form not found/i.test(details)) message += ' (the JSON form is missing from app_settings.forms on this CHT: deploy the app settings first)';
    throw new ChtError(this.safe(message), response.status, method, path, details ? this.safe(details) : undefined);
  }

  private safe(text: string): string {
    // By exact value and URL position only: a short password or one equal to the user name must not garble messages.
    return redactText(text, [this.connection.password], { publicValues: [this.connection.username] });
  }
}

interface FindAnswer {
  docs?: { fields?: { rp_event_id?: unknown } }[];
  bookmark?: string;
}

/** CHT API errors: `{"code":500,"error":"Server error","details":"Form not found: X"}`, CouchDB: `{"error","reason"}`. */
function errorDetails(parsed: unknown, text: string): string {
  if (parsed && typeof parsed === 'object') {
    const record = parsed as Record<string, unknown>;
    for (const key of ['details', 'reason', 'message', 'error']) {
      const value = record[key];
      if (typeof value === 'string' && value) return value;
      if (value && typeof value === 'object') return JSON.stringify(value);
    }
  }
  // Without a JSON Accept header CHT answers `Server error: "Form not found: X"`.
  const quoted = /^Server error: "(.*)"$/s.exec(text.trim());
  return (quoted ? quoted[1] : text.trim()).slice(0, 300);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function networkCode(error: unknown): string {
  const cause = error instanceof Error ? (error as Error & { cause?: { code?: string } }).cause : undefined;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}
