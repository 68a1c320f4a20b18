import { Timing, backoffMs, realTiming, retryAfterMs, retryDelayMs } from '../../rapidpro/client/retry';
import { redactText } from '../../util/redact';
import { ChtConnection } from './connection';
import { parseJsonBody } from '../../util/json';

/** The `/api/v2/records` JSON body: `_meta` plus the JSON form's fields (keys are lower-cased by CHT). */
export interface ChtRecordBody {
  _meta: { form: string; from?: string; reported_date?: number | string; locale?: string };
  [field: string]: unknown;
}

/**
 * How a CHT call failed, so callers can decide without parsing messages:
 * - `refused`: CHT answered and will not take this request as it is (4xx, or a 500 with CHT's
 *   error body: its records API answers a `PublicError` such as "Form not found" with 500).
 *   Sending it again unchanged gives the same answer; other requests may well succeed.
 * - `unknown`: a write may or may not have been done — no answer in time, the connection dropped
 *   after the request was sent, or a gateway (502/504) gave up waiting for CHT. CHT keeps working
 *   on a request whose client went away, so the write may still land later.
 * - `unavailable`: CHT could not be reached or asked us to come back later (connection refused,
 *   429, 503, …) and the retries ran out. Nothing was done.
 * - `auth`: the user name or password is wrong (401) or the user lacks the permission (403).
 * - `http`: any other answer (e.g. 404: not a CHT at this URL).
 */
export type ChtErrorKind = 'refused' | 'unknown' | 'unavailable' | 'auth' | 'http';

/** A failed CHT call. `status` is 0 when CHT did not answer (down, timeout). */
export class ChtError extends Error {
  override name = 'ChtError';

  constructor(
    message: string,
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly details?: string,
    readonly kind: ChtErrorKind = 'http',
  ) {
    super(message);
  }

  /** True when CHT did not answer or failed on its side: retrying later may succeed. */
  get unavailable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'unknown';
  }
}

export interface ChtClientOptions {
  /** Per request. Default 30 s: a record POST runs transitions before answering. */
  timeoutMs?: number;
  /** Event ids per `_find` query. Default 100. */
  findBatchSize?: number;
  /** Retries after the first attempt for transient failures (see `ChtErrorKind`). Default 5. */
  maxRetries?: number;
  /** A 429/503 asking to wait longer than this fails instead of blocking. Default 300 s. */
  maxRetryAfterMs?: number;
  timing?: Partial<Timing>;
  /** One line per retry; never holds the password or a full phone number. */
  log?: (line: string) => void;
}

/** Connection failures where the request cannot have reached CHT: safe to send again, even a POST. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'UND_ERR_CONNECT_TIMEOUT']);

interface Attempt {
  /** Retry after this delay (ms). */
  retryIn?: number;
  error?: ChtError;
  value?: unknown;
}

/** The few CHT API calls the RapidPro integration needs, with basic auth. */
export class ChtClient {
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly findBatchSize: number;
  private readonly maxRetries: number;
  private readonly maxRetryAfterMs: number;
  private readonly timing: Timing;
  private readonly log: (line: string) => void;

  constructor(private readonly connection: ChtConnection, options: ChtClientOptions = {}) {
    this.authorization = `Basic ${Buffer.from(`${connection.username}:${connection.password}`).toString('base64')}`;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.findBatchSize = options.findBatchSize ?? 100;
    this.maxRetries = options.maxRetries ?? 5;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 300_000;
    this.timing = { ...realTiming, ...options.timing };
    this.log = options.log ?? (() => undefined);
  }

  get origin(): string {
    return this.connection.origin;
  }

  /**
   * `POST /api/v2/records`: creates a data_record from a JSON form body. CHT stores a second
   * document for an identical body, so this is never sent again when its outcome is unknown:
   * the error says `unknown` and the caller must look the record up before trying again.
   * CHT answers an unknown form with a 500 "Form not found", which becomes a `refused` ChtError
   * saying the app settings lack it.
   */
  async createRecord(body: ChtRecordBody): Promise<{ id: string }> {
    const answer = await this.call('POST', '/api/v2/records', JSON.stringify(body), 'application/json', false);
    const id = (answer as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') throw new ChtError('CHT POST /api/v2/records answered without a record id', 200, 'POST', '/api/v2/records', undefined, 'unknown');
    return { id };
  }

  /** `PUT /api/v1/credentials/<key>` (admin only): stores a secret outbound pushes send. Setting it twice is harmless. */
  async setCredential(key: string, value: string): Promise<void> {
    await this.call('PUT', `/api/v1/credentials/${encodeURIComponent(key)}`, value, 'text/plain', true);
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
        // A query changes nothing: safe to repeat whatever happened to the first attempt.
        const answer = (await this.call('POST', '/medic/_find', JSON.stringify(query), 'application/json', true)) as FindAnswer;
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

  /** One call with retries for what is safe to repeat: always when nothing was done, and any failure when `idempotent`. */
  private async call(method: string, path: string, body: string | undefined, contentType: string, idempotent: boolean): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(method, path, body, contentType, idempotent, attempt);
      if (outcome.retryIn === undefined) {
        if (outcome.error) throw outcome.error;
        return outcome.value;
      }
      this.log(`CHT ${method} ${path}: ${outcome.error?.message ?? 'failed'}; retrying in ${(outcome.retryIn / 1000).toFixed(1)} s (retry ${attempt + 1} of ${this.maxRetries})`);
      await this.timing.sleep(outcome.retryIn);
    }
  }

