/**
 * `POST /crm/v3/objects/{type}/search`: filter groups (OR of ANDed filters),
 * one sort, offset paging with `after`, and HubSpot's cap of 10,000 results
 * per query (paging past it is a 400), so clients slice time windows.
 * Candidates come from the organizations whose records can change inside the
 * `lastmodifieddate` window (binary search on signup time), not a full scan.
 */
import { periodAt } from '../company/billing-profile.js';
import type { SyntheticCompany } from '../company/synthetic-company.js';
import type { CrmType } from './hubspot-ids.js';
import { validationError } from './hubspot-errors.js';
import { propertyType } from './hubspot-properties.js';
import { changeOffsets, crmRecord, lastModifiedProperty, slotCount, type CrmRecord } from './hubspot-records.js';

/** Results a search can reach, whatever the paging (HubSpot's cap; `HubSpotFakeOptions.searchResultCap` lowers it). */
export const SEARCH_RESULT_CAP = 10_000;
/** Largest `limit` of a search page. */
export const SEARCH_MAX_LIMIT = 200;

interface Filter {
  propertyName: string;
  operator: string;
  value?: unknown;
  highValue?: unknown;
  values?: unknown[];
}

/** A parsed search request. */
export interface SearchRequest {
  filterGroups: { filters: Filter[] }[];
  sorts: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }[];
  properties: string[];
  limit: number;
  after: number;
}

const OPERATORS = new Set(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN']);

/** Validates a search body. */
export function parseSearch(type: CrmType, text: string, cap: number = SEARCH_RESULT_CAP): SearchRequest {
  let body: Record<string, unknown>;
  try {
    body = (text.trim() === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
  } catch {
    throw validationError('Invalid input JSON on line 1: the request body is not valid JSON');
  }
  const groups = (body.filterGroups ?? []) as { filters?: Filter[] }[];
  if (!Array.isArray(groups) || groups.length > 5) throw validationError('filterGroups: at most 5 filter groups are allowed');
  let total = 0;
  const filterGroups = groups.map((g) => {
    const filters = Array.isArray(g?.filters) ? g.filters : [];
    if (filters.length > 6) throw validationError('filterGroups: at most 6 filters per group are allowed');
    total += filters.length;
    for (const f of filters) {
      if (typeof f?.propertyName !== 'string' || !OPERATORS.has(String(f.operator))) {
        throw validationError(`Invalid filter: ${JSON.stringify(f)}`);
      }
    }
    return { filters };
  });
  if (total > 18) throw validationError('filterGroups: at most 18 filters in total are allowed');
  const rawSorts = (body.sorts ?? []) as unknown[];
  if (!Array.isArray(rawSorts) || rawSorts.length > 1) throw validationError('sorts: only one sort is supported');
  const sorts = rawSorts.map((s) => {
    if (typeof s === 'string') return { propertyName: s.replace(/^-/, ''), direction: s.startsWith('-') ? 'DESCENDING' as const : 'ASCENDING' as const };
    const o = s as { propertyName?: unknown; direction?: unknown };
    if (typeof o.propertyName !== 'string') throw validationError('sorts: propertyName is required');
    return { propertyName: o.propertyName, direction: o.direction === 'DESCENDING' ? 'DESCENDING' as const : 'ASCENDING' as const };
  });
  const limit = body.limit === undefined ? 10 : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_LIMIT) throw validationError(`limit: must be between 1 and ${SEARCH_MAX_LIMIT}`);
  const after = body.after === undefined || body.after === null || body.after === '' ? 0 : Number(body.after);
  if (!Number.isInteger(after) || after < 0) throw validationError(`Invalid input for 'after': ${String(body.after)}`);
  if (after >= cap) {
    throw validationError(`The search API returns at most ${cap} results per query: 'after' must be below ${cap}. Narrow the query (e.g. by ${lastModifiedProperty(type)}) instead.`);
  }
  const properties = Array.isArray(body.properties) ? body.properties.filter((p): p is string => typeof p === 'string') : [];
  return { filterGroups, sorts, properties, limit, after };
}

/** Comparable form of a value of a property of HubSpot type `kind`. */
function comparable(kind: string | undefined, value: unknown): number | string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value);
  if (kind === 'datetime' || kind === 'date') {
    const ms = /^-?\d+$/.test(text) ? Number(text) : Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (kind === 'number') return Number(text);
  return text.toLowerCase();
}

