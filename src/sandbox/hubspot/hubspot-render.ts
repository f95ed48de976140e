/** Renders records in the v3 object shape: `{ id, properties, createdAt, updatedAt, archived }`. */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import type { CrmType } from './hubspot-ids.js';
import { associatedIds, associationName } from './hubspot-associations.js';
import { DEFAULT_PROPERTIES } from './hubspot-properties.js';
import { createdProperty, lastModifiedProperty, type CrmRecord } from './hubspot-records.js';

/** What to include in rendered records. */
export interface RenderOptions {
  /** Requested property names (empty: the type's defaults). */
  properties: readonly string[];
  /** Object types whose associations to include (lists and GET by id). */
  associations?: readonly CrmType[];
  now: number;
  company: SyntheticCompany;
}

/** Property names from repeated and comma-separated query values. */
export function propertyList(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** One record as JSON. */
export function renderRecord(record: CrmRecord, options: RenderOptions): Record<string, unknown> {
  const names = options.properties.length > 0
    ? [...new Set([...options.properties, createdProperty(record.type), lastModifiedProperty(record.type), 'hs_object_id'])]
    : DEFAULT_PROPERTIES[record.type];
  const properties: Record<string, string | null> = {};
  for (const name of names) if (name in record.properties) properties[name] = record.properties[name] ?? null;
  const out: Record<string, unknown> = {
    id: record.id,
    properties,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    archived: record.archivedAt !== undefined,
  };
  if (record.archivedAt !== undefined) out.archivedAt = new Date(record.archivedAt).toISOString();
  if (options.associations && options.associations.length > 0 && record.archivedAt === undefined) {
    const associations: Record<string, unknown> = {};
    for (const to of options.associations) {
      const ids = associatedIds(options.company, record.type, record.ref, to, options.now);
      if (ids.length > 0) associations[to] = { results: ids.map((id) => ({ id, type: associationName(record.type, to) })) };
    }
    if (Object.keys(associations).length > 0) out.associations = associations;
  }
  return out;
}

/** Corrupts one rendered record (fault injection's `malformed`). */
export function corrupt(record: Record<string, unknown>): void {
  record.createdAt = 'not-a-timestamp';
  record.properties = 'corrupted';
}
