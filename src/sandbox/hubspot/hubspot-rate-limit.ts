/**
 * HubSpot's documented private-app limits, enforced per token on wall-clock
 * time: a rolling window (100 requests per 10 seconds) for every request, and
 * a per-second limit (4) on the search endpoints. Exceeding either answers
 * 429 with the `X-HubSpot-RateLimit-*` headers.
 */
import { HubSpotApiError } from './hubspot-errors.js';

/** Limits of the fake (defaults: HubSpot's for private apps). */
export interface HubSpotRateLimits {
  /** Requests per rolling window (default 100). */
  max: number;
  /** Window length in ms (default 10,000). */
  intervalMs: number;
  /** Search requests per second (default 4). */
  searchPerSecond: number;
  /** Requests per day, reported in headers only (default 250,000; not enforced). */
  daily: number;
}

export const HUBSPOT_RATE_LIMITS: HubSpotRateLimits = { max: 100, intervalMs: 10_000, searchPerSecond: 4, daily: 250_000 };

/** Tracks recent requests per token. */
export class RateLimiter {
  private readonly recent = new Map<string, number[]>();
  private readonly searches = new Map<string, number[]>();
  private readonly dailyCount = new Map<string, number>();

  constructor(
    readonly limits: HubSpotRateLimits,
    private readonly wallClock: () => number,
  ) {}

  private window(map: Map<string, number[]>, token: string, now: number, span: number): number[] {
    const kept = (map.get(token) ?? []).filter((t) => t > now - span);
    map.set(token, kept);
    return kept;
  }

  /** Counts a request; returns the headers to send, or throws a 429 HubSpotApiError. */
  admit(token: string, search: boolean): Record<string, string> {
    const now = this.wallClock();
    const { max, intervalMs, searchPerSecond, daily } = this.limits;
    const recent = this.window(this.recent, token, now, intervalMs);
    const secondly = Math.max(1, Math.floor(max / Math.max(1, intervalMs / 1000)));
    const headers = (used: number): Record<string, string> => {
      const lastSecond = recent.filter((t) => t > now - 1000).length;
      return {
        'x-hubspot-ratelimit-daily': String(daily),
        'x-hubspot-ratelimit-daily-remaining': String(Math.max(0, daily - (this.dailyCount.get(token) ?? 0))),
        'x-hubspot-ratelimit-interval-milliseconds': String(intervalMs),
        'x-hubspot-ratelimit-max': String(max),
        'x-hubspot-ratelimit-remaining': String(Math.max(0, max - used)),
        'x-hubspot-ratelimit-secondly': String(secondly),
        'x-hubspot-ratelimit-secondly-remaining': String(Math.max(0, secondly - lastSecond)),
      };
    };
    if (recent.length >= max) {
      throw new HubSpotApiError(429, 'RATE_LIMIT', 'You have reached your secondly limit.', { policyName: 'TEN_SECONDLY_ROLLING' }, {
        ...headers(recent.length),
        'retry-after': String(Math.max(1, Math.ceil(((recent[0] ?? now) + intervalMs - now) / 1000))),
      });
    }
    if (search) {
      const searches = this.window(this.searches, token, now, 1000);
      if (searches.length >= searchPerSecond) {
        throw new HubSpotApiError(429, 'RATE_LIMIT', 'You have reached your secondly limit.', { policyName: 'SECONDLY' }, {
          ...headers(recent.length),
          'retry-after': '1',
        });
      }
      searches.push(now);
    }
    recent.push(now);
    this.dailyCount.set(token, (this.dailyCount.get(token) ?? 0) + 1);
    return headers(recent.length);
  }
}
