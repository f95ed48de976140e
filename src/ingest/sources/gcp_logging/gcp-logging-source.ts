import { errorMessage } from '../../../core/errors.js';
import { googleServiceAccount } from '../../http/auth/google-service-account.js';
import { createHttpClient, type RetryOptions } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import type { Source, SourceFactory } from '../../source.js';
import { listEntries, type LoggingRuntime } from './gcp-logging-api.js';
import { gcpLoggingConfigSchema, type GcpLoggingConfig } from './gcp-logging-config.js';
import { createEntriesStream } from './gcp-logging-stream.js';

/** The scope the connector asks for (read-only). */
export const LOGGING_READ_SCOPE = 'https://www.googleapis.com/auth/logging.read';

/** Settings that are not config (tests). */
export interface GcpLoggingSourceOptions {
  retry?: Partial<RetryOptions> | undefined;
}

/** Removes the key's secret from a message (the private key, or any line of it). */
function redactor(privateKey: string): (text: string) => string {
  const lines = privateKey.split(/\r?\n|\\n/).filter((l) => l.length >= 16 && !l.startsWith('-----'));
  return (text) => lines.reduce((t, line) => t.split(line).join('***'), text.split(privateKey).join('***'));
}

function explain(err: unknown, hide: (text: string) => string): string {
  if (err instanceof HttpError && err.status === 401) return 'Cloud Logging rejected the credentials (401): check the service-account key';
  if (err instanceof HttpError && err.status === 403) {
    return 'Cloud Logging refused access (403): the service account needs roles/logging.viewer (scope logging.read) on the resources read';
  }
  if (err instanceof HttpError && err.status === 400) return hide(`Cloud Logging rejected the request (400): check filter and resource_names (${err.bodyExcerpt ?? err.message})`);
  const message = errorMessage(err);
  if (/invalid_grant|invalid_client|unauthorized_client/i.test(message)) return `Google refused to issue a token for the service account: ${hide(message)}`;
  return hide(message);
}

/** A `type: gcp_logging` factory; `gcpLoggingSource` is the default one. */
export function createGcpLoggingSource(options: GcpLoggingSourceOptions = {}): SourceFactory<GcpLoggingConfig> {
  return {
    type: 'gcp_logging',
    configSchema: gcpLoggingConfigSchema,
    create(config, context): Source {
      const logger = context.logger;
      const key = config.credentials;
      const client = createHttpClient({
        baseUrl: config.base_url,
        auth: googleServiceAccount({ key, scopes: [LOGGING_READ_SCOPE] }),
        rateLimit: { requests: config.rate_limit.requests, intervalMs: config.rate_limit.interval_seconds * 1000 },
        retry: options.retry,
        logger,
      });
      const rt: LoggingRuntime = {
        client,
        resourceNames: config.resource_names,
        pageSize: config.page_size,
        attempts: options.retry?.maxAttempts ?? 5,
        baseDelayMs: options.retry?.baseDelayMs ?? 500,
        logger,
      };
      const hide = redactor(key.private_key);
      return {
        type: 'gcp_logging',
        async check(signal) {
          try {
            const filter = config.filter && config.filter.trim() !== '' ? config.filter : '';
            const page = await listEntries(rt, { filter, orderBy: 'timestamp desc', pageSize: 1 }, signal);
            const latest = page.entries[0]?.['timestamp'];
            return {
              ok: true,
              message: `Cloud Logging reachable for ${config.resource_names.join(', ')}: ${latest ? `latest entry at ${String(latest)}` : 'no entries in the last 24 hours'}`,
            };
          } catch (err) {
            return { ok: false, message: explain(err, hide) };
          }
        },
        async streams() {
          return [
            createEntriesStream(rt, {
              table: config.table,
              filter: config.filter,
              startDate: config.start_date,
              lookbackMs: config.lookback_minutes * 60_000,
            }),
          ];
        },
      };
    },
  };
}

/** `type: gcp_logging`: Cloud Logging entries (entries.list), incremental on timestamp with a lookback. */
export const gcpLoggingSource: SourceFactory<GcpLoggingConfig> = createGcpLoggingSource();
