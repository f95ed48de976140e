/**
 * Filtered, sorted listings of conversations and customers. A listing reads
 * only the organizations that can hold a match: those signed up since
 * `modifiedSince` minus the longest support life (a request is filed within
 * 90 days of signup and closed within 72 hours), the recent ones for open
 * conversations, the ones named by an email query. The sorted result of a
 * query before its `modifiedSince` filter is kept for its sandbox time (a
 * few queries at once) with the first organization it read, so walking a
 * listing page by page, even with a `modifiedSince` that moves forward
 * (what a client walking by modification time does), reads the
 * organizations once.
 */
import { SUPPORT_MAX_OPEN_MS, SUPPORT_WINDOW_MS } from '../company/crm-facts.js';
import type { SyntheticCompany } from '../company/synthetic-company.js';

/** How long after signup an organization's support records can still change. */
export const SUPPORT_LIFE_MS = SUPPORT_WINDOW_MS + SUPPORT_MAX_OPEN_MS + 1000;

/** Sort key of a record. */
export type SortKey = number | string;

/** Which organizations a query reads. */
export interface OrganizationScope {
  /** Only records modified at or after this time (ms). */
  since?: number | undefined;
  /** Only records of organizations signed up after this time (ms). */
  signedUpAfter?: number | undefined;
  /** Only these organizations. */
  only?: readonly number[] | undefined;
}

/** The first organization a query needs to read. */
export function firstOrganization(company: SyntheticCompany, scope: OrganizationScope): number {
  let lo = 0;
  if (scope.since !== undefined) lo = Math.max(lo, company.countAt(scope.since - SUPPORT_LIFE_MS));
  if (scope.signedUpAfter !== undefined) lo = Math.max(lo, company.countAt(scope.signedUpAfter));
  return lo;
}

/** The organization indexes to read at `now`, from `lo` on (or the ones named in `only`). */
export function organizationsFrom(company: SyntheticCompany, only: readonly number[] | undefined, lo: number, now: number): number[] {
  const end = company.countAt(now);
  if (only) return only.filter((i) => i >= 0 && i < end);
  const out: number[] = [];
  for (let i = lo; i < end; i++) out.push(i);
  return out;
}

/** Sorts records by key then id, ascending or descending. */
export function sortRecords<T>(records: T[], key: (r: T) => SortKey, id: (r: T) => number, desc: boolean): T[] {
  const sign = desc ? -1 : 1;
  const keyed = records.map((r) => ({ r, k: key(r), id: id(r) }));
  keyed.sort((a, b) => {
    if (a.k !== b.k) return (a.k < b.k ? -1 : 1) * sign;
    return (a.id - b.id) * sign;
  });
  return keyed.map((x) => x.r);
}

const CACHE_ENTRIES = 8;

/** Results of recent queries (before `modifiedSince`), by query and sandbox time, with the first organization read. */
export class ResultCache {
  private readonly entries = new Map<string, { lo: number; rows: unknown[] }>();

  /** The cached rows of `key` when they cover organizations from `lo` on, or `build(lo)` (then cached). */
  get<T>(key: string, lo: number, build: (lo: number) => T[]): T[] {
    const hit = this.entries.get(key);
    if (hit && hit.lo <= lo) return hit.rows as T[];
    const rows = build(lo);
    this.entries.delete(key);
    if (this.entries.size >= CACHE_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { lo, rows });
    return rows;
  }
}
