/**
 * Runs the editor's SQL through POST /api/query and says how it went: the
 * result with the time it took, or an error a person can act on (the
 * warehouse's message for SQL errors; for a refused write, that the server
 * is read-only and how to allow writes).
 */
import { api, ApiError } from '../../api/client';
import type { QueryColumn } from './grid-model';

/** Rows fetched at most per query; the grid, chart and CSV work on these. */
export const ROW_LIMIT = 10_000;

/** The answer of POST /api/query. */
export interface QueryResponseJson {
  columns: QueryColumn[];
  rows: Array<Record<string, unknown>>;
  /** Rows the query returned (more than `rows.length` when truncated). */
  row_count: number;
  truncated: boolean;
}

export interface QuerySuccess extends QueryResponseJson {
  ok: true;
  sql: string;
  ms: number;
  at: Date;
}

export interface QueryFailure {
  ok: false;
  sql: string;
  ms: number;
  /** `read_only`: a statement that writes (or reads files), refused by the server's limits; `sql`: the warehouse refused the query; `other`: anything else. */
  kind: 'read_only' | 'sql' | 'other';
  title: string;
  message: string;
}

export type QueryOutcome = QuerySuccess | QueryFailure;

/** What a person reads for a failed query. */
export function describeFailure(err: unknown): Pick<QueryFailure, 'kind' | 'title' | 'message'> {
  if (err instanceof ApiError && err.code === 'READ_ONLY') {
    return { kind: 'read_only', title: 'This server is read-only; start it with --allow-writes to run statements that write.', message: err.message };
  }
  if (err instanceof ApiError && err.code === 'EXTERNAL_ACCESS') {
    return { kind: 'read_only', title: 'Queries here may not read files or the network; start the server with --allow-file-access to allow it.', message: err.message };
  }
  if (err instanceof ApiError && (err.code === 'WAREHOUSE' || err.code === 'USAGE')) return { kind: 'sql', title: 'The query failed', message: err.message };
  return { kind: 'other', title: 'The query could not run', message: err instanceof Error ? err.message : String(err) };
}

/** Runs `sql` (at most ROW_LIMIT rows back); never throws except when aborted. */
export async function runQuery(sql: string, signal?: AbortSignal): Promise<QueryOutcome> {
  const started = performance.now();
  try {
    const res = await api<QueryResponseJson>('/api/query', { body: { sql, limit: ROW_LIMIT }, ...(signal ? { signal } : {}) });
    return { ok: true, sql, ms: performance.now() - started, at: new Date(), ...res };
  } catch (err) {
    if (signal?.aborted) throw err;
    return { ok: false, sql, ms: performance.now() - started, ...describeFailure(err) };
  }
}

/** True when `sql` is DDL (create, drop, alter, rename, attach, detach, comment), after any leading comments: the tables may have changed. */
export function changesSchema(sql: string): boolean {
  const body = sql.replace(/^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/, '');
  return /^(create|drop|alter|rename|attach|detach|comment)\b/i.test(body);
}
