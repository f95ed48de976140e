import type { Logger } from '../../../core/logger.js';
import type { HttpClient } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import type { QueryValue } from '../../http/http-request.js';

/** A Stripe API object (customer, invoice, event...). */
export type StripeObject = Record<string, unknown>;

/** One page of a Stripe list. */
export interface StripeList {
  data: StripeObject[];
  has_more: boolean;
}

/** What every stream of one Stripe connection shares: one client, so one rate budget. */
export interface StripeRuntime {
  client: HttpClient;
  pageSize: number;
  /** Configured backfill lower bound (epoch seconds), if any. */
  startDate: number | undefined;
  /** Records per yielded batch (pages accumulate up to it; each batch is a checkpoint). */
  batchSize: number;
  logger: Logger;
}

/** GETs one list page of `path` (under /v1). */
export async function listPage(rt: StripeRuntime, path: string, query: Record<string, QueryValue>, signal: AbortSignal): Promise<StripeList> {
  const response = await rt.client.request({ url: `/v1/${path}`, query: { limit: rt.pageSize, ...query } }, { signal });
  const body = response.json<Partial<StripeList> | undefined>();
  if (!body || !Array.isArray(body.data)) {
    throw new HttpError('HTTP_RESPONSE', `${response.url}: not a Stripe list (no data array)`, { url: response.url, method: 'GET', status: response.status });
  }
  return { data: body.data.filter(isObject), has_more: body.has_more === true };
}

/** Every object of a list, following `starting_after` (used for nested lists: invoice lines, subscription items). */
export async function listAll(rt: StripeRuntime, path: string, query: Record<string, QueryValue>, signal: AbortSignal, after?: string): Promise<StripeObject[]> {
  const out: StripeObject[] = [];
  let cursor = after;
  for (;;) {
    const page = await listPage(rt, path, { ...query, starting_after: cursor }, signal);
    out.push(...page.data);
    const last = page.data.at(-1);
    if (!page.has_more || !last) return out;
    cursor = String(last['id']);
  }
}

/** The newest event retained: its id, its second, and the ids of every event on that second. */
export interface EventMark {
  id: string;
  created: number;
  same: string[];
}

/** The newest event of the account (any type), or undefined when none is retained. */
export async function newestEvent(rt: StripeRuntime, signal: AbortSignal): Promise<EventMark | undefined> {
  const response = await rt.client.request({ url: '/v1/events', query: { limit: 100 } }, { signal });
  const data = (response.json<Partial<StripeList> | undefined>()?.data ?? []).filter(isObject);
  const first = data[0];
  if (!first || typeof first['id'] !== 'string' || typeof first['created'] !== 'number') return undefined;
  const created = first['created'];
  return { id: first['id'], created, same: data.filter((e) => e['created'] === created).map((e) => String(e['id'])) };
}

/** Whether event `id` is still retained (Stripe keeps events 30 days; older ones answer 404). */
export async function eventRetained(rt: StripeRuntime, id: string, signal: AbortSignal): Promise<boolean> {
  const response = await rt.client.request({ url: `/v1/events/${encodeURIComponent(id)}` }, { signal, acceptStatuses: [404] });
  return response.status !== 404;
}

export function isObject(value: unknown): value is StripeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
