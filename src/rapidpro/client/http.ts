import { RapidProCredentials } from '../credentials';
import { RapidProError, RapidProErrorKind, renderDrfError, scrub } from './errors';
import { Timing, backoffMs, realTiming, retryAfterMs, retryDelayMs } from './retry';
import { RapidProPage } from './types';
import { parseJsonBody } from '../../util/json';

export type QueryValue = string | number | boolean | undefined;
/** A list repeats the parameter (`?flow=a&flow=b`), as RapidPro's `definitions.json` takes several flows. */
export type Query = Record<string, QueryValue | readonly string[]>;

/** Transport settings. Every field has a default suited to a production workspace. */
export interface RapidProHttpOptions {
  credentials: RapidProCredentials;
  /** Per attempt, including reading the body. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt (429 always; 5xx, timeouts and network errors for idempotent calls). Default 5. */
  maxRetries?: number;
  /** A 429 asking to wait longer than this fails instead of blocking the caller. Default 300 s. */
  maxRetryAfterMs?: number;
  timing?: Partial<Timing>;
  /** Receives one line per retry; lines never hold the token or a full phone number. */
  log?: (line: string) => void;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /**
   * Safe to send twice. Only reads are: a POST that timed out or got a 5xx may already have
   * started a flow or sent an SMS, so repeating it could message a person twice.
   */
  idempotent: boolean;
}

/** Low-level RapidPro API v2 transport: auth, timeouts, retries, errors, cursor pagination. */
export class RapidProHttp {
  private readonly base: URL;
  private readonly hostUrl: string;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryAfterMs: number;
  private readonly timing: Timing;
  private readonly log: (line: string) => void;

  constructor(options: RapidProHttpOptions) {
    this.base = new URL('api/v2/', options.credentials.host);
    this.hostUrl = options.credentials.host;
    this.token = options.credentials.token;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 5;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 300_000;
    this.timing = { ...realTiming, ...options.timing };
    this.log = options.log ?? (() => undefined);
  }

  /** The workspace URL, for messages. */
  get host(): string {
    return this.hostUrl;
  }

  /** Sends one request to `endpoint` (e.g. `flows.json`) and returns the parsed JSON answer. */
  async request<T>(method: 'GET' | 'POST' | 'DELETE', endpoint: string, options: RequestOptions): Promise<T> {
    return this.send<T>(method, endpoint, this.url(endpoint, options.query), options);
  }

  /**
   * Every page of a list endpoint, following RapidPro's `next` links. Only one page is held at
   * a time, so memory stays flat however many items the workspace has.
   */
  async *pages<T>(endpoint: string, query: Query = {}): AsyncGenerator<T[], void, undefined> {
    let url: URL | null = this.url(endpoint, query);
    while (url) {
      const page: RapidProPage<T> = await this.send<RapidProPage<T>>('GET', endpoint, url, { idempotent: true });
      if (!page || !Array.isArray(page.results)) {
        throw new RapidProError(`RapidPro GET ${endpoint} returned no "results" list`, 'invalid-response', 'GET', endpoint, 200, page);
      }
      yield page.results;
      url = page.next ? this.sameOrigin(page.next) : null;
    }
  }

