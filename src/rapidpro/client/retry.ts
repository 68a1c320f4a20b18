/** Timing hooks, injected so tests run without real waiting. */
export interface Timing {
  sleep(ms: number): Promise<void>;
  /** Milliseconds since the epoch (for `Retry-After` given as an HTTP date). */
  now(): number;
  /** A number in [0, 1) for jitter. */
  random(): number;
}

export const realTiming: Timing = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
  random: () => Math.random(),
};

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so clients that
 * failed together do not retry together, yet never retry immediately.
 */
export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * How long to wait before retry number `attempt + 1` when the server asked for `retryAfter` ms
 * (429, 503): what it asked, but never less than the backoff. `Retry-After: 0` (or a date already
 * past) would otherwise make every retry immediate, burning all of them in a few milliseconds on
 * a server that is still overloaded.
 */
export function retryDelayMs(attempt: number, retryAfter: number | undefined, random: () => number): number {
  return Math.max(retryAfter ?? 0, backoffMs(attempt, random));
}

/** `Retry-After` as seconds or an HTTP date → milliseconds to wait, or undefined when absent/garbled. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
