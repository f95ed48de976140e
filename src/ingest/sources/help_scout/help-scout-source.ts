import { errorMessage } from '../../../core/errors.js';
import { oauth2ClientCredentials } from '../../http/auth/oauth2-client-credentials.js';
import { createHttpClient, type RetryOptions } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import type { Source, SourceFactory } from '../../source.js';
import { fetchHalPage, type HelpScoutRuntime } from './help-scout-api.js';
import { helpScoutConfigSchema, type HelpScoutConfig } from './help-scout-config.js';
import { withHelpScoutRetryAfter } from './help-scout-fetch.js';
import { helpScoutStreams } from './help-scout-streams.js';

/** Settings that are not config (tests). */
export interface HelpScoutSourceOptions {
  retry?: Partial<RetryOptions> | undefined;
  fetch?: typeof fetch | undefined;
  /** Records per batch (checkpoint) of the incremental streams (default 500). */
  batchRecords?: number | undefined;
}

/** A `type: help_scout` factory; `helpScoutSource` is the default one. */
export function createHelpScoutSource(options: HelpScoutSourceOptions = {}): SourceFactory<HelpScoutConfig> {
  return {
    type: 'help_scout',
    configSchema: helpScoutConfigSchema,
    create(config, context): Source {
      const logger = context.logger;
      const baseUrl = config.base_url.replace(/\/+$/, '');
      const fetchImpl = withHelpScoutRetryAfter(options.fetch ?? fetch);
      const auth = oauth2ClientCredentials({
        tokenUrl: `${baseUrl}/v2/oauth2/token`,
        clientId: config.client_id,
        clientSecret: config.client_secret,
        clientAuth: 'body',
        http: createHttpClient({ retry: { maxAttempts: 3, ...options.retry }, fetch: fetchImpl, logger }),
      });
      const client = createHttpClient({
        baseUrl,
        auth,
        rateLimit: { requests: config.rate_limit.requests_per_minute, intervalMs: 60_000 },
        retry: options.retry,
        fetch: fetchImpl,
        logger,
      });
      const rt: HelpScoutRuntime = { client, startDate: config.start_date, batchRecords: options.batchRecords ?? 500, logger };
      const hide = (text: string): string => text.split(config.client_secret).join('***');
      return {
        type: 'help_scout',
        async check(signal) {
          try {
            const page = await fetchHalPage(rt, '/v2/mailboxes', 'mailboxes', { page: 1 }, signal);
            return { ok: true, message: `Help Scout reachable: token issued, ${page.records.length} mailbox(es) readable` };
          } catch (err) {
            if (err instanceof HttpError && err.status === 401) {
              return { ok: false, message: 'Help Scout rejected the app credentials (401): check client_id and client_secret (an active user must own the app)' };
            }
            if (err instanceof HttpError && err.status === 403) return { ok: false, message: 'Help Scout refused access (403): the app owner cannot read mailboxes' };
            return { ok: false, message: hide(errorMessage(err)) };
          }
        },
        async streams() {
          return helpScoutStreams(rt);
        },
      };
    },
  };
}

/**
 * `type: help_scout`: mailboxes, users, customers, conversations and their
 * threads from the Mailbox API 2.0 (OAuth2 client credentials).
 */
export const helpScoutSource: SourceFactory<HelpScoutConfig> = createHelpScoutSource();
