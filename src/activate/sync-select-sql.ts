/**
 * The SELECT a sync diffs: the key columns, then one column per mapped
 * destination field (`_basin_f<i>` aliases, so any field name is safe) with
 * the mapping's cast or constant applied in SQL, so the diff's payload hash
 * sees exactly what is sent. Pure.
 */
import { BasinError } from '../core/errors.js';
import type { TableRef } from '../core/types.js';
import type { SyncCast, SyncConfig } from '../config/sync-config.js';
import type { SqlDialect } from '../warehouse/dialect.js';
import type { LogicalType } from '../core/types.js';
import type { PayloadMapping } from './diff/index.js';

const CAST_TYPES: Record<SyncCast, LogicalType> = {
  string: 'text',
  number: 'double',
  integer: 'bigint',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
};

/** What the sync reads: a relation, or SQL whose `{{ ref('x') }}` calls are already replaced by relations. */
export type SyncInput = { relation: TableRef } | { sql: string };

export interface SyncSelect {
  sql: string;
  key: string[];
  payload: PayloadMapping[];
}

/** The alias of the i-th mapped field. */
export function fieldAlias(i: number): string {
  return `_f${i}`;
}

/** Builds the SELECT of `sync` over `input`. */
export function syncSelectSql(sync: Pick<SyncConfig, 'key' | 'mapping' | 'name'>, input: SyncInput, dialect: SqlDialect): SyncSelect {
  const from = 'relation' in input ? dialect.relation(input.relation) : `(\n${input.sql.trim().replace(/;\s*$/, '')}\n)`;
  const q = (name: string): string => dialect.quoteIdentifier(name);
  const seen = new Set<string>();
  for (const { field } of sync.mapping) {
    if (seen.has(field)) throw new BasinError('CONFIG_INVALID', `sync ${sync.name}: field "${field}" is mapped twice`);
    seen.add(field);
  }
  const columns = sync.key.map((k) => `s.${q(k)}`);
  const payload: PayloadMapping[] = [];
  sync.mapping.forEach(({ field, from: source }, i) => {
    const alias = fieldAlias(i);
    let expr: string;
    if (source.kind === 'constant') expr = source.value === null ? 'NULL' : dialect.quoteLiteral(source.value);
    else expr = source.cast ? dialect.cast(`s.${q(source.column)}`, dialect.typeFor(CAST_TYPES[source.cast])) : `s.${q(source.column)}`;
    columns.push(`${expr} AS ${q(alias)}`);
    payload.push({ column: alias, field });
  });
  return { sql: `SELECT ${columns.join(', ')}\nFROM ${from} AS s`, key: [...sync.key], payload };
}

/** Replaces `{{ ref('name') }}` in a sync's `sql:` by the relations of those models. */
export function resolveSyncRefs(sql: string, relationOf: (name: string) => string): string {
  return sql.replace(/\{\{\s*ref\(\s*(['"])([^'"]+)\1(?:\s*,\s*(['"])([^'"]+)\3)?\s*\)\s*\}\}/g, (_m, _q, first: string, _q2, second: string | undefined) => relationOf(second ?? first));
}
