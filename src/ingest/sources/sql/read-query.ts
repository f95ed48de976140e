/**
 * The SELECT a database stream runs: the table or the wrapped custom query,
 * the incremental condition from the last state, and the `(cursor, key)` order.
 */
import type { LogicalType } from '../../../core/types.js';
import type { CursorState } from './cursor-state.js';

/** What differs between SQL engines for the read query. */
export interface ReadQueryDialect {
  quote(identifier: string): string;
  /**
   * The SQL text standing for the 1-based parameter `index` whose value is
   * `value` (already through `toParam`): a placeholder (`?`, `$1`) or an
   * inlined, escaped literal.
   */
  param(index: number, value: unknown): string;
  /**
   * Converts a cursor or key value as yielded in records back into a query
   * parameter; `hint` is the column's type hint when known.
   */
  toParam(value: unknown, hint: LogicalType | undefined): unknown;
}

/** What to read. */
export interface ReadQueryOptions {
  /** Either a table `{schema, name}` or a custom SELECT. */
  table?: { schema: string; name: string } | undefined;
  query?: string | undefined;
  cursor?: string | undefined;
  primaryKey: string[];
  /** Resume point; ignored without a cursor. */
  state?: CursorState | undefined;
  /** Column type hints (as in the stream definition), for `toParam`. */
  hints?: Record<string, LogicalType> | undefined;
}

/** The SQL text and its parameters. */
export interface ReadQuery {
  sql: string;
  params: unknown[];
}

/** Strips trailing semicolons and whitespace from a user's query. */
export function trimQuery(query: string): string {
  return query.replace(/[\s;]+$/u, '');
}

/** The FROM item of a stream: a quoted table or `(query) AS basin_q`. */
export function fromItem(d: ReadQueryDialect, o: Pick<ReadQueryOptions, 'table' | 'query'>): string {
  if (o.table) return `${d.quote(o.table.schema)}.${d.quote(o.table.name)}`;
  return `(${trimQuery(o.query ?? '')}) AS basin_q`;
}

/** Builds the read query for one run of a stream. */
export function buildReadQuery(d: ReadQueryDialect, o: ReadQueryOptions): ReadQuery {
  let sql = `SELECT * FROM ${fromItem(d, o)}`;
  const params: unknown[] = [];
  if (o.cursor === undefined) return { sql, params };
  const c = d.quote(o.cursor);
  const s = o.state;
  if (s) {
    const param = (value: unknown, column: string): string => {
      const v = d.toParam(value, o.hints?.[column]);
      params.push(v);
      return d.param(params.length, v);
    };
    if (s.after === undefined) {
      sql += ` WHERE ${c} >= ${param(s.cursor, o.cursor)}`;
    } else if (s.after.length === 0 || s.after.length !== o.primaryKey.length) {
      sql += ` WHERE ${c} > ${param(s.cursor, o.cursor)}`;
    } else {
      const first = param(s.cursor, o.cursor);
      const second = param(s.cursor, o.cursor);
      const keys = o.primaryKey.map((k) => d.quote(k)).join(', ');
      const holders = s.after.map((v, i) => param(v, o.primaryKey[i] ?? ''));
      sql += ` WHERE (${c} > ${first} OR (${c} = ${second} AND (${keys}) > (${holders.join(', ')})))`;
    }
  }
  sql += ` ORDER BY ${[o.cursor, ...o.primaryKey].map((k) => d.quote(k)).join(', ')}`;
  return { sql, params };
}
