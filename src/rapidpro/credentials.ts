import * as fs from 'fs';

/** RapidPro credentials in the shape OpenFn's RapidPro adaptor uses, so one file serves both. */
export interface RapidProCredentials {
  /** Workspace base URL, e.g. `https://app.rapidpro.io/`; always ends with `/` once loaded. */
  host: string;
  /** API token (workspace settings → API tokens). Sent as `Authorization: Token <token>`. */
  token: string;
  /** Only `v2` exists; accepted for compatibility with OpenFn credential files. */
  apiVersion?: string;
}

/** Missing or malformed credentials. The message names what is missing, never the token. */
export class RapidProCredentialsError extends Error {
  override name = 'RapidProCredentialsError';
}

export interface LoadCredentialsOptions {
  /** A JSON file `{ "host": …, "token": … }`; when absent the environment is used. */
  file?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Loads RapidPro credentials from a JSON file or from `RAPIDPRO_HOST`/`RAPIDPRO_TOKEN`.
 * Errors say which value is missing and where it was looked for.
 */
export function loadRapidProCredentials(options: LoadCredentialsOptions = {}): RapidProCredentials {
  if (options.file) return fromFile(options.file);
  const env = options.env ?? process.env;
  const missing = ['RAPIDPRO_HOST', 'RAPIDPRO_TOKEN'].filter((name) => !env[name]?.trim());
  if (missing.length) {
    throw new RapidProCredentialsError(
      `RapidPro credentials missing: set ${missing.join(' and ')} in the environment, ` +
        'or pass --rapidpro <file> with {"host": "https://…/", "token": "…"}',
    );
  }
  return validated({ host: env.RAPIDPRO_HOST, token: env.RAPIDPRO_TOKEN }, 'RAPIDPRO_HOST/RAPIDPRO_TOKEN');
}

function fromFile(file: string): RapidProCredentials {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new RapidProCredentialsError(`RapidPro credentials file ${file} cannot be read (${code})`);
  }
  // Windows editors (Notepad) save UTF-8 with a byte-order mark, which JSON.parse refuses.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the error, which may be the token.
    throw new RapidProCredentialsError(`RapidPro credentials file ${file} is not valid JSON`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RapidProCredentialsError(`RapidPro credentials file ${file} must hold an object {"host": "https://…/", "token": "…"}`);
  }
  const record = parsed as Record<string, unknown>;
  const missing = ['host', 'token'].filter((key) => typeof record[key] !== 'string' || !(record[key] as string).trim());
  if (missing.length) {
    throw new RapidProCredentialsError(`RapidPro credentials file ${file} has no ${missing.map((k) => `"${k}"`).join(' and ')} (a non-empty string)`);
  }
  return validated({ host: record.host, token: record.token, apiVersion: record.apiVersion }, file);
}

function validated(raw: { host: unknown; token: unknown; apiVersion?: unknown }, source: string): RapidProCredentials {
  const host = String(raw.host).trim();
  const token = String(raw.token).trim();
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new RapidProCredentialsError(`RapidPro host "${host}" from ${source} is not a URL (expected e.g. https://app.rapidpro.io/)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RapidProCredentialsError(`RapidPro host "${host}" from ${source} must start with https://`);
  }
  if (url.username || url.password) {
    throw new RapidProCredentialsError(`RapidPro host from ${source} must not contain a user name or password; the token authenticates`);
  }
  if (raw.apiVersion !== undefined && raw.apiVersion !== 'v2') {
    throw new RapidProCredentialsError(`RapidPro apiVersion "${String(raw.apiVersion)}" from ${source} is not supported (only v2)`);
  }
  // A base URL without the trailing slash would make `new URL('api/v2/…', host)` drop its last segment.
  const normalised = url.href.endsWith('/') ? url.href : `${url.href}/`;
  return { host: normalised, token, apiVersion: 'v2' };
}
