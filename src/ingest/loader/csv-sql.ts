/**
 * Pure DuckDB SQL of the CSV fast path (typed CSV from a database COPY, see
 * csv-fast-path.ts): the file read with every column as text (values are
 * then cast exactly as the appender casts the JavaScript path's strings),
 * per-column statistics that decide whether SQL loads the file as the
 * JavaScript path would, and the root staging rows with the same ids.
 */
import type { LogicalType } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';

/** A column of the file with the type it loads as. */
export interface CsvColumn {
  name: string;
  type: LogicalType;
}

/** How the file is written. */
export interface CsvFormat {
  delimiter: string;
  /** Unquoted field that stands for NULL. */
  nullString: string;
}

/** The largest integer JSON.stringify writes as a number (larger ones arrive as strings). */
const MAX_SAFE = '9007199254740991';

/** `read_csv(...)` of the file, header skipped, every column VARCHAR. */
export function csvReadSql(d: SqlDialect, path: string, columns: readonly CsvColumn[], format: CsvFormat): string {
  const cols = columns.map((c) => `${d.quoteLiteral(c.name)}: 'VARCHAR'`).join(', ');
  return (
    `read_csv(${d.quoteLiteral(path)}, header = true, auto_detect = false, delim = ${d.quoteLiteral(format.delimiter)}, ` +
    `quote = '"', escape = '"', nullstr = ${d.quoteLiteral(format.nullString)}, allow_quoted_nulls = false, ` +
    `columns = {${cols}})`
  );
}

/** A column's value cast to its load type. */
function cast(d: SqlDialect, c: CsvColumn): string {
  const x = d.quoteIdentifier(c.name);
  return c.type === 'text' ? x : `CAST(${x} AS ${d.typeFor(c.type)})`;
}

/** A value the JavaScript path would not store in a column of this type (it would take a variant column). */
function oddValue(d: SqlDialect, c: CsvColumn): string | undefined {
  const v = cast(d, c);
  switch (c.type) {
    case 'double':
      return `isnan(${v}) OR isinf(${v})`;
    case 'date':
    case 'timestamp':
      return `CASE WHEN isfinite(${v}) THEN year(${v}) NOT BETWEEN 1 AND 9999 ELSE true END`;
    case 'timestamptz':
      return `CASE WHEN isfinite(${v}) THEN year(${v} AT TIME ZONE 'UTC') NOT BETWEEN 1 AND 9999 ELSE true END`;
    default:
      return undefined;
  }
}

/**
 * One row: `n` (rows), per column `nn_<i>` (non-null values) and `odd_<i>`
 * (values SQL would load differently). Casts run here, so a value that does
 * not cast fails the query. Unordered (runs in parallel).
 */
export function csvStatsSql(d: SqlDialect, read: string, columns: readonly CsvColumn[]): string {
  const parts = ['count(*) AS n'];
  columns.forEach((c, i) => {
    const odd = oddValue(d, c);
    parts.push(`count(${cast(d, c)}) AS nn_${i}`);
    parts.push(odd === undefined ? `0 AS odd_${i}` : `count(*) FILTER (WHERE ${odd}) AS odd_${i}`);
  });
  return `SELECT ${parts.join(', ')} FROM ${read}`;
}

/** Per column `v_<i>`: whether the file's first row has a value there (no row: no result). */
export function csvFirstRowSql(d: SqlDialect, read: string, columns: readonly CsvColumn[]): string {
  return `SELECT ${columns.map((c, i) => `${d.quoteIdentifier(c.name)} IS NOT NULL AS v_${i}`).join(', ')} FROM ${read} LIMIT 1`;
}

/** Per column `f_<i>`: the 1-based row of its first non-null value (NULL when none). */
export function csvFirstValueSql(d: SqlDialect, read: string, columns: readonly CsvColumn[]): string {
  const parts = columns.map((c, i) => `min(CASE WHEN ${d.quoteIdentifier(c.name)} IS NOT NULL THEN basin_n END) AS f_${i}`);
  return `SELECT ${parts.join(', ')} FROM (SELECT row_number() OVER () AS basin_n, * FROM ${read}) AS basin_r`;
}

/** How root rows get their `_basin_id`. */
export interface CsvRootKeys {
  table: string;
  /** Key columns with their load type (integer/bigint or text); empty: random ids. */
  keys: CsvColumn[];
}

/** The JSON text JSON.stringify gives a key value as the record path yields it. */
function keyJson(d: SqlDialect, c: CsvColumn): string {
  const v = cast(d, c);
  if (c.type === 'text') return `CAST(to_json(${v}) AS VARCHAR)`;
  const text = `CAST(${v} AS VARCHAR)`;
  return `CASE WHEN abs(${v}) <= ${MAX_SAFE} THEN ${text} ELSE '"' || ${text} || '"' END`;
}

/**
 * The root staging rows: `_basin_id` (md5 of table and key JSON, as
 * stream-loader.ts computes it; random without a key), `_basin_seq` (the
 * row's 0-based ordinal when `numbered`, else 0) and `targets` (every
 * column of the table: file columns cast, others NULL).
 */
export function csvRootSelectSql(
  d: SqlDialect,
  read: string,
  root: CsvRootKeys,
  targets: ReadonlyArray<[string, LogicalType]>,
  fileColumns: ReadonlyMap<string, CsvColumn>,
  numbered: boolean,
): string {
  const id =
    root.keys.length === 0
      ? 'CAST(gen_random_uuid() AS VARCHAR)'
      : `md5(${d.quoteLiteral(`${root.table}\u001f[`)} || ${root.keys.map((k) => keyJson(d, k)).join(` || ',' || `)} || ']')`;
  const cols = [`${id} AS ${d.quoteIdentifier('_basin_id')}`, `${numbered ? 'basin_n - 1' : '0'} AS ${d.quoteIdentifier('_basin_seq')}`];
  for (const [name, type] of targets) {
    const c = fileColumns.get(name);
    cols.push(`${c === undefined ? `CAST(NULL AS ${d.typeFor(type)})` : cast(d, c)} AS ${d.quoteIdentifier(name)}`);
  }
  const from = numbered ? `(SELECT row_number() OVER () AS basin_n, * FROM ${read}) AS basin_r` : read;
  return `SELECT ${cols.join(', ')} FROM ${from}`;
}
