import { errorMessage } from '../../../core/errors.js';
import { bearerAuth } from '../../http/auth/static-auth.js';
import { createHttpClient, type RetryOptions } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import type { Source, SourceFactory } from '../../source.js';
import { listPage, type StripeRuntime } from './stripe-api.js';
import { defaultRateLimit, stripeConfigSchema, type StripeConfig } from './stripe-config.js';
import { createStripeStream } from './stripe-stream.js';
import { STRIPE_STREAMS } from './stripe-streams.js';

/** The API version Basin reads (object shapes are those of this version). */
export const STRIPE_API_VERSION = '2023-08-16';

/** Settings that are not config (tests, benchmarks). */
export interface StripeSourceOptions {
  retry?: Partial<RetryOptions> | undefined;
  /** Records per batch (default 10,000). */
  batchSize?: number | undefined;
}

/** A `type: stripe` factory; `stripeSource` is the default one. */
export function createStripeSource(options: StripeSourceOptions = {}): SourceFactory<StripeConfig> {
  return {
    type: 'stripe',
    configSchema: stripeConfigSchema,
    create(config, context): Source {
      const logger = context.logger;
      const headers: Record<string, string> = { 'stripe-version': STRIPE_API_VERSION };
      if (config.account) headers['stripe-account'] = config.account;
      const client = createHttpClient({
        baseUrl: config.base_url,
        headers,
        auth: bearerAuth(config.api_key),
        rateLimit: { requests: config.rate_limit ?? defaultRateLimit(config.api_key), intervalMs: 1000 },
        retry: options.retry,
        logger,
      });
      const rt: StripeRuntime = { client, pageSize: config.page_size, startDate: config.start_date, batchSize: options.batchSize ?? 10_000, logger };
      const hide = (text: string): string => text.split(config.api_key).join('***');
      return {
        type: 'stripe',
        async check(signal) {
          try {
            const page = await listPage(rt, 'customers', { limit: 1 }, signal);
            return { ok: true, message: `Stripe reachable${config.account ? ` (account ${config.account})` : ''}: customers readable (${page.data.length} on the first page)` };
          } catch (err) {
            if (err instanceof HttpError && err.status === 401) return { ok: false, message: 'Stripe rejected the API key (401): check api_key' };
            if (err instanceof HttpError && err.status === 403) return { ok: false, message: `Stripe refused access (403): the key lacks read access${config.account ? ` or account ${config.account} is not connected` : ''}` };
            return { ok: false, message: hide(errorMessage(err)) };
          }
        },
        async streams() {
          return STRIPE_STREAMS.map((spec) => createStripeStream(spec, rt));
        },
      };
    },
  };
}

/**
 * `type: stripe`: customers, subscriptions, subscription items, invoices
 * (+ lines), charges, refunds, products, prices and balance transactions,
 * backfilled by `created` windows and kept up to date through `/v1/events`.
 */
export const stripeSource: SourceFactory<StripeConfig> = createStripeSource();
