/**
 * The HubSpot fake, mounted at `/hubspot`: CRM v3 read API (objects, search,
 * properties, custom object schemas, owners, batch read by id or unique property) and
 * associations (v4 and v3 batch read) over the synthetic company, the write side (object batch create / update / upsert / archive,
 * association batch create and default associate; see hubspot-write-routes.ts) whose results every read shows,
 * with private-app token auth and HubSpot's rate limits. Accepted writes are recorded
 * (`received()`).
 * The official client reaches it with `new Client({ accessToken, basePath: '<sandbox>/hubspot' })`.
 */
import { createReceivedLog } from '../received-log.js';
import type { InjectedFault, ReceivedRequest, SandboxRequest, VendorContext, VendorFake } from '../vendor-fake.js';
import type { CrmRecord } from './hubspot-records.js';
import { routeBatchRead } from './hubspot-batch-read.js';
import { HubSpotApiError, hubspotErrorResponse } from './hubspot-errors.js';
import { HUBSPOT_RATE_LIMITS, RateLimiter, type HubSpotRateLimits } from './hubspot-rate-limit.js';
import { route } from './hubspot-routes.js';
import { SEARCH_RESULT_CAP } from './hubspot-search.js';
import { routeWrite } from './hubspot-write-routes.js';
import { CrmWrites } from './hubspot-writes.js';

/** The private-app token the sandbox accepts. */
export const HUBSPOT_SANDBOX_TOKEN = 'pat-na1-5a4db0c0-ba51-4e00-8000-000000000001';

/** Options of the HubSpot fake. */
export interface HubSpotFakeOptions {
  /** Accepted private-app tokens (default HUBSPOT_SANDBOX_TOKEN). */
  tokens?: readonly string[];
  /** Rate limits (default HubSpot's: 100 per 10 s, search 4 per second). */
  rateLimits?: Partial<HubSpotRateLimits>;
  /** Wall clock the rate limits run on (default Date.now). */
  wallClock?: () => number;
  /** Results one search query can reach (default 10,000, HubSpot's cap); lower it to exercise window slicing on small data. */
  searchResultCap?: number;
}

function authenticate(headers: Headers, tokens: readonly string[]): string {
  const auth = headers.get('authorization') ?? '';
  const [scheme, token = ''] = auth.split(/\s+/, 2);
  if (!auth || scheme?.toLowerCase() !== 'bearer') {
    throw new HubSpotApiError(
      401,
      'INVALID_AUTHENTICATION',
      'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
    );
  }
  if (!tokens.includes(token)) {
    throw new HubSpotApiError(
      401,
      'INVALID_AUTHENTICATION',
      'Authentication credentials not found. The access token provided is invalid, expired or revoked; private app tokens start with "pat-".',
    );
  }
  return token;
}

/** The HubSpot fake: a VendorFake plus the record of accepted writes. */
export interface HubSpotFake extends VendorFake {
  /** Accepted write requests (POST batch create / update / upsert / archive, association creates), oldest first. */
  received(): readonly ReceivedRequest[];
  resetReceived(): void;
}

/** Builds the HubSpot fake. */
export function createHubSpotFake(context: VendorContext, options: HubSpotFakeOptions = {}): HubSpotFake {
  const tokens = options.tokens ?? [HUBSPOT_SANDBOX_TOKEN];
  const limiter = new RateLimiter({ ...HUBSPOT_RATE_LIMITS, ...options.rateLimits }, options.wallClock ?? Date.now);
  const searchCache = new Map<string, CrmRecord[]>();
  const writes = new CrmWrites();
  const log = createReceivedLog();
  const logger = context.logger.child({ vendor: 'hubspot' });

  const serve = (request: SandboxRequest): Response => {
    let headers: Record<string, string> = {};
    try {
      const token = authenticate(request.headers, tokens);
      const segments = request.path.split('/').filter((x) => x !== '').map(decodeURIComponent);
      const search = request.method === 'POST' && segments[segments.length - 1] === 'search';
      headers = limiter.admit(token, search);
      const writeInput = { company: context.company, writes, method: request.method, segments, body: request.body, now: request.now };
      const read = routeBatchRead(writeInput);
      if (read) return Response.json(read.body, { status: read.status, headers });
      const written = routeWrite(writeInput);
      if (written) {
        const response = written.body === undefined ? new Response(null, { status: written.status, headers }) : Response.json(written.body, { status: written.status, headers });
        log.record(request, written.status);
        return response;
      }
      const body = route({
        company: context.company,
        method: request.method,
        url: request.url,
        segments,
        body: request.body,
        now: request.now,
        malformed: request.malformed,
        searchCache,
        searchCap: options.searchResultCap ?? SEARCH_RESULT_CAP,
        writes,
      });
      if (body === undefined) throw new HubSpotApiError(404, 'OBJECT_NOT_FOUND', `No route for ${request.method} ${request.path}`);
      return Response.json(body, { headers });
    } catch (err) {
      if (err instanceof HubSpotApiError) return hubspotErrorResponse(err, headers);
      logger.error('hubspot fake failed', { path: request.path, error: (err as Error).message });
      return hubspotErrorResponse(new HubSpotApiError(500, 'INTERNAL_ERROR', 'internal error'), headers);
    }
  };

  return {
    name: 'hubspot',
    prefix: 'hubspot',
    credentials: { access_token: tokens[0] ?? '' },
    handle(request) {
      if (!request.path.startsWith('/crm/') && !request.path.startsWith('/crm-object-schemas/')) return undefined;
      return Promise.resolve(serve(request));
    },
    renderFault(fault: InjectedFault) {
      if (fault.kind === 'rate_limit') {
        return hubspotErrorResponse(
          new HubSpotApiError(429, 'RATE_LIMIT', 'You have reached your secondly limit.', { policyName: 'TEN_SECONDLY_ROLLING' }),
          {
            'retry-after': String(fault.retryAfterSeconds),
            'x-hubspot-ratelimit-max': String(limiter.limits.max),
            'x-hubspot-ratelimit-remaining': '0',
            'x-hubspot-ratelimit-interval-milliseconds': String(limiter.limits.intervalMs),
          },
        );
      }
      return hubspotErrorResponse(new HubSpotApiError(502, 'INTERNAL_ERROR', 'Bad Gateway'));
    },
    received: () => log.list(),
    resetReceived: () => log.reset(),
  };
}
