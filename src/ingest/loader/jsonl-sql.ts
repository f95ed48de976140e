import type { TableRef } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';
import type { LeafPlan, LeafType, TablePlan } from './jsonl-plan.js';
import type { Shape } from './jsonl-shape.js';

/**
 * Pure DuckDB SQL of the JSONL fast path (used only where the warehouse's
 * `capabilities.readsLocalFiles` is true): the file's lines are read as text
 * with their line numbers, their shapes discovered in one pass, and each
 * table's staging rows produced by `from_json` (one parse per line) plus
 * UNNEST of arrays kept as JSON in hidden staging columns. Ids follow the
 * JavaScript path's md5 rules exactly (flatten-record.ts, stream-loader.ts).
 */

/** Whitespace JavaScript's String.prototype.trim removes (blank lines are skipped). */
const BLANK = '[\\s\\x{000B}\\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]*';
/**
 * Lines SQL may not load exactly as JavaScript does, so the file takes the
 * JavaScript path: JSON DuckDB accepts and JSON.parse rejects (trailing
 * commas, NaN, Infinity), and numbers whose JavaScript type differs from
 * DuckDB's (`2.0` and `1e3` are integers for JSON.parse; integers of 16+
 * digits may be unsafe). Conservative: a match inside a string only costs speed.
 */
const RISKY = ',\\s*[\\]}]|NaN|Infinity|[:,\\[]\\s*-?(\\d{16,}|\\d+\\.0+\\s*[,}\\]]|\\d+(\\.\\d+)?[eE])';

