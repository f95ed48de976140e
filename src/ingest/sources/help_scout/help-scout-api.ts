/**
 * What every stream of one Help Scout connection shares (one client, one
 * budget, one token) and how it reads HAL pages: `_embedded.<name>` and
 * `page.{number,totalPages}`. Records lose their `_links`; sub-entities
 * under `_embedded` move up to plain fields (customers' emails, threads'
 * attachments) so the loader makes child tables of them.
 */
import type { Logger } from '../../../core/logger.js';
import type { HttpClient } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import type { QueryValue } from '../../http/http-request.js';

/** A Help Scout object as returned. */
export type HelpScoutObject = Record<string, unknown>;

/** One HAL page. */
export interface HalPage {
  records: HelpScoutObject[];
  number: number;
  totalPages: number;
}

/** Shared by the streams of one connection. */
export interface HelpScoutRuntime {
  client: HttpClient;
  /** Lower bound of modification times (epoch ms), if configured. */
  startDate: number | undefined;
  /** Records gathered into one batch (one checkpoint) by the incremental streams. */
  batchRecords: number;
  logger: Logger;
}

export function isObject(value: unknown): value is HelpScoutObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** GETs one page of a list endpoint (`/v2/customers`) and reads `_embedded[name]`. */
export async function fetchHalPage(
  rt: HelpScoutRuntime,
  path: string,
  name: string,
  query: Record<string, QueryValue>,
  signal: AbortSignal,
): Promise<HalPage> {
  const response = await rt.client.request({ url: path, query }, { signal });
  const body = response.json<unknown>();
  if (!isObject(body) || !isObject(body['page'])) {
    throw new HttpError('HTTP_RESPONSE', `${response.url}: not a Help Scout list page (no page object)`, { url: response.url, method: 'GET', status: response.status });
  }
  const embedded = isObject(body['_embedded']) ? body['_embedded'][name] : undefined;
  const page = body['page'];
  return {
    records: Array.isArray(embedded) ? embedded.filter(isObject) : [],
    number: Number(page['number']) || 1,
    totalPages: Number(page['totalPages']) || 0,
  };
}

/** Every record of a small list endpoint (mailboxes, users, threads), page by page. */
export async function fetchAllPages(rt: HelpScoutRuntime, path: string, name: string, signal: AbortSignal): Promise<HelpScoutObject[]> {
  const out: HelpScoutObject[] = [];
  for (let page = 1; ; page++) {
    const p = await fetchHalPage(rt, path, name, { page }, signal);
    out.push(...p.records);
    if (p.records.length === 0 || p.number >= p.totalPages) return out;
  }
}

/** A record as Basin loads it: no `_links`, `_embedded` entries lifted to fields. */
export function toRecord(object: HelpScoutObject): HelpScoutObject {
  const { _links: _ignored, _embedded: embedded, ...rest } = object;
  if (isObject(embedded)) {
    for (const [key, value] of Object.entries(embedded)) if (!(key in rest)) rest[key] = value;
  }
  return rest;
}

/** A timestamp field as epoch ms (NaN when missing or malformed). */
export function timeOf(record: HelpScoutObject, field: string): number {
  const v = record[field];
  return typeof v === 'string' ? Date.parse(v) : Number.NaN;
}

/** Epoch ms as Help Scout's date-time parameters want them (to the second, UTC). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