  private async attempt(method: string, path: string, body: string | undefined, contentType: string, idempotent: boolean, attempt: number): Promise<Attempt> {
    const what = `CHT ${method} ${path}`;
    const canRetry = attempt < this.maxRetries;
    const backoff = (): number => backoffMs(attempt, this.timing.random);
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
      const code = networkCode(error);
      const notSent = !timedOut && NOT_SENT.has(code);
      if (notSent || idempotent) {
        const reason = timedOut ? `no answer within ${this.timeoutMs} ms` : `unreachable (${code})`;
        const failure = new ChtError(this.safe(`${what}: CHT at ${this.origin} is ${reason}${canRetry ? '' : ` after ${attempt + 1} attempt(s)`}`), 0, method, path, undefined, 'unavailable');
        return canRetry ? { retryIn: backoff(), error: failure } : { error: failure };
      }
      const reason = timedOut ? `gave no answer within ${this.timeoutMs} ms` : `dropped the connection (${code})`;
      return { error: new ChtError(this.safe(`${what}: CHT at ${this.origin} ${reason}; the request may or may not have been done`), 0, method, path, undefined, 'unknown') };
    }
    const parsed = parseJsonBody(text);
    if (response.ok) return { value: parsed };

    const details = errorDetails(parsed, text);
    const status = response.status;
    let message = `${what} failed with ${status}${details ? `: ${this.safe(details)}` : ''}`;
    const fail = (kind: ChtErrorKind): ChtError => new ChtError(message, status, method, path, details ? this.safe(details) : undefined, kind);

    // Not done at all: CHT (or its proxy) asked us to come back later.
    if (status === 429 || status === 503) {
      const wait = retryDelayMs(attempt, retryAfterMs(response.headers.get('Retry-After'), this.timing.now()), this.timing.random);
      if (canRetry && wait <= this.maxRetryAfterMs) return { retryIn: wait, error: fail('unavailable') };
      message += canRetry ? ` (asked to wait ${Math.ceil(wait / 1000)} s)` : ` after ${attempt + 1} attempt(s)`;
      return { error: fail('unavailable') };
    }
    if (status === 401) {
      message += ` (check the user name and password for ${this.origin})`;
      return { error: fail('auth') };
    }
    if (status === 403) {
      // Added after masking, so a user name equal to the password is still shown as it is.
      message += ` (user "${this.connection.username}" lacks the permission for this call)`;
      return { error: fail('auth') };
    }
    // CHT's own error answer: it handled the request and refused it.
    const chtAnswered = isChtError(parsed) || /^Server error: /.test(text.trim());
    if (status >= 400 && status < 500 && status !== 404 && status !== 408) {
      return { error: fail('refused') };
    }
    // A read is retried whatever the 500 (CouchDB answers a timeout with one); a write is not.
    if (status === 500 && chtAnswered && !idempotent) {
      if (/^Form not found/i.test(details)) message += ' (the JSON form is missing from app_settings.forms on this CHT: deploy the app settings first)';
      return { error: fail('refused') };
    }
    if (status >= 500 || status === 408) {
      // A gateway error or a bare 500: CHT may have done a write before the answer was lost.
      if (idempotent) {
        if (canRetry) return { retryIn: backoff(), error: fail('unavailable') };
        message += ` after ${attempt + 1} attempt(s)`;
        return { error: fail('unavailable') };
      }
      message += '; the request may or may not have been done';
      return { error: fail('unknown') };
    }
    return { error: fail('http') };
  }

  /** Masks URL credentials, tokens and phone numbers, and the password where it appears as a whole word. */
  private safe(text: string): string {
    // By exact value and URL position only: a short password or one equal to the user name must not garble messages.
    return redactText(text, [this.connection.password], { publicValues: [this.connection.username] });
  }
}

interface FindAnswer {
  docs?: { fields?: { rp_event_id?: unknown } }[];
  bookmark?: string;
}

function isChtError(parsed: unknown): boolean {
  if (!parsed || typeof parsed !== 'object') return false;
  const record = parsed as Record<string, unknown>;
  return typeof record.error === 'string' || typeof record.details === 'string' || typeof record.reason === 'string' || typeof record.message === 'string';
}

/** CHT API errors: `{"code":500,"error":"Server error","details":"Form not found: X"}`, CouchDB: `{"error","reason"}`. */
function errorDetails(parsed: unknown, text: string): string {
  if (parsed && typeof parsed === 'object') {
    const record = parsed as Record<string, unknown>;
    for (const key of ['details', 'reason', 'message', 'error']) {
      const value = record[key];
      if (typeof value === 'string' && value) return oneLine(value);
      if (value && typeof value === 'object') return oneLine(JSON.stringify(value));
    }
  }
  // Without a JSON Accept header CHT answers `Server error: "Form not found: X"`.
  const quoted = /^Server error: "(.*)"$/s.exec(text.trim());
  return oneLine(quoted ? quoted[1] : text.trim());
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

function networkCode(error: unknown): string {
  const cause = error instanceof Error ? (error as Error & { cause?: { code?: string } }).cause : undefined;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}
