/**
 * Retry delays: exponential backoff with full jitter (a uniformly random
 * delay between 0 and the exponential ceiling, as AWS's architecture blog
 * recommends), and the `Retry-After` header in both of its forms.
 */

/** Backoff settings. */
export interface BackoffOptions {
  /** The ceiling of the first retry's delay. */
  baseDelayMs: number;
  /** The largest ceiling. */
  maxDelayMs: number;
}

/** The delay before retry number `retry` (1-based): random in [0, min(max, base * 2^(retry-1))]. */
export function fullJitterDelay(retry: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Milliseconds to wait according to a `Retry-After` value: delta seconds
 * (`120`, fractions accepted) or an HTTP date. Undefined when absent or
 * unparseable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.max(0, Math.round(Number(trimmed) * 1000));
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
