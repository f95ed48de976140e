/**
 * The Amplitude connector (`type: amplitude`): one `events` stream read from
 * the Export API with the project's API key and secret key (basic auth), on
 * the region's host or `base_url`. `check()` exports the current hour (a 404
 * "no data" proves the keys work).
 */
import { errorMessage } from '../../../core/errors.js';
import { basicAuth } from '../../http/auth/static-auth.js';
import type { RetryOptions } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import { createRateLimiter } from '../../http/rate-limiter.js';
import type { Source, SourceFactory } from '../../source.js';
import { amplitudeBaseUrl, amplitudeConfigSchema, type AmplitudeConfig } from './amplitude-config.js';
import { openExport, type ExportClient } from './amplitude-download.js';
import { createEventsStream } from './amplitude-events.js';

/** Settings that are not config (tests, benchmarks). */
export interface AmplitudeSourceOptions {
  retry?: Partial<RetryOptions> | undefined;
  /** Records per batch (default 10,000). */
  batchSize?: number | undefined;
  /** Time allowed until response headers arrive (default 5 minutes: Amplitude prepares the archive first). */
  timeoutMs?: number | undefined;
  /** Longest silence while the archive streams in (default 60 s). */
  idleTimeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
}

const DEFAULT_RETRY: RetryOptions = { maxAttempts: 5, maxElapsedMs: 10 * 60_000, baseDelayMs: 1000, maxDelayMs: 60_000, maxRetryAfterMs: 10 * 60_000 };

/** A `type: amplitude` factory; `amplitudeSource` is the default one. */
export function createAmplitudeSource(options: AmplitudeSourceOptions = {}): SourceFactory<AmplitudeConfig> {
  return {
    type: 'amplitude',
    configSchema: amplitudeConfigSchema,
    create(config, context): Source {
      const retry = { ...DEFAULT_RETRY, ...Object.fromEntries(Object.entries(options.retry ?? {}).filter(([, v]) => v !== undefined)) };
      const client: ExportClient = {
        baseUrl: amplitudeBaseUrl(config),
        auth: basicAuth(config.api_key, config.secret_key),
        limiter: createRateLimiter({ requests: config.rate_limit.requests, intervalMs: config.rate_limit.interval_seconds * 1000 }),
        retry,
        timeoutMs: options.timeoutMs ?? 5 * 60_000,
        idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
        logger: context.logger,
        fetch: options.fetch ?? fetch,
      };
      const hide = (text: string): string => text.split(config.secret_key).join('***').split(config.api_key).join('***');
      return {
        type: 'amplitude',
        async check(signal) {
          try {
            // The current hour: tiny, and usually not loaded yet (404 "no data" still proves access).
            const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
            const res = await openExport(client, hour, hour + 3_600_000, signal);
            await res.chunks?.[Symbol.asyncIterator]().return?.();
            return { ok: true, message: `Amplitude export reachable at ${client.baseUrl} (${res.status === 404 ? 'no data in the probed hour' : 'data in the probed hour'})` };
          } catch (err) {
            if (err instanceof HttpError && (err.status === 401 || err.status === 403)) {
              return { ok: false, message: `Amplitude rejected the credentials (${err.status}): check api_key and secret_key (the project's, with export access)` };
            }
            return { ok: false, message: hide(errorMessage(err)) };
          }
        },
        async streams() {
          return [
            createEventsStream({
              client,
              startDate: config.start_date,
              windowHours: config.window_hours,
              lookbackHours: config.lookback_hours,
              batchSize: options.batchSize ?? 10_000,
            }),
          ];
        },
      };
    },
  };
}

/** `type: amplitude`: the project's raw events from the Export API (`events`, merged on `uuid`). */
export const amplitudeSource: SourceFactory<AmplitudeConfig> = createAmplitudeSource();
