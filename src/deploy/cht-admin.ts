/**
 * The CHT calls `deploy` makes itself, as a CHT administrator: who am I, which version, what the
 * instance holds now (settings, form and translation docs, which credentials exist) and the few
 * writes cht-conf does not do (credentials, pruning settings, deleting CHT's default forms).
 *
 * Node's http/https rather than fetch, so TLS verification can be turned off for this one host
 * when the admin passes `--insecure-tls`, and only then. Messages never hold the password.
 */
import * as http from 'http';
import * as https from 'https';
import { redactText } from '../util/redact';
import type { ChtConnection } from '../cht/api/connection';

/** A failed CHT call; `status` 0 means CHT did not answer. Messages are redacted. */
export class ChtAdminError extends Error {
  override name = 'ChtAdminError';

  constructor(message: string, readonly status: number) {
    super(message);
  }
}

export type JsonRecord = Record<string, unknown>;

/** A CouchDB doc as CHT returns it; attachments are stubs (`{content_type, digest, length, stub}`). */
export interface CouchDoc extends JsonRecord {
  _id: string;
  _rev: string;
  _attachments?: Record<string, { content_type?: string; digest?: string; length?: number; stub?: boolean }>;
}

export interface ChtAdminOptions {
  /** Skip TLS certificate verification for this CHT (the admin's explicit `--insecure-tls`). */
  insecureTls?: boolean;
  timeoutMs?: number;
  /** Aborts every request in flight (Ctrl-C). */
  signal?: AbortSignal;
}

interface Answer {
  status: number;
  body: Buffer;
}

export class ChtAdmin {
  private readonly authorization: string;
  private readonly timeoutMs: number;