  /** Every item of a list endpoint, page by page. */
  async *items<T>(endpoint: string, query: Query = {}): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages<T>(endpoint, query)) yield* page;
  }

  private url(endpoint: string, query: Query = {}): URL {
    const url = new URL(endpoint, this.base);
    for (const [key, value] of Object.entries(query)) {
      // URLSearchParams encodes `+` as %2B: a bare `+` in `?urn=tel:+254…` would reach RapidPro as a space.
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
      else if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  /**
   * `next` is followed as given except for scheme and host: a proxy that rewrites them (http
   * behind TLS termination) must not make us send the token in clear or to another server.
   */
  private sameOrigin(next: string): URL {
    const parsed = new URL(next, this.base);
    return new URL(parsed.pathname + parsed.search, this.base.origin);
  }

  private async send<T>(method: string, endpoint: string, url: URL, options: RequestOptions): Promise<T> {
    const what = `RapidPro ${method} ${endpoint}`;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < this.maxRetries;
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, {
          method,
          headers: {
            Authorization: `Token ${this.token}`,
            Accept: 'application/json',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        // A refused connection never reached RapidPro, so even a POST is safe to repeat.
        const safe = options.idempotent || connectionRefused(error);
        if (safe && canRetry) {
          await this.wait(backoffMs(attempt, this.timing.random), `${what}: ${timedOut ? 'timed out' : 'network error'}`, attempt);
          continue;
        }
        const kind: RapidProErrorKind = timedOut ? 'timeout' : 'network';
        const reason = timedOut ? `no answer within ${this.timeoutMs} ms` : `network error (${networkCode(error)})`;
        const notRetried = options.idempotent ? `after ${attempt + 1} attempt(s)` : 'and was not retried because RapidPro may already have acted on it';
        throw new RapidProError(scrub(`${what} to ${this.host} failed: ${reason} ${notRetried}`, this.token), kind, method, endpoint, 0);
      }

      if (response.status === 429) {
        const wait = retryDelayMs(attempt, retryAfterMs(response.headers.get('Retry-After'), this.timing.now()), this.timing.random);
        if (canRetry && wait <= this.maxRetryAfterMs) {
          await this.wait(wait, `${what}: rate limited (429)`, attempt);
          continue;
        }
        throw this.httpError(what, method, endpoint, response.status, text, `rate limited; RapidPro asks to wait ${Math.ceil(wait / 1000)} s`);
      }
      if (response.status >= 500 && options.idempotent && canRetry) {
        await this.wait(backoffMs(attempt, this.timing.random), `${what}: ${response.status}`, attempt);
        continue;
      }
      if (!response.ok) {
        const unsure = response.status >= 500 && !options.idempotent ? 'not retried because RapidPro may already have acted on it' : undefined;
        throw this.httpError(what, method, endpoint, response.status, text, unsure);
      }
      if (!text) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new RapidProError(`${what} returned ${response.status} with a body that is not JSON`, 'invalid-response', method, endpoint, response.status, text);
      }
    }
  }

  private async wait(ms: number, reason: string, attempt: number): Promise<void> {
    this.log(`${reason}; retrying in ${(ms / 1000).toFixed(1)} s (retry ${attempt + 1} of ${this.maxRetries})`);
    await this.timing.sleep(ms);
  }

  private httpError(what: string, method: string, endpoint: string, status: number, text: string, extra?: string): RapidProError {
    const body = parseJsonBody(text);
    const rendered = body === undefined ? text.slice(0, 300).trim() : renderDrfError(body);
    if (status === 401 || status === 403) {
      const message = `${what}: RapidPro at ${this.host} rejected the API token (${status}${rendered ? `: ${rendered}` : ''}). ` +
        'Check RAPIDPRO_TOKEN or the "token" of the credentials file, and that its user may use the API';
      return new RapidProError(scrub(message, this.token), 'auth', method, endpoint, status, body);
    }
    const detail = [extra, rendered].filter(Boolean).join(': ');
    const kind: RapidProErrorKind = status === 429 ? 'rate-limited' : 'http';
    return new RapidProError(scrub(`${what} failed with ${status}${detail ? `: ${detail}` : ''}`, this.token), kind, method, endpoint, status, body);
  }
}

/** fetch wraps socket errors: the code sits on `error.cause`. */
function networkCode(error: unknown): string {
  // lib is ES2020, which does not type `Error.cause` yet.
  const cause = error instanceof Error ? (error as Error & { cause?: { code?: string } }).cause : undefined;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}

function connectionRefused(error: unknown): boolean {
  return networkCode(error) === 'ECONNREFUSED';
}
