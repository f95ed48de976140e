/**
 * Pure DuckDB SQL of the CSV fast path (typed CSV from a database COPY, see
 * csv-fast-path.ts): the file read with every column as text, the root
 * staging rows (values cast exactly as the appender casts the JavaScript
 * path's strings, the same ids), and per-column statistics over them that
 * decide whether the JavaScript path would have loaded them the same way.
 */
import type { LogicalType, TableRef } from '../../core/types.js';
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

/**
 * A column's value cast to its load type, as the appender casts a string.
 * Wide decimals (DuckDB's DECIMAL(38,9) parses text slowly) go through
 * DECIMAL(18,s) first when the value fits, which rounds the same way.
 */
function cast(d: SqlDialect, c: CsvColumn): string {
  const x = d.quoteIdentifier(c.name);
  if (c.type === 'text') return x;
  const type = d.typeFor(c.type);
  const dec = /^DECIMAL\((\d+),(\d+)\)$/.exec(type);
  if (dec && Number(dec[1]) > 18 && Number(dec[2]) <= 18) {
    return `COALESCE(CAST(TRY_CAST(${x} AS DECIMAL(18,${dec[2]})) AS ${type}), CAST(${x} AS ${type}))`;
  }
  return `CAST(${x} AS ${type})`;
}

/** Bounds of the 4-digit years the JavaScript rules store as dates and timestamps (value-types.ts). */
const YEAR_BOUNDS: Partial<Record<LogicalType, [string, string]>> = {
  date: ["DATE '0001-01-01'", "DATE '9999-12-31'"],
  timestamp: ["TIMESTAMP '0001-01-01 00:00:00'", "TIMESTAMP '9999-12-31 23:59:59.999999'"],
  timestamptz: ["TIMESTAMPTZ '0001-01-01 00:00:00+00'", "TIMESTAMPTZ '9999-12-31 23:59:59.999999+00'"],
};

/** A staged value the JavaScript path would not store in a column of this type (it would take a variant column). */
function oddValue(d: SqlDialect, c: CsvColumn): string | undefined {
  const v = d.quoteIdentifier(c.name);
  if (c.type === 'double') return `isnan(${v}) OR isinf(${v})`;
  const bounds = YEAR_BOUNDS[c.type];
  // infinity and BC values fall outside too
  return bounds === undefined ? undefined : `NOT (${v} BETWEEN ${bounds[0]} AND ${bounds[1]})`;
}

/** What the statistics look at per column. */
export interface CsvStatColumn extends CsvColumn {
  /** Count its non-null values (keys, columns new to the table). */
  count: boolean;
  /** Find its first non-null row (columns new to the table). */
  first: boolean;
}

/**
 * One row over the staged file: `n` (rows) and per column `odd_<i>` (values
 * the JavaScript rules would divert), `nn_<i>` (non-null values) and `f_<i>`
 * (rowid of the first non-null value: staging keeps file order) where asked.
 */
export function csvStatsSql(d: SqlDialect, staging: TableRef, columns: readonly CsvStatColumn[]): string {
  const parts = ['count(*) AS n'];
  columns.forEach((c, i) => {
    const x = d.quoteIdentifier(c.name);
    const odd = oddValue(d, c);
    if (odd !== undefined) parts.push(`count(*) FILTER (WHERE ${odd}) AS odd_${i}`);
    if (c.count) parts.push(`count(${x}) AS nn_${i}`);
    if (c.first) parts.push(`min(rowid) FILTER (WHERE ${x} IS NOT NULL) AS f_${i}`);
  });
  return `SELECT ${parts.join(', ')} FROM ${d.relation(staging)}`;
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
 * row's 0-based ordinal when `numbered`, else 0), every file column cast to
 * its load type, and `others` (the table's columns the file lacks) as NULL.
 */
export function csvRootSelectSql(
  d: SqlDialect,
  read: string,
  root: CsvRootKeys,
  fileColumns: readonly CsvColumn[],
  others: ReadonlyArray<[string, LogicalType]>,
  numbered: boolean,
): string {
  const id =
    root.keys.length === 0
      ? 'CAST(gen_random_uuid() AS VARCHAR)'
      : `md5(${d.quoteLiteral(`${root.table}\u001f[`)} || ${root.keys.map((k) => keyJson(d, k)).join(` || ',' || `)} || ']')`;
  const cols = [`${id} AS ${d.quoteIdentifier('_basin_id')}`, `${numbered ? 'basin_n - 1' : '0'} AS ${d.quoteIdentifier('_basin_seq')}`];
  for (const c of fileColumns) cols.push(`${cast(d, c)} AS ${d.quoteIdentifier(c.name)}`);
  for (const [name, type] of others) cols.push(`CAST(NULL AS ${d.typeFor(type)}) AS ${d.quoteIdentifier(name)}`);
  const from = numbered ? `(SELECT row_number() OVER () AS basin_n, * FROM ${read}) AS basin_r` : read;
  return `SELECT ${cols.join(', ')} FROM ${from}`;
}
