import type { LogicalType } from '../core/types.js';

/**
 * Native type names (upper-cased, without parameters) of DuckDB and Postgres,
 * and the logical type each maps to. Both warehouses share most spellings, so
 * one table serves both dialects.
 */
const BY_NAME: ReadonlyMap<string, LogicalType> = new Map<string, LogicalType>([
  ['BOOLEAN', 'boolean'],
  ['BOOL', 'boolean'],
  ['LOGICAL', 'boolean'],
  ['TINYINT', 'integer'],
  ['INT1', 'integer'],
  ['SMALLINT', 'integer'],
  ['INT2', 'integer'],
  ['SHORT', 'integer'],
  ['INTEGER', 'integer'],
  ['INT', 'integer'],
  ['INT4', 'integer'],
  ['SIGNED', 'integer'],
  ['UTINYINT', 'integer'],
  ['USMALLINT', 'integer'],
  ['SMALLSERIAL', 'integer'],
  ['SERIAL', 'integer'],
  ['BIGINT', 'bigint'],
  ['INT8', 'bigint'],
  ['LONG', 'bigint'],
  ['HUGEINT', 'bigint'],
  ['INT128', 'bigint'],
  ['UINTEGER', 'bigint'],
  ['UBIGINT', 'bigint'],
  ['UHUGEINT', 'bigint'],
  ['BIGSERIAL', 'bigint'],
  ['OID', 'bigint'],
  ['DOUBLE', 'double'],
  ['DOUBLE PRECISION', 'double'],
  ['FLOAT', 'double'],
  ['FLOAT4', 'double'],
  ['FLOAT8', 'double'],
  ['REAL', 'double'],
  ['DECIMAL', 'decimal'],
  ['NUMERIC', 'decimal'],
  ['VARCHAR', 'text'],
  ['TEXT', 'text'],
  ['STRING', 'text'],
  ['CHAR', 'text'],
  ['"CHAR"', 'text'],
  ['BPCHAR', 'text'],
  ['CHARACTER', 'text'],
  ['CHARACTER VARYING', 'text'],
  ['NAME', 'text'],
  ['UUID', 'text'],
  ['CITEXT', 'text'],
  ['DATE', 'date'],
  ['TIME', 'time'],
  ['TIME WITHOUT TIME ZONE', 'time'],
  ['TIME WITH TIME ZONE', 'time'],
  ['TIMETZ', 'time'],
  ['TIMESTAMP', 'timestamp'],
  ['DATETIME', 'timestamp'],
  ['TIMESTAMP WITHOUT TIME ZONE', 'timestamp'],
  ['TIMESTAMP_S', 'timestamp'],
  ['TIMESTAMP_MS', 'timestamp'],
  ['TIMESTAMP_NS', 'timestamp'],
  ['TIMESTAMP WITH TIME ZONE', 'timestamptz'],
  ['TIMESTAMPTZ', 'timestamptz'],
  ['JSON', 'json'],
  ['JSONB', 'json'],
  ['BLOB', 'binary'],
  ['BYTEA', 'binary'],
  ['VARBINARY', 'binary'],
  ['BINARY', 'binary'],
]);

/**
 * The logical type of a DuckDB or Postgres native type name, e.g.
 * `DECIMAL(10,2)` -> decimal, `timestamp(3) without time zone` -> timestamp,
 * `INTEGER[]` / `STRUCT(a INTEGER)` / `MAP(...)` -> json (nested values are
 * returned as JS arrays/objects). Unknown names map to `text`.
 */
export function logicalTypeFromName(nativeType: string): LogicalType {
  const upper = nativeType.trim().toUpperCase();
  if (upper.endsWith(']') || /^(STRUCT|MAP|LIST|UNION)\b/.test(upper)) return 'json';
  // Drop parameters wherever they sit: `TIMESTAMP(3) WITH TIME ZONE`, `NUMERIC(10,2)`.
  const bare = upper.replace(/\s*\([^)]*\)/g, '').replace(/\s+/g, ' ');
  return BY_NAME.get(bare) ?? 'text';
}
