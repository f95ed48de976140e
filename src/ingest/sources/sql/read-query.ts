/**
 * The SELECT a database stream runs: the table or the wrapped custom query,
 * the incremental condition from the last state, and the `(cursor, key)` order.
 */
import type { CursorState } from './cursor-state.js';

/** What differs between SQL engines for the read query. */
export interface ReadQueryDialect {
  quote(identifier: string): string;
  /** The placeholder of the 1-based parameter `index` (`$1` or `?`). */
  param(index: number): string;
  /** Converts a cursor or key value as yielded in records back into a query parameter. */
  toParam(value: unknown): unknown;
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
    params.push(d.toParam(s.cursor));
    if (s.after === undefined) {
      sql += ` WHERE ${c} >= ${d.param(1)}`;
    } else if (s.after.length === 0 || s.after.length !== o.primaryKey.length) {
      sql += ` WHERE ${c} > ${d.param(1)}`;
    } else {
      params.push(d.toParam(s.cursor));
      const keys = o.primaryKey.map((k) => d.quote(k)).join(', ');
      const holders = s.after.map((v, i) => {
        params.push(d.toParam(v));
        return d.param(i + 3);
      });
      sql += ` WHERE (${c} > ${d.param(1)} OR (${c} = ${d.param(2)} AND (${keys}) > (${holders.join(', ')})))`;
    }
  }
  sql += ` ORDER BY ${[o.cursor, ...o.primaryKey].map((k) => d.quote(k)).join(', ')}`;
  return { sql, params };
}