const DUCK_TYPES: Record<LeafType, string> = { text: 'VARCHAR', bigint: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN', json: 'JSON' };
const JSON_TYPES: Record<LeafType, string[]> = {
  text: ['VARCHAR'],
  bigint: ['BIGINT', 'UBIGINT'],
  double: ['DOUBLE'],
  boolean: ['BOOLEAN'],
  json: ['OBJECT', 'ARRAY'],
};

/**
 * The file's non-blank lines: `line` (text; `\r\n` endings removed) and,
 * when `numbered`, `n` (line number, 1-based). Numbering serializes the
 * query in DuckDB (about twice as slow on two cores): ask for it only when
 * line order matters.
 */
export function jsonlLinesSql(d: SqlDialect, path: string, numbered = true): string {
  const read =
    `read_csv(${d.quoteLiteral(path)}, columns = {'line': 'VARCHAR'}, delim = chr(1), quote = '', escape = '', ` +
    `header = false, auto_detect = false, strict_mode = false, null_padding = true)`;
  const numbers = numbered ? 'row_number() OVER ()' : 'CAST(NULL AS BIGINT)';
  return (
    `SELECT n, line FROM (SELECT ${numbers} AS n, line FROM ${read}) AS basin_lines ` +
    `WHERE line IS NOT NULL AND NOT regexp_full_match(line, ${d.quoteLiteral(BLANK)})`
  );
}

/**
 * One row per distinct record shape: `s` (json_structure text; NULL for
 * lines that are not JSON), `lines`, `risky` (some line may load
 * differently in SQL than in JavaScript, see RISKY). Unordered
 * (runs in parallel); `jsonlShapeOrderSql` orders them when there are several.
 */
export function jsonlDiscoverySql(d: SqlDialect, path: string): string {
  return (
    `SELECT s, count(*) AS lines, bool_or(s IS NOT NULL AND regexp_matches(line, ${d.quoteLiteral(RISKY)})) AS risky ` +
    `FROM (SELECT line, CAST(try(json_structure(line)) AS VARCHAR) AS s FROM (${jsonlLinesSql(d, path, false)}) AS basin_l) AS basin_d GROUP BY s`
  );
}

/** The first line of each record shape (`s`, `first`), in file order: the order the schema rules see them. */
export function jsonlShapeOrderSql(d: SqlDialect, path: string): string {
  return (
    `SELECT s, min(n) AS first FROM (SELECT n, CAST(try(json_structure(line)) AS VARCHAR) AS s FROM (${jsonlLinesSql(d, path)}) AS basin_l) AS basin_d ` +
    `WHERE s IS NOT NULL GROUP BY s ORDER BY first`
  );
}

/** How the stream keys its root rows. */
export interface RootKeys {
  /** The stream's table name (part of the root id hash). */
  table: string;
  /** Primary key fields (record field names) with their single scalar type; empty for none. */
  keys: Array<{ field: string; type: 'text' | 'bigint' }>;
  /** Merge: rows with a missing key are rejected instead of loaded. */
  rejectMissing: boolean;
}

/** A JSON pointer to a top-level field. */
function pointer(field: string): string {
  return `/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * Reject rows (`reason`, `record`) of the file, in line order: lines that are
 * not JSON, not objects, or (merge) miss a primary key value.
 */
export function jsonlRejectsSql(d: SqlDialect, path: string, root: RootKeys): string {
  const t = 'basin_t';
  const lineNo = `CAST(n AS VARCHAR)`;
  const missing = root.rejectMissing
    ? root.keys.map((k) => `CASE WHEN ${t} = 'OBJECT' AND try(json_extract_string(line, ${d.quoteLiteral(pointer(k.field))})) IS NULL THEN ${d.quoteLiteral(k.field)} END`)
    : [];
  const missingCase = missing.length > 0 ? ` WHEN concat_ws(', ', ${missing.join(', ')}) <> '' THEN 'missing primary key ' || concat_ws(', ', ${missing.join(', ')})` : '';
  return (
    `SELECT reason, record FROM (SELECT n, CASE WHEN ${t} IS NULL THEN 'line ' || ${lineNo} || ': invalid JSON' ` +
    `WHEN ${t} <> 'OBJECT' THEN 'line ' || ${lineNo} || ': not a JSON object'${missingCase} END AS reason, ` +
    `CASE WHEN ${t} = 'OBJECT' THEN CAST(try(json(line)) AS VARCHAR) ELSE line END AS record ` +
    `FROM (SELECT n, line, try(json_type(line)) AS ${t} FROM (${jsonlLinesSql(d, path)}) AS basin_l) AS basin_c) AS basin_r ` +
    `WHERE reason IS NOT NULL ORDER BY n`
  );
}

/** The `from_json` structure of a table's element shape (arrays and deep objects as JSON). */
export function fromJsonStructure(shape: Shape | undefined, plan: TablePlan): string {
  const leafTypes = new Map(plan.leaves.map((l) => [l.path.join('\u0000'), l.types]));
  const arrayPaths = new Set(plan.arrays.map((a) => a.path.join('\u0000')));
  const build = (s: Shape | undefined, path: string[]): unknown => {
    const key = path.join('\u0000');
    if (arrayPaths.has(key)) return 'JSON';
    const types = leafTypes.get(key);
    if (types !== undefined) return types.length === 1 ? DUCK_TYPES[types[0]!] : 'JSON';
    if (s?.kind === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of s.fields) {
        const inner = build(v, [...path, k]);
        if (inner !== undefined) out[k] = inner;
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
    return undefined;
  };
  const struct = build(shape, []);
  return JSON.stringify(struct ?? 'JSON');
}

/** The SQL value of `leaf` (from the parsed element `r`) converted for its destination column `dest`. */
function leafColumnSql(d: SqlDialect, leaf: LeafPlan, dest: string, destType: LeafType): string {
  const x = leaf.path.reduce((acc, key) => `struct_extract(${acc}, ${d.quoteLiteral(key)})`, 'r');
  const types = leaf.types.filter((t) => leaf.routes.get(t) === dest);
  if (leaf.types.length === 1) return convert(x, types[0]!, destType, false);
  const branches = types.map((t) => `WHEN json_type(${x}) IN (${JSON_TYPES[t].map((j) => d.quoteLiteral(j)).join(', ')}) THEN ${convert(x, t, destType, true)}`);
  return `CASE ${branches.join(' ')} END`;
}

/** Converts a value of type `from` (typed, or JSON text when `isJson`) for a column of type `to`, as fitValue stores it. */
function convert(x: string, from: LeafType, to: LeafType, isJson: boolean): string {
  if (to === 'json') return isJson || from === 'json' ? x : `CAST(to_json(${x}) AS JSON)`;
  if (to === 'text') return from === 'text' ? (isJson ? `(${x} ->> '$')` : x) : `CAST(${x} AS VARCHAR)`;
  return `CAST(${x} AS ${DUCK_TYPES[to]})`;
}

/** The data column expressions of a table's staging rows (`r` is its parsed element), in column order. */
function dataColumnsSql(d: SqlDialect, plan: TablePlan): string[] {
  const exprs = new Map<string, string>();
  for (const leaf of plan.leaves) {
    for (const dest of new Set(leaf.routes.values())) {
      const destType = plan.columns.get(dest) as LeafType;
      exprs.set(dest, leafColumnSql(d, leaf, dest, destType));
    }
  }
  return [...plan.columns].map(([name, type]) => `CAST(${exprs.get(name) ?? 'NULL'} AS ${d.typeFor(type)}) AS ${d.quoteIdentifier(name)}`);
}

function hiddenColumnsSql(d: SqlDialect, plan: TablePlan): string[] {
  return plan.arrays.map((a) => `${a.path.reduce((acc, key) => `struct_extract(${acc}, ${d.quoteLiteral(key)})`, 'r')} AS ${d.quoteIdentifier(a.hidden)}`);
}

/**
 * The root table's staging rows: `_basin_id`, `_basin_seq` (the line number
 * when `numbered`, which merge needs for its latest-wins dedup; else NULL),
 * data columns, hidden array columns. `onlyObjects`: skip lines that are not
 * JSON objects (the file has some).
 */
export function jsonlRootSelectSql(d: SqlDialect, path: string, plan: TablePlan, root: RootKeys, onlyObjects: boolean, numbered: boolean): string {
  const keyText = root.keys.map((k) => {
    const x = `struct_extract(r, ${d.quoteLiteral(k.field)})`;
    return k.type === 'text' ? `CAST(to_json(${x}) AS VARCHAR)` : `CAST(${x} AS VARCHAR)`;
  });
  const anyMissing = keyText.map((k) => `${k} IS NULL`).join(' OR ');
  const id =
    keyText.length === 0
      ? 'CAST(gen_random_uuid() AS VARCHAR)'
      : `CASE WHEN ${anyMissing} THEN CAST(gen_random_uuid() AS VARCHAR) ELSE md5(${d.quoteLiteral(`${root.table}\u001f[`)} || ${keyText.join(` || ',' || `)} || ']') END`;
  const struct = fromJsonStructure(plan.shape, plan);
  const where = [
    ...(onlyObjects ? [`try(json_type(line)) = 'OBJECT'`] : []),
  ];
  // DuckDB may evaluate the parse before the filter: lines that are not JSON must not fail it.
  const parse = onlyObjects ? `try(from_json(line, ${d.quoteLiteral(struct)}))` : `from_json(line, ${d.quoteLiteral(struct)})`;
  const outerWhere = root.rejectMissing && keyText.length > 0 ? ` WHERE NOT (${anyMissing})` : '';
  const cols = [`${id} AS ${d.quoteIdentifier('_basin_id')}`, `n AS ${d.quoteIdentifier('_basin_seq')}`, ...dataColumnsSql(d, plan), ...hiddenColumnsSql(d, plan)];
  return (
    `SELECT ${cols.join(', ')} FROM (SELECT n, ${parse} AS r FROM (${jsonlLinesSql(d, path, numbered)}) AS basin_l` +
    `${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}) AS basin_p${outerWhere}`
  );
}

/** A child table's staging rows, unnested from the hidden array column of its parent's staging table. */
export function jsonlChildSelectSql(d: SqlDialect, parent: TableRef, parentIsRoot: boolean, array: { column: string; hidden: string }, plan: TablePlan): string {
  const q = (c: string): string => d.quoteIdentifier(c);
  const struct = fromJsonStructure(plan.shape, plan);
  const listStruct = `[${struct}]`;
  const rootId = parentIsRoot ? q('_basin_id') : q('_basin_root_id');
  const id = `md5(basin_pid || ${d.quoteLiteral(`\u001f${array.column}\u001f`)} || CAST(basin_i AS VARCHAR))`;
  const cols = [
    `${id} AS ${q('_basin_id')}`,
    `basin_pid AS ${q('_basin_parent_id')}`,
    `basin_rid AS ${q('_basin_root_id')}`,
    `CAST(basin_i AS BIGINT) AS ${q('_basin_list_idx')}`,
    `basin_seq AS ${q('_basin_seq')}`,
    ...dataColumnsSql(d, plan),
    ...hiddenColumnsSql(d, plan),
  ];
  return (
    `SELECT ${cols.join(', ')} FROM (SELECT basin_pid, basin_rid, basin_seq, unnest(basin_list) AS r, generate_subscripts(basin_list, 1) - 1 AS basin_i ` +
    `FROM (SELECT ${q('_basin_id')} AS basin_pid, ${rootId} AS basin_rid, ${q('_basin_seq')} AS basin_seq, from_json(${q(array.hidden)}, ${d.quoteLiteral(listStruct)}) AS basin_list ` +
    `FROM ${d.relation(parent)} WHERE ${q(array.hidden)} IS NOT NULL) AS basin_a) AS basin_u`
  );
}
