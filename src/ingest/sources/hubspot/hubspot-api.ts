import type { Logger } from '../../../core/logger.js';
import type { HttpClient } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import type { HttpRequest } from '../../http/http-request.js';
import type { RateLimiter } from '../../http/rate-limiter.js';

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
  logger: Logger;
}

/** Sends a request and reads a `{ results, paging }` body. */
export async function fetchPage(rt: HubSpotRuntime, request: HttpRequest, signal: AbortSignal): Promise<HubSpotPage> {
  const response = await rt.client.request(request, { signal });
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
