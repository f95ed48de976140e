/**
 * Pure SQL for what the catalog reads from the warehouse: the relations and
 * columns of some schemas (information_schema, which DuckDB and Postgres
 * share) and exact row counts of base tables (one UNION ALL per chunk).
 */
import type { TableRef } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';

/** Relations (with their type) of `schemas`, compared case-insensitively. */
export function relationsSql(d: SqlDialect, schemas: readonly string[]): string {
  const list = schemas.map((s) => d.quoteLiteral(s.toLowerCase())).join(', ');
  return `select table_schema, table_name, table_type from information_schema.tables where lower(table_schema) in (${list})`;
}

/** Columns of the relations of `schemas`, in ordinal order. */
export function columnsSql(d: SqlDialect, schemas: readonly string[]): string {
  const list = schemas.map((s) => d.quoteLiteral(s.toLowerCase())).join(', ');
  return (
    'select table_schema, table_name, column_name, data_type from information_schema.columns ' +
    `where lower(table_schema) in (${list}) order by table_schema, table_name, ordinal_position`
  );
}

/** One statement counting the rows of each table: columns `s`, `t`, `n`. */
export function rowCountsSql(d: SqlDialect, tables: readonly TableRef[]): string {
  return tables
    .map((t) => `select ${d.quoteLiteral(t.schema)} as s, ${d.quoteLiteral(t.name)} as t, count(*) as n from ${d.relation({ schema: t.schema, name: t.name })}`)
    .join('\nunion all\n');
}