function matches(type: CrmType, record: CrmRecord, f: Filter): boolean {
  const kind = propertyType(type, f.propertyName);
  const actual = comparable(kind, record.properties[f.propertyName]);
  const v = comparable(kind, f.value);
  switch (f.operator) {
    case 'HAS_PROPERTY':
      return actual !== undefined;
    case 'NOT_HAS_PROPERTY':
      return actual === undefined;
    case 'EQ':
      return actual !== undefined && actual === v;
    case 'NEQ':
      return actual !== v;
    case 'IN':
      return actual !== undefined && (f.values ?? []).some((x) => comparable(kind, x) === actual);
    case 'NOT_IN':
      return !(f.values ?? []).some((x) => comparable(kind, x) === actual);
    case 'CONTAINS_TOKEN':
      return typeof actual === 'string' && typeof v === 'string' && actual.split(/[\s@.]+/).includes(v.replace(/\*/g, ''));
  }
  if (actual === undefined || v === undefined) return false;
  switch (f.operator) {
    case 'LT':
      return actual < v;
    case 'LTE':
      return actual <= v;
    case 'GT':
      return actual > v;
    case 'GTE':
      return actual >= v;
    case 'BETWEEN': {
      const hi = comparable(kind, f.highValue);
      return hi !== undefined && actual >= v && actual <= hi;
    }
  }
  return false;
}

/** The [from, to] range of last-modified times a query can match (from the lastmodified filters). */
function modifiedRange(type: CrmType, request: SearchRequest): [number, number] {
  if (request.filterGroups.length === 0) return [-Infinity, Infinity];
  const prop = lastModifiedProperty(type);
  let lo = Infinity;
  let hi = -Infinity;
  for (const group of request.filterGroups) {
    let glo = -Infinity;
    let ghi = Infinity;
    for (const f of group.filters) {
      if (f.propertyName !== prop && f.propertyName !== 'lastmodifieddate' && f.propertyName !== 'hs_lastmodifieddate') continue;
      const v = comparable('datetime', f.value);
      if (typeof v !== 'number') continue;
      if (f.operator === 'GT' || f.operator === 'GTE' || f.operator === 'EQ' || f.operator === 'BETWEEN') glo = Math.max(glo, v);
      if (f.operator === 'LT' || f.operator === 'LTE' || f.operator === 'EQ') ghi = Math.min(ghi, v);
      if (f.operator === 'BETWEEN') {
        const h = comparable('datetime', f.highValue);
        if (typeof h === 'number') ghi = Math.min(ghi, h);
      }
    }
    lo = Math.min(lo, glo);
    hi = Math.max(hi, ghi);
  }
  return [lo, hi];
}

/** Organization index ranges [lo, hi) whose records of `type` can change within [from, to]. */
function candidateRanges(company: SyntheticCompany, type: CrmType, from: number, to: number, now: number): [number, number][] {
  const end = company.countAt(now);
  if (from === -Infinity) return [[0, Math.min(end, company.countAt(Math.min(to, now)))]];
  const maxPeriod = periodAt(now - company.origin) + 1;
  const ranges = changeOffsets(type, maxPeriod)
    .map(([min, max]): [number, number] => [company.countAt(from - max - 1), Math.min(end, company.countAt(Math.min(to, now) - min))])
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** What writes changed, for search: the records of the searched type that writes created or changed, writes applied. */
export interface SearchWrites {
  touched(): CrmRecord[];
}

/** Every live record of `type` matching the request at `now` (writes applied when given), sorted. */
export function searchAll(company: SyntheticCompany, type: CrmType, request: SearchRequest, now: number, writes?: SearchWrites): CrmRecord[] {
  const [from, to] = modifiedRange(type, request);
  const out: CrmRecord[] = [];
  const written = new Map((writes?.touched() ?? []).map((r) => [r.id, r]));
  const consider = (record: CrmRecord | undefined): void => {
    if (!record || record.archivedAt !== undefined) return;
    const ok = request.filterGroups.length === 0 || request.filterGroups.some((g) => g.filters.every((f) => matches(type, record, f)));
    if (ok) out.push(record);
  };
  for (const [lo, hi] of candidateRanges(company, type, from, to, now)) {
    for (let i = lo; i < hi; i++) {
      for (let s = 0; s < slotCount(company, type, i); s++) {
        const record = crmRecord(company, type, { org: i, slot: s }, now);
        if (record && written.has(record.id)) continue;
        consider(record);
      }
    }
  }
  // Records writes changed or created are candidates whatever their (new) modification time.
  for (const record of written.values()) consider(record);
  const sort = request.sorts[0];
  const byId = (a: CrmRecord, b: CrmRecord): number => Number(a.id) - Number(b.id);
  if (!sort) return out.sort(byId);
  const kind = propertyType(type, sort.propertyName);
  const sign = sort.direction === 'DESCENDING' ? -1 : 1;
  return out.sort((a, b) => {
    const x = comparable(kind, a.properties[sort.propertyName]);
    const y = comparable(kind, b.properties[sort.propertyName]);
    if (x === y) return byId(a, b);
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    return (x < y ? -1 : 1) * sign;
  });
}
