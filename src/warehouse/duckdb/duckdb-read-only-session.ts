import type { DuckDBConnection } from '@duckdb/node-api';
import { WarehouseError } from '../../core/errors.js';
import type { Row } from '../../core/types.js';
import type { QueryResult } from '../warehouse.js';
import { DuckDbSession } from './duckdb-session.js';
import { runOnDuckDb } from './duckdb-run.js';

/**
 * The session of a read-only DuckDB transaction. DuckDB's `READ ONLY`
 * transactions stop writes to the database but not COPY ... TO, EXPORT,
 * ATTACH or SET, which write files or change the instance; so every
 * statement text is first parsed by DuckDB's own `json_serialize_sql`, which
 * accepts only SELECT statements (DESCRIBE, SHOW, SUMMARIZE and FROM-first
 * included), and anything else is refused with code READ_ONLY.
 */
export class ReadOnlyDuckDbSession extends DuckDbSession {
  protected override async run<R extends Row>(conn: DuckDBConnection, sql: string, params: readonly unknown[], signal?: AbortSignal): Promise<QueryResult<R>> {
    // The JSON result arrives parsed, as every JSON value does.
    const check = await runOnDuckDb<{ parsed: { error?: boolean; error_type?: string } | null }>(conn, 'SELECT json_serialize_sql(CAST($1 AS VARCHAR)) AS parsed', [sql], signal);
    const parsed = check.rows[0]?.parsed ?? {};
    if (parsed.error === true && parsed.error_type === 'not implemented') {
      throw new WarehouseError('read-only query: only SELECT statements may run (no INSERT, UPDATE, DDL, COPY, ATTACH or SET)', sql, { code: 'READ_ONLY' });
    }
    // A syntax error is left for DuckDB to report on the statement itself.
    return super.run<R>(conn, sql, params, signal);
  }
}
