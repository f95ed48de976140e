/**
 * Help Scout's per-account rate limit: a number of requests per minute
 * (it depends on the plan; 200 by default here, configurable), counted in
 * one-minute windows on wall-clock time. Every answer carries
 * `X-RateLimit-Limit-Minute` and `X-RateLimit-Remaining-Minute`; past the
 * limit the answer is 429 with `X-RateLimit-Retry-After` (seconds).
 */
import { HelpScoutApiError } from './helpscout-errors.js';

/** Default requests per minute. */
export const HELPSCOUT_DEFAULT_RATE_LIMIT = 200;

/** Counts requests of the account in the current minute. */
export class MinuteRateLimiter {
  private windowStart = -Infinity;
  private count = 0;

  constructor(
    readonly perMinute: number,
    private readonly wallClock: () => number,
  ) {}

  /** Counts a request; returns the headers to send, or throws a 429. */
  admit(): Record<string, string> {
    const now = this.wallClock();
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.count = 0;
    }
    if (this.count >= this.perMinute) {
      const wait = Math.max(1, Math.ceil((this.windowStart + 60_000 - now) / 1000));
      throw new HelpScoutApiError(429, 'Too many requests', [], {
        'x-ratelimit-limit-minute': String(this.perMinute),
        'x-ratelimit-remaining-minute': '0',
        'x-ratelimit-retry-after': String(wait),
      });
    }
    this.count++;
    return {
      'x-ratelimit-limit-minute': String(this.perMinute),
      'x-ratelimit-remaining-minute': String(this.perMinute - this.count),
    };
  }
}
