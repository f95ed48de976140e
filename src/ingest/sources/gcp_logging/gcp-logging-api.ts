/**
 * `entries.list` through the connection's HTTP client. The toolkit retries a
 * POST only on 429 and 503; `entries.list` is a read, so a page is also
 * requested again after a network error, a timeout or another 5xx.
 */
import type { Logger } from '../../../core/logger.js';
import { fullJitterDelay } from '../../http/backoff.js';
import type { HttpClient } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import { sleep } from '../../http/sleep.js';

/** What the streams of one connection share. */
export interface LoggingRuntime {
  client: HttpClient;
  resourceNames: string[];
  pageSize: number;
  /** Attempts per page for failures the client does not retry on a POST. */
  attempts: number;
  /** Backoff ceiling of the first extra attempt (ms). */
  baseDelayMs: number;
  logger: Logger;
}

/** One page of entries.list. */
export interface EntriesPage {
  entries: Array<Record<string, unknown>>;
  nextPageToken: string | undefined;
}

/** The request body of entries.list. */
export interface ListRequest {
  filter: string;
  orderBy: 'timestamp asc' | 'timestamp desc';
  pageSize: number;
  pageToken?: string | undefined;
}

function retryable(err: unknown): boolean {
  if (!(err instanceof HttpError)) return false;
  if (err.code === 'HTTP_NETWORK' || err.code === 'HTTP_TIMEOUT') return true;
  return err.code === 'HTTP_STATUS' && err.status !== undefined && [500, 502, 504].includes(err.status);
}

/** Lists one page. */
export async function listEntries(rt: LoggingRuntime, request: ListRequest, signal: AbortSignal): Promise<EntriesPage> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await rt.client.request({ method: 'POST', url: '/v2/entries:list', json: { resourceNames: rt.resourceNames, ...request } }, { signal });
      const body = response.json<{ entries?: unknown; nextPageToken?: unknown } | undefined>() ?? {};
      const entries = Array.isArray(body.entries) ? body.entries.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null && !Array.isArray(e)) : [];
      const token = typeof body.nextPageToken === 'string' && body.nextPageToken !== '' ? body.nextPageToken : undefined;
      return { entries, nextPageToken: token };
    } catch (err) {
      if (attempt >= rt.attempts || !retryable(err) || signal.aborted) throw err;
      rt.logger.debug('entries.list failed; trying the page again', { attempt, error: (err as Error).message });
      await sleep(fullJitterDelay(attempt, { baseDelayMs: rt.baseDelayMs, maxDelayMs: 30_000 }), signal);
    }
  }
}
