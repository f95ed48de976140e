import type { Logger } from '../../core/logger.js';
import { apiKeyAuth, basicAuth, bearerAuth } from './auth/static-auth.js';
import { googleServiceAccount } from './auth/google-service-account.js';
import { oauth2ClientCredentials } from './auth/oauth2-client-credentials.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from './http-client.js';
import { createIncrementalCursor } from './incremental-cursor.js';
import { cursorPaginator, pageTokenPaginator } from './paginators/cursor-paginator.js';
import { nextLinkPaginator } from './paginators/next-link-paginator.js';
import { offsetPaginator } from './paginators/offset-paginator.js';
import { pageNumberPaginator } from './paginators/page-number-paginator.js';
import { createRateLimiter } from './rate-limiter.js';

/**
 * The HTTP toolkit as custom sources see it (`ctx.http`): a client factory
 * (timeouts, retries with backoff, Retry-After, rate limits; the connection's
 * logger), auth helpers, paginators and the incremental cursor helper.
 */
export function createSourceHttpToolkit(logger: Logger) {
  return {
    /** A client with Basin's retries and limits; `rateLimit: { requests, intervalMs }` keeps under an API's budget. */
    client: (options: HttpClientOptions = {}): HttpClient => createHttpClient({ logger, ...options }),
    auth: { bearer: bearerAuth, basic: basicAuth, apiKey: apiKeyAuth, oauth2ClientCredentials, googleServiceAccount },
    paginators: {
      cursor: cursorPaginator,
      pageToken: pageTokenPaginator,
      nextLink: nextLinkPaginator,
      offset: offsetPaginator,
      pageNumber: pageNumberPaginator,
    },
    incrementalCursor: createIncrementalCursor,
    rateLimiter: createRateLimiter,
  };
}
