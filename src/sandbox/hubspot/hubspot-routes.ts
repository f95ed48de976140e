/** Routes of the HubSpot fake: CRM v3 objects, search, properties, custom object schemas, owners, v3/v4 associations. */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { associatedIds, associationName, associationTypes } from './hubspot-associations.js';
import { HubSpotApiError, notFound, validationError } from './hubspot-errors.js';
import { crmTypeOf, decodeCrmId, type CrmType } from './hubspot-ids.js';
import { owners } from './hubspot-owners.js';
import { propertyDefinitions } from './hubspot-properties.js';
import type { CrmRecord } from './hubspot-records.js';
import { corrupt, propertyList, renderRecord } from './hubspot-render.js';
import { customObjectSchema, customObjectSchemas } from './hubspot-schemas.js';
import { parseSearch, searchAll } from './hubspot-search.js';
import { listWithWrites } from './hubspot-written-list.js';
import type { CrmWrites } from './hubspot-writes.js';

/** What a route sees. */
export interface RouteInput {
  company: SyntheticCompany;
  method: string;
  url: URL;
  segments: string[];
  body: string;
  now: number;
  malformed: boolean;
  /** Results one search query can reach (HubSpot: 10,000). */
  searchCap: number;
  /** Sorted search results of recent identical queries (cleared when it grows). */
  searchCache: Map<string, CrmRecord[]>;
  /** What writes changed; every read goes through it. */
  writes: CrmWrites;
}

/** A rendered record with the associations writes created added to those `renderRecord` found. */
function withWrittenLinks(out: Record<string, unknown>, record: CrmRecord, to: readonly CrmType[], input: RouteInput): Record<string, unknown> {
  if (record.archivedAt !== undefined) return out;
  const associations = { ...((out['associations'] as Record<string, { results: { id: string; type: string }[] }> | undefined) ?? {}) };
  for (const t of to) {
    const have = associations[t]?.results.map((r) => r.id) ?? [];
    const ids = input.writes.associatedIds(input.company, record.type, record.id, t, have, input.now);
    if (ids.length > 0) associations[t] = { results: ids.map((id) => ({ id, type: associationName(record.type, t) })) };
    else delete associations[t];
  }
  const { associations: _, ...rest } = out;
  return Object.keys(associations).length > 0 ? { ...rest, associations } : rest;
}

function typeOf(name: string | undefined): CrmType {
  const type = name === undefined ? undefined : crmTypeOf(name);
  if (!type) throw new HubSpotApiError(400, 'OBJECT_NOT_FOUND', `Unable to infer object type from: ${name ?? ''}`);
  return type;
}

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw validationError(`Invalid input for '${name}': must be between 1 and ${max}`);
  return n;
}

function associationsParam(url: URL): CrmType[] {
  return propertyList(url.searchParams.getAll('associations')).map((a) => typeOf(a));
}

/** Whether `segments` match `pattern` (`:x` = any one segment). */
function match(segments: string[], ...pattern: string[]): boolean {
  return segments.length === pattern.length && pattern.every((p, k) => p.startsWith(':') || p === segments[k]);
}

function link(url: URL, after: string): string {
  const next = new URL(url);
  next.searchParams.set('after', after);
  return next.toString();
}

