/**
 * `entries.list` over the generated timeline: walks one-minute buckets
 * inside the filter's timestamp range (ascending or descending), keeps the
 * entries that are visible (received by the sandbox's now, within the
 * 30-day retention of the `_Default` bucket) and match the filter, and pages
 * by position: a page token is the (timestamp, insertId) of the last entry
 * returned, so it stays valid while time advances. Like the API, a search
 * that runs out of budget returns what it found (possibly nothing) with a
 * `nextPageToken` to continue from.
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { DAY } from '../duration.js';
import { hashString } from '../prng.js';
import { invalidArgument } from '../google/google-errors.js';
import { buildEntry } from './logging-entries.js';
import type { CompiledFilter, LogEntryJson } from './logging-filter-eval.js';
import { BUCKET_MS, bucketSlots } from './logging-timeline.js';

/** Retention of the `_Default` log bucket. */
export const RETENTION_MS = 30 * DAY;
/** Without a timestamp restriction, only the last 24 hours are searched. */
export const DEFAULT_WINDOW_MS = DAY;
/** Slots one request examines at most before answering with what it found. */
export const SCAN_BUDGET = 5_000;

/** A list request, validated. */
export interface ListQuery {
  filter: CompiledFilter;
  /** The filter text, order and resources, to tie page tokens to their query. */
  fingerprint: string;
  descending: boolean;
  pageSize: number;
  pageToken: string | undefined;
}

interface Position {
  /** Timestamp (µs) and insertId of the last entry returned. */
  t: number;
  id: string;
}

interface PageToken {
  /** The query's fingerprint hash. */
  q: number;
  /** Sandbox time of the first page (fixes the default 24-hour window). */
  n: number;
  p: Position;
}

function encodeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(text: string, fingerprint: number): PageToken {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as PageToken;
    if (typeof token.n === 'number' && typeof token.p?.t === 'number' && typeof token.p.id === 'string') {
      if (token.q !== fingerprint) throw invalidArgument('The page token does not match the request: the other parameters must be identical to those of the previous call.');
      return token;
    }
  } catch (err) {
    if (err instanceof Error && err.name === 'GoogleApiError') throw err;
  }
  throw invalidArgument(`Invalid page token: ${text}`);
}

interface Keyed {
  micros: number;
  receiveMicros: number;
  id: string;
  entry: LogEntryJson;
}

function compareKey(a: { t: number; id: string }, b: { t: number; id: string }): number {
  return a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function bucketEntries(company: SyntheticCompany, bucket: number): Keyed[] {
  const out = bucketSlots(company, bucket).map((slot) => {
    const entry = buildEntry(company, slot);
    return { micros: slot.micros, receiveMicros: slot.receiveMicros, id: String(entry['insertId']), entry };
  });
  return out.sort((a, b) => compareKey({ t: a.micros, id: a.id }, { t: b.micros, id: b.id }));
}

/** One page of `entries.list` at sandbox time `now` (ms). */
export function listEntries(company: SyntheticCompany, query: ListQuery, now: number): ListPage {
  const page = scan(company, query, now);
  // proto3's JSON mapping leaves out empty repeated fields: no matches is `{}`.
  return page.entries.length > 0 ? page : page.nextPageToken ? { nextPageToken: page.nextPageToken } : {};
}

/** One page as the API answers it. */
export interface ListPage {
  entries?: LogEntryJson[];
  nextPageToken?: string;
}

function scan(company: SyntheticCompany, query: ListQuery, now: number): { entries: LogEntryJson[]; nextPageToken?: string } {
  const q = hashString(query.fingerprint);
  const token = query.pageToken ? decodeToken(query.pageToken, q) : undefined;
  const first = token?.n ?? now;
  const nowMicros = now * 1000;
  let lower = Math.max((now - RETENTION_MS) * 1000, company.origin * 1000);
  if (query.filter.lower !== undefined) lower = Math.max(lower, query.filter.lower);
  if (!query.filter.mentionsTimestamp) lower = Math.max(lower, (first - DEFAULT_WINDOW_MS) * 1000);
  let upper = nowMicros;
  if (query.filter.upper !== undefined) upper = Math.min(upper, query.filter.upper);
  if (lower > upper) return { entries: [] };

  const after = token?.p;
  const firstBucket = Math.floor(lower / 1000 / BUCKET_MS);
  const lastBucket = Math.floor(upper / 1000 / BUCKET_MS);
  const step = query.descending ? -1 : 1;
  let bucket = query.descending ? lastBucket : firstBucket;
  if (after) {
    const at = Math.floor(after.t / 1000 / BUCKET_MS);
    bucket = query.descending ? Math.min(bucket, at) : Math.max(bucket, at);
  }
  const entries: LogEntryJson[] = [];
  let scanned = 0;
  let last: Position | undefined;
  for (; query.descending ? bucket >= firstBucket : bucket <= lastBucket; bucket += step) {
    const keyed = bucketEntries(company, bucket);
    if (query.descending) keyed.reverse();
    scanned += keyed.length + 1;
    for (const k of keyed) {
      if (k.micros < lower || k.micros > upper || k.receiveMicros > nowMicros) continue;
      if (after) {
        const c = compareKey({ t: k.micros, id: k.id }, after);
        if (query.descending ? c >= 0 : c <= 0) continue;
      }
      if (!query.filter.matches(k.entry)) continue;
      entries.push(k.entry);
      last = { t: k.micros, id: k.id };
      if (entries.length >= query.pageSize) return { entries, nextPageToken: encodeToken({ q, n: first, p: last }) };
    }
    const more = query.descending ? bucket > firstBucket : bucket < lastBucket;
    if (scanned >= SCAN_BUDGET && more) {
      // Out of budget: continue after this bucket next time.
      const edge: Position = query.descending ? { t: bucket * BUCKET_MS * 1000 - 1, id: '\uffff' } : { t: (bucket + 1) * BUCKET_MS * 1000, id: '' };
      return { entries, nextPageToken: encodeToken({ q, n: first, p: edge }) };
    }
  }
  return { entries };
}
