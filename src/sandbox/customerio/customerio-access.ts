/**
 * Track API access: HTTP Basic auth with the workspace's site id and API key
 * (401 otherwise), and the documented fair-use limit of 100 requests per
 * second per workspace, enforced over a sliding one-second window (429).
 */
import { CioApiError } from './customerio-errors.js';

/** Customer.io's Track API fair-use limit (requests per second per workspace). */
export const CUSTOMERIO_REQUESTS_PER_SECOND = 100;

/** The site id the request authenticates as; throws 401 otherwise. */
export function authenticate(headers: Headers, siteId: string, apiKey: string): string {
  const auth = headers.get('authorization') ?? '';
  const [scheme, encoded = ''] = auth.split(/\s+/, 2);
  const unauthorized = new CioApiError(401, [{ reason: 'invalid', field: 'authorization', message: 'Unauthorized request' }]);
  if (scheme?.toLowerCase() !== 'basic') throw unauthorized;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.slice(0, colon) !== siteId || decoded.slice(colon + 1) !== apiKey) throw unauthorized;
  return siteId;
}

/** A per-workspace limit of `perSecond` requests in any one-second window. */
export class TrackRateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(
    readonly perSecond: number,
    private readonly wallClock: () => number,
  ) {}

  /** Admits one request of `workspace` or throws 429. */
  admit(workspace: string): void {
    const now = this.wallClock();
    const recent = (this.windows.get(workspace) ?? []).filter((t) => t > now - 1000);
    if (recent.length >= this.perSecond) {
      this.windows.set(workspace, recent);
      const wait = Math.max(1, Math.ceil(((recent[0] ?? now) + 1000 - now) / 1000));
      throw new CioApiError(429, [{ reason: 'too_many', message: 'Too Many Requests: rate limit exceeded' }], { 'retry-after': String(wait) });
    }
    recent.push(now);
    this.windows.set(workspace, recent);
  }
}
