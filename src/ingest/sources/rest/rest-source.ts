import { errorMessage } from '../../../core/errors.js';
import { createHttpClient } from '../../http/http-client.js';
import type { Source, SourceFactory } from '../../source.js';
import { parentOf, restConfigSchema, type RestConfig } from './rest-config.js';
import { restAuth } from './rest-auth.js';
import { createRestStream, fetchPage, firstRequest, type RestRuntime } from './rest-stream.js';

/**
 * `type: rest`: a connector described in YAML (base URL, auth, rate limit,
 * paginator, resources with record path, primary key, cursor and
 * parent/child paths). One HttpClient per connection, so every stream and
 * every retry shares the connection's rate budget.
 */
export const restSource: SourceFactory<RestConfig> = {
  type: 'rest',
  configSchema: restConfigSchema,
  create(config, context): Source {
    const logger = context.logger;
    const client = createHttpClient({
      baseUrl: config.base_url,
      headers: config.headers,
      query: config.params,
      auth: restAuth(config.auth, logger),
      rateLimit: config.rate_limit
        ? { requests: config.rate_limit.requests, intervalMs: config.rate_limit.per_seconds * 1000, burst: config.rate_limit.burst }
        : undefined,
      timeoutMs: config.timeout,
      idleTimeoutMs: config.idle_timeout,
      retry: {
        maxAttempts: config.retry?.max_attempts,
        maxElapsedMs: config.retry?.max_elapsed,
        baseDelayMs: config.retry?.base_delay,
        maxDelayMs: config.retry?.max_delay,
      },
      logger,
    });
    const runtime: RestRuntime = { config, client, logger };
    const names = Object.keys(config.resources);
    return {
      type: 'rest',
      async check(signal) {
        const first = names.find((n) => !parentOf(config.resources[n]?.path ?? ''));
        if (!first) return { ok: false, message: 'no top-level resource to check' };
        try {
          const page = await fetchPage(runtime, first, firstRequest(runtime, first), signal);
          return { ok: true, message: `${first}: first page read (${page.records.length} records)` };
        } catch (err) {
          return { ok: false, message: `${first}: ${errorMessage(err)}` };
        }
      },
      async streams() {
        return names.map((name) => createRestStream(name, runtime));
      },
    };
  },
};
