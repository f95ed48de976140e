import type { DuckDBConnection } from '@duckdb/node-api';
import { BasinError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Row } from '../../core/types.js';
import type { SqlDialect } from '../dialect.js';
import type { BatchHandler, QueryBatchesSummary, QueryOptions, QueryResult, WarehouseSession } from '../warehouse.js';
import { runOnDuckDb, streamOnDuckDb } from './duckdb-run.js';

/** Lends a connection to `fn` for the duration of one call. */
export type Borrow = <T>(fn: (conn: DuckDBConnection) => Promise<T>, signal?: AbortSignal) => Promise<T>;

/**
 * Statements on DuckDB through whatever connection `borrow` lends: a pooled
 * one per call (the warehouse) or one pinned connection (a transaction).
 */
export class DuckDbSession implements WarehouseSession {
  constructor(
    readonly dialect: SqlDialect,
    protected readonly borrow: Borrow,
    protected readonly logger: Logger,
  ) {}

  query<R extends Row = Row>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
    return this.borrow((conn) => this.run<R>(conn, sql, params, options.signal), options.signal);
  }

  queryBatches<R extends Row = Row>(sql: string, params: readonly unknown[], onBatch: BatchHandler<R>, options: QueryOptions = {}): Promise<QueryBatchesSummary> {
    return this.borrow((conn) => this.stream<R>(conn, sql, params, onBatch, options.signal), options.signal);
  }

  execute(statements: string | readonly string[], options: QueryOptions = {}): Promise<void> {
    const list = typeof statements === 'string' ? [statements] : statements;
    return this.borrow(async (conn) => {
      for (const sql of list) await this.run(conn, sql, [], options.signal);
    }, options.signal);
  }

  /** Runs one statement on `conn`, logging it at debug level. */
  protected async run<R extends Row>(conn: DuckDBConnection, sql: string, params: readonly unknown[], signal?: AbortSignal): Promise<QueryResult<R>> {
    const started = performance.now();
    const result = await runOnDuckDb<R>(conn, sql, params, signal);
    this.logger.debug('statement', { sql, params: params.length, rows: result.rowCount, ms: Math.round(performance.now() - started) });
    return result;
  }

  /** Streams one statement's rows from `conn` to `onBatch`, logging it at debug level. */
  protected async stream<R extends Row>(conn: DuckDBConnection, sql: string, params: readonly unknown[], onBatch: BatchHandler<R>, signal?: AbortSignal): Promise<QueryBatchesSummary> {
    const started = performance.now();
    const summary = await streamOnDuckDb<R>(conn, sql, params, onBatch, signal);
    this.logger.debug('streamed statement', { sql, params: params.length, rows: summary.rowCount, ms: Math.round(performance.now() - started) });
    return summary;
  }
}

/**
 * A `Borrow` that always lends `conn`, one call at a time (a DuckDB
 * connection runs one statement at a time), until `end()` is called.
 */
export function pinnedBorrow(conn: DuckDBConnection): { borrow: Borrow; end(): void } {
  let tail: Promise<unknown> = Promise.resolve();
  let ended = false;
  const borrow: Borrow = (fn) => {
    if (ended) return Promise.reject(new BasinError('INTERNAL', 'transaction session used after its transaction ended'));
    const next = tail.then(() => fn(conn));
    tail = next.catch(() => undefined);
    return next;
  };
  return { borrow, end: () => void (ended = true) };
}
