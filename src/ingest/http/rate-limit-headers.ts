import type { HeaderReader } from './http-request.js';

/**
 * Vendor rate-limit headers, read into one hint: how many requests remain in
 * the API's current window and when it resets. Understood:
 *
 * - `X-RateLimit-Remaining` / `X-RateLimit-Reset` (GitHub, Intercom, many
 *   others; reset as epoch seconds, epoch milliseconds or delta seconds)
 * - the IETF drafts: `RateLimit-Remaining` / `RateLimit-Reset` (delta
 *   seconds) and the structured `RateLimit: "policy";r=0;t=5` or
 *   `RateLimit: limit=10, remaining=0, reset=5`
 * - HubSpot: `X-HubSpot-RateLimit-Remaining` with
 *   `X-HubSpot-RateLimit-Interval-Milliseconds`, and
 *   `X-HubSpot-RateLimit-Secondly-Remaining` (a one-second window)
 */
export interface RateLimitHint {
  /** Requests left in the current window. */
  remaining: number;
  /** Milliseconds until the window resets (when known). */
  resetInMs: number | undefined;
}

/** The most restrictive hint the headers give, or undefined when they give none. */
export function readRateLimitHint(headers: HeaderReader, nowMs: number = Date.now()): RateLimitHint | undefined {
  const hints: RateLimitHint[] = [];
  const num = (name: string): number | undefined => {
    const raw = headers.get(name);
    if (raw === null || raw.trim() === '') return undefined;
    const n = Number(raw.split(',')[0]?.trim());
    return Number.isFinite(n) ? n : undefined;
  };

  const xRemaining = num('x-ratelimit-remaining');
  if (xRemaining !== undefined) hints.push({ remaining: xRemaining, resetInMs: resetToDelay(num('x-ratelimit-reset'), nowMs) });

  const draftRemaining = num('ratelimit-remaining');
  if (draftRemaining !== undefined) {
    const reset = num('ratelimit-reset');
    hints.push({ remaining: draftRemaining, resetInMs: reset === undefined ? undefined : reset * 1000 });
  }

  const structured = headers.get('ratelimit');
  if (structured) {
    const hint = parseStructured(structured);
    if (hint) hints.push(hint);
  }

  const hubspotRemaining = num('x-hubspot-ratelimit-remaining');
  if (hubspotRemaining !== undefined) {
    hints.push({ remaining: hubspotRemaining, resetInMs: num('x-hubspot-ratelimit-interval-milliseconds') });
  }
  const hubspotSecondly = num('x-hubspot-ratelimit-secondly-remaining');
  if (hubspotSecondly !== undefined) hints.push({ remaining: hubspotSecondly, resetInMs: 1000 });

  if (hints.length === 0) return undefined;
  return hints.reduce((a, b) => (b.remaining < a.remaining ? b : a));
}

/** `X-RateLimit-Reset` is an epoch in seconds (GitHub), in milliseconds, or delta seconds. */
function resetToDelay(reset: number | undefined, nowMs: number): number | undefined {
  if (reset === undefined) return undefined;
  if (reset > 1e12) return Math.max(0, reset - nowMs);
  if (reset > 1e9) return Math.max(0, reset * 1000 - nowMs);
  return Math.max(0, reset * 1000);
}

/** `"default";r=0;t=5` (draft 7+) or `limit=10, remaining=0, reset=5` (earlier drafts). */
function parseStructured(value: string): RateLimitHint | undefined {
  const r = /(?:^|[;,\s])(?:r|remaining)=(\d+)/.exec(value);
  if (!r?.[1]) return undefined;
  const t = /(?:^|[;,\s])(?:t|reset)=(\d+)/.exec(value);
  return { remaining: Number(r[1]), resetInMs: t?.[1] ? Number(t[1]) * 1000 : undefined };
}
