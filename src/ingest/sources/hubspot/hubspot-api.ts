import type { Logger } from '../../../core/logger.js';
import type { HttpClient } from '../../http/http-client.js';
import { isRetryableStatus } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import type { HttpRequest } from '../../http/http-request.js';
import type { RateLimiter } from '../../http/rate-limiter.js';
import { sleep } from '../../http/sleep.js';

/** A CRM object as HubSpot returns it. */
export type HubSpotObject = Record<string, unknown>;

/** One page of a list or search: results and the next `after`, if any. */
export interface HubSpotPage {
  results: HubSpotObject[];
  after: string | undefined;
  /** Search only: how many records match the query. */
  total?: number | undefined;
}

/** What every stream of one HubSpot connection shares: one client (one budget) and the search limiter. */
export interface HubSpotRuntime {
  client: HttpClient;
  /** The search API's own budget (4 per second), taken on top of the client's. */
  searchLimiter: RateLimiter;
  /** Lower bound of `updatedAt` (epoch ms), if configured. */
  startDate: number | undefined;
  /** Results one search query can reach (HubSpot: 10,000). */
  searchCap: number;
  /** Retries of read-only POSTs (search, batch read) the client does not retry on 5xx: attempts and base delay. */
  postRetry: { attempts: number; baseDelayMs: number; maxDelayMs: number };
  logger: Logger;
}

/**
 * Sends a request; a POST that only reads (search, batch read) is retried on
 * retryable statuses like a GET, since the HTTP client leaves POSTs alone
 * (it retries their 429s and 503s itself).
 */
async function send(rt: HubSpotRuntime, request: HttpRequest, signal: AbortSignal) {
  if ((request.method ?? 'GET') === 'GET') return rt.client.request(request, { signal });
  for (let attempt = 1; ; attempt++) {
    try {
      return await rt.client.request(request, { signal });
    } catch (err) {
      const retryable = err instanceof HttpError && err.status !== undefined && isRetryableStatus(err.status);
      if (!retryable || attempt >= rt.postRetry.attempts) throw err;
      const delay = Math.min(rt.postRetry.maxDelayMs, rt.postRetry.baseDelayMs * 2 ** (attempt - 1));
      rt.logger.debug('retrying a HubSpot read request', { url: request.url, attempt, status: err.status });
      await sleep(Math.random() * delay, signal);
    }
  }
}

/** Sends a request and reads a `{ results, paging }` body. */
export async function fetchPage(rt: HubSpotRuntime, request: HttpRequest, signal: AbortSignal): Promise<HubSpotPage> {
  const response = await send(rt, request, signal);
  const body = response.json<{ results?: unknown; paging?: { next?: { after?: unknown } }; total?: unknown } | undefined>();
  if (!body || !Array.isArray(body.results)) {
    throw new HttpError('HTTP_RESPONSE', `${response.url}: not a HubSpot page (no results array)`, { url: response.url, method: request.method ?? 'GET', status: response.status });
  }
  const after = body.paging?.next?.after;
  return {
    results: body.results.filter(isObject),
    after: after === undefined || after === null || after === '' ? undefined : String(after),
    total: typeof body.total === 'number' ? body.total : undefined,
  };
}

/** A search request, under the search API's own limit as well as the connection's. */
export async function searchPage(rt: HubSpotRuntime, objectType: string, body: Record<string, unknown>, signal: AbortSignal): Promise<HubSpotPage> {
  const permit = await rt.searchLimiter.acquire(signal);
  try {
    return await fetchPage(rt, { method: 'POST', url: `/crm/v3/objects/${objectType}/search`, json: body }, signal);
  } finally {
    permit.release();
  }
}

/** Every property name of `objectType` (`/crm/v3/properties/{type}`), so reads request them all. */
export async function discoverProperties(rt: HubSpotRuntime, objectType: string, signal: AbortSignal): Promise<string[]> {
  const page = await fetchPage(rt, { url: `/crm/v3/properties/${objectType}` }, signal);
  return page.results.map((p) => p['name']).filter((n): n is string => typeof n === 'string' && n !== '');
}

/** The record Basin loads: id, timestamps, archived, properties (flattened by the loader). */
export function toRecord(object: HubSpotObject): HubSpotObject {
  return {
    id: String(object['id']),
    createdAt: object['createdAt'],
    updatedAt: object['updatedAt'],
    archived: object['archived'] === true,
    properties: isObject(object['properties']) ? object['properties'] : {},
  };
}

/** `updatedAt` as epoch ms (NaN when missing or malformed). */
export function updatedMs(record: HubSpotObject): number {
  return typeof record['updatedAt'] === 'string' ? Date.parse(record['updatedAt']) : Number.NaN;
}

export function isObject(value: unknown): value is HubSpotObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
