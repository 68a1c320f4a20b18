/** Where a CHT instance is and who we are on it. */
export interface ChtConnection {
  /** `https://host[:port]`, without credentials or path. */
  origin: string;
  username: string;
  password: string;
}

/** A CHT URL or credentials the tools cannot use. Messages never hold the password. */
export class ChtConfigError extends Error {
  override name = 'ChtConfigError';
}

/**
 * Reads `https://user:pass@host` (as cht-conf takes it), or a bare URL plus `CHT_USERNAME` and
 * `CHT_PASSWORD`. Credentials in the URL win over the environment.
 */
export function chtConnection(url: string, env: NodeJS.ProcessEnv = process.env): ChtConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ChtConfigError('the CHT URL is not a URL (expected e.g. https://user:pass@cht.example.org)');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ChtConfigError(`the CHT URL must start with https:// (got ${parsed.protocol})`);
  }
  const username = parsed.username ? decodeURIComponent(parsed.username) : env.CHT_USERNAME ?? '';
  const password = parsed.password ? decodeURIComponent(parsed.password) : env.CHT_PASSWORD ?? '';
  const missing = [username ? '' : 'user name', password ? '' : 'password'].filter(Boolean);
  if (missing.length) {
    throw new ChtConfigError(
      `CHT ${missing.join(' and ')} missing: put them in the URL (https://user:pass@${parsed.host}) or set CHT_USERNAME and CHT_PASSWORD`,
    );
  }
  return { origin: parsed.origin, username, password };
}

/** The URL with credentials, the form cht-conf's `--url` expects (it appends `medic` to the path). */
export function chtUrlWithCredentials(connection: ChtConnection): string {
  const url = new URL(connection.origin);
  url.username = encodeURIComponent(connection.username);
  url.password = encodeURIComponent(connection.password);
  return url.href;
}
