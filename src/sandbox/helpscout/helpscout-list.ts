/**
 * Filtered, sorted listings of conversations and customers. A listing reads
 * only the organizations that can hold a match: those signed up since
 * `modifiedSince` minus the longest support life (a request is filed within
 * 90 days of signup and closed within 72 hours), the recent ones for open
 * conversations, the ones named by an email query. The sorted result of a
 * query is kept for its sandbox time (a few queries at once), so walking a
 * listing page by page reads the organizations once.
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

/** The organization indexes a query reads at `now`. */
export function organizationsInScope(company: SyntheticCompany, scope: OrganizationScope, now: number): number[] {
  const end = company.countAt(now);
  if (scope.only) return scope.only.filter((i) => i >= 0 && i < end);
  let lo = 0;
  if (scope.since !== undefined) lo = Math.max(lo, company.countAt(scope.since - SUPPORT_LIFE_MS));
  if (scope.signedUpAfter !== undefined) lo = Math.max(lo, company.countAt(scope.signedUpAfter));
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

/** Results of recent queries, by query and sandbox time. */
export class ResultCache {
  private readonly entries = new Map<string, unknown[]>();

  /** The cached result of `key`, or `build()` (then cached). */
  get<T>(key: string, build: () => T[]): T[] {
    const hit = this.entries.get(key);
    if (hit) return hit as T[];
    const value = build();
    if (this.entries.size >= CACHE_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, value);
    return value;
  }
}
