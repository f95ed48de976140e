import { errorMessage } from '../../../core/errors.js';
import { bearerAuth } from '../../http/auth/static-auth.js';
import { createHttpClient, type RetryOptions } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import { createRateLimiter } from '../../http/rate-limiter.js';
import type { Source, SourceFactory } from '../../source.js';
import { fetchPage, type HubSpotRuntime } from './hubspot-api.js';
import { hubspotConfigSchema, type HubSpotConfig } from './hubspot-config.js';
import { createOwnersStream } from './hubspot-owners.js';
import { createHubSpotObjectStream } from './hubspot-stream.js';
import { HUBSPOT_ASSOCIATION_STREAMS, HUBSPOT_OBJECT_STREAMS } from './hubspot-streams.js';
import { createHubSpotAssociationStream } from './hubspot-associations.js';
import { resolveCustomObjects } from './hubspot-custom-objects.js';

/** Settings that are not config (tests). */
export interface HubSpotSourceOptions {
  retry?: Partial<RetryOptions> | undefined;
  /** Results one search query can reach (default 10,000, HubSpot's cap); tests lower it to exercise slicing. */
  searchCap?: number | undefined;
}

/** A `type: hubspot` factory; `hubspotSource` is the default one. */
export function createHubSpotSource(options: HubSpotSourceOptions = {}): SourceFactory<HubSpotConfig> {
  return {
    type: 'hubspot',
    configSchema: hubspotConfigSchema,
    create(config, context): Source {
      const logger = context.logger;
      const client = createHttpClient({
        baseUrl: config.base_url,
        auth: bearerAuth(config.access_token),
        rateLimit: { requests: config.rate_limit.requests, intervalMs: config.rate_limit.interval_seconds * 1000 },
        retry: options.retry,
        logger,
      });
      const rt: HubSpotRuntime = {
        client,
        searchLimiter: createRateLimiter({ requests: config.rate_limit.search_per_second, intervalMs: 1000 }),
        startDate: config.start_date,
        searchCap: options.searchCap ?? 10_000,
        postRetry: { attempts: options.retry?.maxAttempts ?? 5, baseDelayMs: options.retry?.baseDelayMs ?? 500, maxDelayMs: options.retry?.maxDelayMs ?? 30_000 },
        logger,
      };
      const hide = (text: string): string => text.split(config.access_token).join('***');
      return {
        type: 'hubspot',
        async check(signal) {
          try {
            const page = await fetchPage(rt, { url: '/crm/v3/owners', query: { limit: 1 } }, signal);
            return { ok: true, message: `HubSpot reachable: owners readable (${page.results.length} on the first page)` };
          } catch (err) {
            if (err instanceof HttpError && err.status === 401) return { ok: false, message: 'HubSpot rejected the access token (401): check access_token' };
            if (err instanceof HttpError && err.status === 403) return { ok: false, message: 'HubSpot refused access (403): the private app lacks a required scope (crm.objects.*.read, crm.schemas.*.read; custom objects: crm.objects.custom.read, crm.schemas.custom.read)' };
            return { ok: false, message: hide(errorMessage(err)) };
          }
        },
        async streams(signal) {
          const custom = await resolveCustomObjects(rt, config.custom_objects, signal);
          return [
            ...HUBSPOT_OBJECT_STREAMS.map((spec) => createHubSpotObjectStream(spec, rt)),
            createOwnersStream(rt),
            ...custom.map((spec) => createHubSpotObjectStream(spec, rt)),
            ...(config.associations ? HUBSPOT_ASSOCIATION_STREAMS.map((spec) => createHubSpotAssociationStream(spec, rt)) : []),
          ];
        },
      };
    },
  };
}

/**
 * `type: hubspot`: companies, contacts, deals, tickets and the configured
 * custom objects (listed in full once, then searched by last-modified date,
 * archived records reported as deletions), owners, and association link
 * streams.
 */
export const hubspotSource: SourceFactory<HubSpotConfig> = createHubSpotSource();
