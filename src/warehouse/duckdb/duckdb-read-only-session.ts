import type { DuckDBConnection } from '@duckdb/node-api';
import { WarehouseError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Row } from '../../core/types.js';
import type { SqlDialect } from '../dialect.js';
import type { BatchHandler, QueryBatchesSummary, QueryResult } from '../warehouse.js';
import { checkDuckDbExternalAccess, type QualifiedTableName } from './duckdb-external-access.js';
import { DuckDbSession, type Borrow } from './duckdb-session.js';
import { runOnDuckDb } from './duckdb-run.js';

interface ParsedSql {
  error?: boolean;
  error_type?: string;
  error_message?: string;
  statements?: unknown[];
}

/**
 * Whether a qualified name names a table or view (DuckDB resolves `a.b` as
 * schema `a` of a searched database, or database `a`'s schema `main`).
 */
const RELATION_EXISTS_SQL = `SELECT count(*) AS n FROM (
  SELECT database_name, schema_name, table_name AS name FROM duckdb_tables()
  UNION ALL SELECT database_name, schema_name, view_name AS name FROM duckdb_views()
) AS r
WHERE lower(r.name) = lower($3) AND CASE WHEN $1 <> ''
  THEN lower(r.database_name) = lower($1) AND lower(r.schema_name) = lower($2)
  ELSE (r.database_name IN (current_database(), 'system', 'temp') AND lower(r.schema_name) = lower($2))
    OR (lower(r.database_name) = lower($2) AND r.schema_name = 'main') END`;

/**
 * The session of a read-only DuckDB transaction. DuckDB's `READ ONLY`
 * transactions stop writes to the database but not COPY ... TO, EXPORT,
 * ATTACH or SET, which write files or change the instance; so every
 * statement text is first parsed by DuckDB's own `json_serialize_sql`, which
 * accepts only SELECT statements (DESCRIBE, SHOW, SUMMARIZE and FROM-first
 * included), and anything else is refused with code READ_ONLY.
 *
 * With `denyExternalAccess`, the parsed statements are also walked
 * (`duckdb-external-access.ts`): table functions outside an allow-list,
 * names a replacement scan could read as a file or URL, qualified names
 * that are not relations of the catalog, and `current_setting` of a
 * credential or of a setting DuckDB does not have (it would download the
 * extension that has it) are refused with code
 * EXTERNAL_ACCESS before anything runs.
 */
export class ReadOnlyDuckDbSession extends DuckDbSession {
  constructor(
    dialect: SqlDialect,
    borrow: Borrow,
    logger: Logger,
    private readonly denyExternalAccess = false,
  ) {
    super(dialect, borrow, logger);
  }

  protected override async run<R extends Row>(conn: DuckDBConnection, sql: string, params: readonly unknown[], signal?: AbortSignal): Promise<QueryResult<R>> {
    await this.check(conn, sql, signal);
    return super.run<R>(conn, sql, params, signal);
  }

  protected override async stream<R extends Row>(conn: DuckDBConnection, sql: string, params: readonly unknown[], onBatch: BatchHandler<R>, signal?: AbortSignal): Promise<QueryBatchesSummary> {
    await this.check(conn, sql, signal);
    return super.stream<R>(conn, sql, params, onBatch, signal);
  }

  /** Refuses `sql` unless it is SELECT statements (and, with denyExternalAccess, reads no file or network). */
  private async check(conn: DuckDBConnection, sql: string, signal?: AbortSignal): Promise<void> {
    // The JSON result arrives parsed, as every JSON value does.
    const check = await runOnDuckDb<{ parsed: ParsedSql | null }>(conn, 'SELECT json_serialize_sql(CAST($1 AS VARCHAR)) AS parsed', [sql], signal);
    const parsed = check.rows[0]?.parsed ?? {};
    if (parsed.error === true && parsed.error_type === 'not implemented') {
      throw new WarehouseError('read-only query: only SELECT statements may run (no INSERT, UPDATE, DDL, COPY, ATTACH or SET)', sql, { code: 'READ_ONLY' });
    }
    if (this.denyExternalAccess) {
      // Reported here, not by running the text: a parser extension could accept what the default parser refused.
      if (parsed.error === true && parsed.error_type === 'parser') throw new WarehouseError(`DuckDB: Parser Error: ${parsed.error_message ?? 'syntax error'}`, sql);
      await this.checkExternalAccess(conn, sql, parsed, signal);
    }
    // Otherwise a syntax error is left for DuckDB to report on the statement itself (it cannot run).
  }

  private async checkExternalAccess(conn: DuckDBConnection, sql: string, parsed: ParsedSql, signal?: AbortSignal): Promise<void> {
    const { refused, qualifiedTables, settings } = checkDuckDbExternalAccess(parsed);
    if (refused) throw refusal(refused, sql);
    for (const name of settings) {
      const found = await runOnDuckDb<{ n: number }>(conn, 'SELECT count(*) AS n FROM duckdb_settings() WHERE lower(name) = lower($1)', [name], signal);
      if (Number(found.rows[0]?.n ?? 0) === 0) throw refusal(`current_setting('${name}') names no loaded setting, and DuckDB would download an extension for it`, sql);
    }
    for (const ref of qualifiedTables) {
      const found = await runOnDuckDb<{ n: number }>(conn, RELATION_EXISTS_SQL, [ref.catalog, ref.schema, ref.name], signal);
      if (Number(found.rows[0]?.n ?? 0) === 0) throw refusal(`${written(ref)} is not a table or view, and DuckDB would try to read it as a file`, sql);
    }
  }
}

function written(ref: QualifiedTableName): string {
  return [ref.catalog, ref.schema, ref.name].filter((p) => p !== '').join('.');
}

function refusal(reason: string, sql: string): WarehouseError {
  return new WarehouseError(`this query may not read files or the network: ${reason}`, sql, { code: 'EXTERNAL_ACCESS' });
}
