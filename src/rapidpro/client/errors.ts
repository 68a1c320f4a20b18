import { redactText } from '../../util/redact';

/** What went wrong, so callers can branch without parsing messages. */
export type RapidProErrorKind = 'http' | 'auth' | 'rate-limited' | 'timeout' | 'network' | 'invalid-response';

/**
 * A failed RapidPro API call. `body` is RapidPro's Django REST Framework error body when there was
 * one (`{"flow": ["This field is required."]}`, `{"detail": "…"}`); the message renders it for humans.
 * Messages are redacted: never a token, never a full phone number.
 */
export class RapidProError extends Error {
  override name = 'RapidProError';

  constructor(
    message: string,
    readonly kind: RapidProErrorKind,
    readonly method: string,
    /** The endpoint file name, e.g. `runs.json`. */
    readonly endpoint: string,
    /** HTTP status, or 0 when no answer came back (timeout, network). */
    readonly status: number,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/**
 * Renders a DRF error body as `field: message; other[0]: message`. `detail` and
 * `non_field_errors` carry no field name, so they render bare.
 */
export function renderDrfError(body: unknown): string {
  const parts: string[] = [];
  const walk = (value: unknown, where: string): void => {
    if (value === null || value === undefined) return;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      parts.push(where ? `${where}: ${String(value)}` : String(value));
    } else if (Array.isArray(value)) {
      value.forEach((item) => walk(item, where));
    } else if (typeof value === 'object') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const bare = key === 'detail' || key === 'non_field_errors';
        const next = bare ? where : where ? (/^\d+$/.test(key) ? `${where}[${key}]` : `${where}.${key}`) : key;
        walk(item, next);
      }
    }
  };
  walk(body, '');
  return parts.join('; ');
}

/** The generic redactions (phones, auth headers, URL passwords), then a known secret by exact value as a whole token. */
export function scrub(text: string, secret: string | undefined): string {
  return redactText(text, [secret]);
}
