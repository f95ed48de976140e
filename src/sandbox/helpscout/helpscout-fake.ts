/**
 * The Help Scout fake, mounted at `/helpscout`: the Mailbox API 2.0 read
 * endpoints (mailboxes, users, customers, conversations, threads) over the
 * synthetic company's support requests, with OAuth2 client credentials
 * (`POST /v2/oauth2/token`), HAL pages, vnd.error bodies and the per-minute
 * rate limit with its `X-RateLimit-*` headers.
 */
import type { InjectedFault, SandboxRequest, VendorContext, VendorFake } from '../vendor-fake.js';
import { TokenIssuer, type HelpScoutApp } from './helpscout-auth.js';
import { HelpScoutApiError, helpScoutErrorResponse } from './helpscout-errors.js';
import { ResultCache } from './helpscout-list.js';
import { HELPSCOUT_DEFAULT_RATE_LIMIT, MinuteRateLimiter } from './helpscout-rate-limit.js';
import { routeGet } from './helpscout-routes.js';

/** The OAuth2 application id (client id) the sandbox accepts. */
export const HELPSCOUT_SANDBOX_CLIENT_ID = 'basin-sandbox-app-5d1c0e6f';
/** Its secret. */
export const HELPSCOUT_SANDBOX_CLIENT_SECRET = 'hs-sandbox-secret-7f3a9b2c4e8d1f60';

/** Options of the Help Scout fake. */
export interface HelpScoutFakeOptions {
  /** Accepted applications (default the sandbox's). */
  apps?: readonly HelpScoutApp[];
  /** Requests per minute of the account (default 200). */
  rateLimitPerMinute?: number;
  /** Wall clock of the rate limit and token expiry (default Date.now). */
  wallClock?: () => number;
}

const HAL = 'application/hal+json;charset=UTF-8';

/** Builds the Help Scout fake. */
export function createHelpScoutFake(context: VendorContext, options: HelpScoutFakeOptions = {}): VendorFake {
  const apps = options.apps ?? [{ clientId: HELPSCOUT_SANDBOX_CLIENT_ID, clientSecret: HELPSCOUT_SANDBOX_CLIENT_SECRET }];
  const wallClock = options.wallClock ?? Date.now;
  const issuer = new TokenIssuer(apps, context.company.seed, wallClock);
  const limiter = new MinuteRateLimiter(options.rateLimitPerMinute ?? HELPSCOUT_DEFAULT_RATE_LIMIT, wallClock);
  const cache = new ResultCache();
  const logger = context.logger.child({ vendor: 'helpscout' });

  const serve = (request: SandboxRequest): Response => {
    let headers: Record<string, string> = {};
    try {
      issuer.authenticate(request.headers);
      headers = limiter.admit();
      if (request.method !== 'GET') throw new HelpScoutApiError(405, `Method ${request.method} is not supported by the sandbox (read only)`);
      const segments = request.path.split('/').filter((x) => x !== '').map(decodeURIComponent).slice(1);
      const pathname = request.url.pathname;
      const api = `${request.url.origin}${pathname.slice(0, pathname.length - request.path.length)}`;
      const body = routeGet({ company: context.company, cache, url: request.url, api, segments, now: request.now, malformed: request.malformed });
      if (body === undefined) throw new HelpScoutApiError(404, 'Resource not found');
      return new Response(JSON.stringify(body), { headers: { 'content-type': HAL, ...headers } });
    } catch (err) {
      if (err instanceof HelpScoutApiError) return helpScoutErrorResponse(err, headers);
      logger.error('helpscout fake failed', { path: request.path, error: (err as Error).message });
      return helpScoutErrorResponse(new HelpScoutApiError(500, 'Internal server error'), headers);
    }
  };

  return {
    name: 'helpscout',
    prefix: 'helpscout',
    credentials: { client_id: apps[0]?.clientId ?? '', client_secret: apps[0]?.clientSecret ?? '', token_url: '/helpscout/v2/oauth2/token' },
    handle(request) {
      if (!request.path.startsWith('/v2/')) return undefined;
      if (request.path === '/v2/oauth2/token') {
        if (request.method !== 'POST') return Promise.resolve(helpScoutErrorResponse(new HelpScoutApiError(405, 'Method not allowed')));
        return Promise.resolve(issuer.issue(request.headers, request.body, request.url));
      }
      return Promise.resolve(serve(request));
    },
    renderFault(fault: InjectedFault) {
      if (fault.kind === 'rate_limit') {
        return helpScoutErrorResponse(new HelpScoutApiError(429, 'Too many requests'), {
          'x-ratelimit-limit-minute': String(limiter.perMinute),
          'x-ratelimit-remaining-minute': '0',
          'x-ratelimit-retry-after': String(fault.retryAfterSeconds),
        });
      }
      return helpScoutErrorResponse(new HelpScoutApiError(503, 'Service temporarily unavailable'));
    },
  };
}