/** Answers a request, or returns undefined for an unknown route (404). */
export function route(input: RouteInput): unknown {
  const { company, method, url, segments: s, now } = input;
  const createdAt = new Date(company.origin - 90 * 86_400_000).toISOString();
  if (method === 'GET' && match(s, 'crm', 'v3', 'objects', ':type')) {
    const type = typeOf(s[3]);
    const page = listWithWrites(company, input.writes, type, {
      limit: intParam(url, 'limit', 10, 100),
      after: url.searchParams.get('after') ?? undefined,
      archived: url.searchParams.get('archived') === 'true',
      now,
    });
    const options = { properties: propertyList(url.searchParams.getAll('properties')), associations: associationsParam(url), now, company };
    const results = page.records.map((r) => withWrittenLinks(renderRecord(r, options), r, options.associations, input));
    if (input.malformed && results[0]) corrupt(results[0]);
    return {
      results,
      ...(page.nextAfter ? { paging: { next: { after: page.nextAfter, link: link(url, page.nextAfter) } } } : {}),
    };
  }
  if (method === 'GET' && match(s, 'crm', 'v3', 'objects', ':type', ':id')) {
    const type = typeOf(s[3]);
    const ref = decodeCrmId(type, s[4] ?? '');
    const record = ref && input.writes.record(company, type, ref, now);
    const archived = url.searchParams.get('archived') === 'true';
    if (!record || (record.archivedAt !== undefined && !archived)) throw notFound();
    const associations = associationsParam(url);
    return withWrittenLinks(renderRecord(record, { properties: propertyList(url.searchParams.getAll('properties')), associations, now, company }), record, associations, input);
  }
  if (method === 'POST' && match(s, 'crm', 'v3', 'objects', ':type', 'search')) {
    const type = typeOf(s[3]);
    const request = parseSearch(type, input.body, input.searchCap);
    const key = JSON.stringify([type, request.filterGroups, request.sorts, now, input.writes.version]);
    let all = input.searchCache.get(key);
    if (!all) {
      all = searchAll(company, type, request, now, { touched: () => input.writes.touched(company, type, now) });
      if (input.searchCache.size >= 8) input.searchCache.clear();
      input.searchCache.set(key, all);
    }
    const end = Math.min(request.after + request.limit, input.searchCap, all.length);
    const options = { properties: request.properties, now, company };
    const results = all.slice(request.after, end).map((r) => renderRecord(r, options));
    if (input.malformed && results[0]) corrupt(results[0]);
    return { total: all.length, results, ...(end < all.length ? { paging: { next: { after: String(end) } } } : {}) };
  }
  if (method === 'GET' && match(s, 'crm', 'v3', 'properties', ':type')) {
    const defs = propertyDefinitions(typeOf(s[3]), createdAt);
    return { results: url.searchParams.get('archived') === 'true' ? [] : defs };
  }
  if (method === 'GET' && match(s, 'crm', 'v3', 'properties', ':type', ':name')) {
    const def = propertyDefinitions(typeOf(s[3]), createdAt).find((d) => d.name === s[4]);
    if (!def) throw new HubSpotApiError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${s[4] ?? ''}`);
    return def;
  }
  // Schemas are served under /crm/v3/schemas and /crm-object-schemas/v3/schemas (the official client's path).
  const schemas = s[0] === 'crm-object-schemas' ? ['crm-object-schemas', 'v3', 'schemas'] : ['crm', 'v3', 'schemas'];
  if (method === 'GET' && match(s, ...schemas)) {
    return { results: url.searchParams.get('archived') === 'true' ? [] : customObjectSchemas(createdAt) };
  }
  if (method === 'GET' && match(s, ...schemas, ':type')) {
    const schema = customObjectSchema(s[3] ?? '', createdAt);
    if (!schema) throw new HubSpotApiError(404, 'OBJECT_NOT_FOUND', `Unable to find object schema for ${s[3] ?? ''}`);
    return schema;
  }
  if (method === 'GET' && match(s, 'crm', 'v3', 'owners')) {
    const all = owners(company).filter((o) => !url.searchParams.get('email') || o.email === url.searchParams.get('email'));
    const limit = intParam(url, 'limit', 100, 500);
    const after = Number(url.searchParams.get('after') ?? 0) || 0;
    const page = all.slice(after, after + limit);
    const next = after + limit < all.length ? String(after + limit) : undefined;
    return { results: url.searchParams.get('archived') === 'true' ? [] : page, ...(next ? { paging: { next: { after: next, link: link(url, next) } } } : {}) };
  }
  if (method === 'GET' && match(s, 'crm', 'v3', 'owners', ':id')) {
    const owner = owners(company).find((o) => o.id === s[3]);
    if (!owner) throw notFound('Owner not found');
    return owner;
  }
  if (method === 'GET' && match(s, 'crm', 'v4', 'objects', ':from', ':id', 'associations', ':to')) {
    const from = typeOf(s[3]);
    const to = typeOf(s[6]);
    const ref = decodeCrmId(from, s[4] ?? '');
    const record = ref && input.writes.record(company, from, ref, now);
    if (!ref || !record || record.archivedAt !== undefined) throw notFound();
    const ids = input.writes.associatedIds(company, from, record.id, to, associatedIds(company, from, ref, to, now), now);
    const limit = intParam(url, 'limit', 500, 500);
    const after = Number(url.searchParams.get('after') ?? 0) || 0;
    const types = associationTypes(from, to);
    const results = ids.slice(after, after + limit).map((id) => ({ toObjectId: Number(id), associationTypes: types }));
    const next = after + limit < ids.length ? String(after + limit) : undefined;
    return { results, ...(next ? { paging: { next: { after: next, link: link(url, next) } } } : {}) };
  }
  const v4Batch = match(s, 'crm', 'v4', 'associations', ':from', ':to', 'batch', 'read');
  if (method === 'POST' && (v4Batch || match(s, 'crm', 'v3', 'associations', ':from', ':to', 'batch', 'read'))) {
    const from = typeOf(s[3]);
    const to = typeOf(s[4]);
    let inputs: unknown;
    try {
      inputs = (JSON.parse(input.body || '{}') as { inputs?: unknown }).inputs;
    } catch {
      throw validationError('Invalid input JSON: the request body is not valid JSON');
    }
    if (!Array.isArray(inputs)) throw validationError('inputs: required');
    if (inputs.length > 1000) throw validationError('inputs: at most 1000 inputs per batch');
    const startedAt = new Date(now).toISOString();
    const results: unknown[] = [];
    for (const item of inputs) {
      const id = String((item as { id?: unknown })?.id ?? '');
      const ref = decodeCrmId(from, id);
      const record = ref && input.writes.record(company, from, ref, now);
      if (!ref || !record || record.archivedAt !== undefined) continue;
      const ids = input.writes.associatedIds(company, from, record.id, to, associatedIds(company, from, ref, to, now), now);
      if (ids.length === 0) continue;
      results.push(
        v4Batch
          ? { from: { id }, to: ids.map((t) => ({ toObjectId: Number(t), associationTypes: associationTypes(from, to) })) }
          : { from: { id }, to: ids.map((t) => ({ id: t, type: associationName(from, to) })) },
      );
    }
    return { status: 'COMPLETE', results, startedAt, completedAt: startedAt };
  }
  return undefined;
}
