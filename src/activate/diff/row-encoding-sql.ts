import type { SqlDialect } from '../../warehouse/dialect.js';
import type { SyncSource } from './sync-diff-spec.js';

/** The alias of the source rows in every statement of a diff. */
export const SOURCE_ALIAS = 'basin_src';

/**
 * The source as a FROM item aliased `basin_src`: the relation itself or the
 * select in parentheses.
 */
export function sourceFrom(dialect: SqlDialect, source: SyncSource): string {
  const alias = dialect.quoteIdentifier(SOURCE_ALIAS);
  if ('sql' in source) return `(\n${source.sql.replace(/[\s;]+$/, '')}\n) AS ${alias}`;
  return `${dialect.relation(source.relation)} AS ${alias}`;
}

function column(dialect: SqlDialect, name: string): string {
  return `${dialect.quoteIdentifier(SOURCE_ALIAS)}.${dialect.quoteIdentifier(name)}`;
}

/**
 * One key part as unambiguous text: `<length>:<text>` (length in characters).
 * NULL parts never reach it (a key with a NULL part is rejected).
 */
function encodeValue(dialect: SqlDialect, expr: string): string {
  const text = dialect.typeFor('text');
  const asText = dialect.cast(expr, text);
  return `${dialect.cast(`length(${asText})`, text)} || ':' || ${asText}`;
}

/**
 * The key of a source row as text. One column: the column's text. Several:
 * each `<length>:<text>` joined by `|`, which no two different tuples share.
 * NULL when any key column is NULL.
 */
export function keyExpression(dialect: SqlDialect, keyColumns: readonly string[]): string {
  const text = dialect.typeFor('text');
  if (keyColumns.length === 1) return dialect.cast(column(dialect, keyColumns[0]!), text);
  const anyNull = keyColumns.map((k) => `${column(dialect, k)} IS NULL`).join(' OR ');
  const parts = keyColumns.map((k) => encodeValue(dialect, column(dialect, k))).join(` || '|' || `);
  return `CASE WHEN ${anyNull} THEN NULL ELSE ${parts} END`;
}

/**
 * The md5 hex digest of a row's payload: the mapped columns, each cast to the
 * warehouse's text type, in mapping order, as one ROW value cast to text. Both
 * DuckDB and Postgres write a row's text form so that it reads back
 * unambiguously: NULL is bare (DuckDB `NULL`, Postgres empty), a text that
 * could be mistaken (empty, `NULL`, with commas, quotes, parentheses, spaces)
 * is quoted and escaped. So NULL, '', 'null' and the JSON null differ, and no
 * value can run into the next. Casting every value to text first makes the
 * hash follow the warehouse's text form of each type: stable from run to run
 * on the same warehouse (a warehouse upgrade that changes a type's text form
 * changes the hashes, and the rows are sent again once).
 */
export function payloadHashExpression(dialect: SqlDialect, columns: readonly string[]): string {
  const text = dialect.typeFor('text');
  return dialect.md5(`ROW(${columns.map((c) => dialect.cast(column(dialect, c), text)).join(', ')})`);
}

/** The mapped payload columns of the source, each aliased to its output field. */
export function payloadSelectList(dialect: SqlDialect, mapping: readonly { column: string; field: string }[]): string[] {
  return mapping.map((m) => `${column(dialect, m.column)} AS ${dialect.quoteIdentifier(m.field)}`);
}