  constructor(readonly connection: ChtConnection, private readonly options: ChtAdminOptions = {}) {
    this.authorization = `Basic ${Buffer.from(`${connection.username}:${connection.password}`).toString('base64')}`;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  get origin(): string {
    return this.connection.origin;
  }

  /** `GET /_session` (CouchDB, proxied by CHT): the user name and roles the credentials log in as. */
  async session(): Promise<{ name: string; roles: string[] }> {
    const answer = (await this.json('GET', '/_session')) as { userCtx?: { name?: unknown; roles?: unknown } } | undefined;
    const name = typeof answer?.userCtx?.name === 'string' ? answer.userCtx.name : '';
    const roles = Array.isArray(answer?.userCtx?.roles) ? answer.userCtx.roles.filter((role): role is string => typeof role === 'string') : [];
    if (!name) throw new ChtAdminError(this.safe(`CHT at ${this.origin} did not accept the user "${this.connection.username}" (GET /_session has no user)`), 401);
    return { name, roles };
  }

  /** `GET /api/deploy-info`: the CHT version, when CHT says. */
  async version(): Promise<string | undefined> {
    try {
      const answer = (await this.json('GET', '/api/deploy-info')) as { version?: unknown } | undefined;
      return typeof answer?.version === 'string' ? answer.version : undefined;
    } catch (error) {
      if (error instanceof ChtAdminError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** `GET /api/v1/settings`: the app settings CHT runs now. */
  async settings(): Promise<JsonRecord> {
    const answer = await this.json('GET', '/api/v1/settings');
    return isRecord(answer) ? answer : {};
  }

  /** `PUT /api/v1/settings?overwrite=true`: replaces the whole settings doc (CHT re-adds its default permissions). */
  async overwriteSettings(settings: JsonRecord): Promise<void> {
    await this.json('PUT', '/api/v1/settings?overwrite=true', JSON.stringify(settings), 'application/json');
  }

  /** The docs of the medic database whose id starts with `prefix`, with their bodies. */
  async docsWithPrefix(prefix: string): Promise<CouchDoc[]> {
    const query = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}&include_docs=true`;
    const answer = (await this.json('GET', `/medic/_all_docs?${query}`)) as { rows?: { doc?: unknown }[] } | undefined;
    return (answer?.rows ?? []).map((row) => row.doc).filter((doc): doc is CouchDoc => isRecord(doc) && typeof doc._id === 'string');
  }

  /** One doc of the medic database, or undefined when CHT has none. */
  async doc(id: string): Promise<CouchDoc | undefined> {
    try {
      const answer = await this.json('GET', `/medic/${encodeURIComponent(id)}`);
      return isRecord(answer) && typeof answer._id === 'string' ? (answer as CouchDoc) : undefined;
    } catch (error) {
      if (error instanceof ChtAdminError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** An attachment's bytes as text, or undefined when it does not exist. */
  async attachment(id: string, name: string): Promise<string | undefined> {
    const answer = await this.request('GET', `/medic/${encodeURIComponent(id)}/${encodeURIComponent(name)}`);
    if (answer.status === 404) return undefined;
    if (answer.status >= 400) throw this.failure('GET', `/medic/${id}/${name}`, answer);
    return answer.body.toString('utf8');
  }

  /** `DELETE /medic/<id>?rev=…`. */
  async deleteDoc(id: string, rev: string): Promise<void> {
    await this.json('DELETE', `/medic/${encodeURIComponent(id)}?rev=${encodeURIComponent(rev)}`);
  }

  /**
   * Whether CHT's credential store holds `key`: the doc `credential:<encodeURIComponent(key)>` of
   * `medic-vault` (shared-libs/settings), readable by administrators through CHT's CouchDB proxy.
   * Undefined when CHT does not let us look. The value is encrypted and never read.
   */
  async credentialExists(key: string): Promise<boolean | undefined> {
    const id = `credential:${encodeURIComponent(key)}`;
    const answer = await this.request('GET', `/medic-vault/${encodeURIComponent(id)}`);
    if (answer.status === 404) return false;
    if (answer.status >= 200 && answer.status < 300) return true;
    return undefined;
  }

  /** `PUT /api/v1/credentials/<key>` (admins only): stores a secret, overwriting any previous value. */
  async setCredential(key: string, value: string): Promise<void> {
    await this.json('PUT', `/api/v1/credentials/${encodeURIComponent(key)}`, value, 'text/plain', [value]);
  }

  private async json(method: string, path: string, body?: string, contentType?: string, secrets: string[] = []): Promise<unknown> {
    const answer = await this.request(method, path, body, contentType);
    if (answer.status >= 400) throw this.failure(method, path.split('?')[0], answer, secrets);
    const text = answer.body.toString('utf8');
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  private failure(method: string, path: string, answer: Answer, secrets: string[] = []): ChtAdminError {
    const text = answer.body.toString('utf8');
    let detail = text.trim().slice(0, 300);
    try {
      const parsed = JSON.parse(text) as JsonRecord;
      for (const key of ['reason', 'details', 'message', 'error']) {
        if (typeof parsed[key] === 'string' && parsed[key]) {
          detail = parsed[key] as string;
          break;
        }
      }
    } catch {
      // not JSON: the text itself
    }
    let message = `CHT ${method} ${path} failed with ${answer.status}${detail ? `: ${detail}` : ''}`;
    if (answer.status === 401) message += ` (check the user name and password for ${this.origin})`;
    if (answer.status === 403) message += ` (user "${this.connection.username}" is not allowed to do this: deploy needs a CHT administrator)`;
    return new ChtAdminError(this.safe(message, secrets), answer.status);
  }

  private safe(text: string, secrets: string[] = []): string {
    return redactText(text, [this.connection.password, ...secrets], { publicValues: [this.connection.username] });
  }

  private request(method: string, path: string, body?: string, contentType?: string): Promise<Answer> {
    const url = new URL(path, this.connection.origin);
    const transport = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { Authorization: this.authorization, Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    return new Promise<Answer>((resolve, reject) => {
      const signal = this.options.signal;
      if (signal?.aborted) {
        reject(new ChtAdminError(`CHT ${method} ${url.pathname}: stopped`, 0));
        return;
      }
      const request = transport.request(url, {
        method,
        headers,
        timeout: this.timeoutMs,
        ...(url.protocol === 'https:' ? { rejectUnauthorized: !this.options.insecureTls } : {}),
      }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
        response.on('error', (error) => reject(this.unreachable(method, url.pathname, error)));
      });
      const onAbort = (): void => {
        request.destroy(new Error('stopped'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('close', () => signal?.removeEventListener('abort', onAbort));
      request.on('timeout', () => request.destroy(Object.assign(new Error(`no answer within ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      request.on('error', (error) => reject(signal?.aborted ? new ChtAdminError(`CHT ${method} ${url.pathname}: stopped`, 0) : this.unreachable(method, url.pathname, error)));
      if (body !== undefined) request.write(body);
      request.end();
    });
  }

  private unreachable(method: string, path: string, error: Error): ChtAdminError {
    const code = (error as NodeJS.ErrnoException).code ?? error.message;
    const tls = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)
      ? ` — CHT's TLS certificate is not trusted; fix the certificate, or pass --insecure-tls to deploy anyway (checks off for ${this.origin} only)`
      : '';
    return new ChtAdminError(this.safe(`CHT ${method} ${path}: CHT at ${this.origin} is unreachable (${code})${tls}`), 0);
  }
}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
