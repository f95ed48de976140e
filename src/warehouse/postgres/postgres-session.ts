import type { PoolClient, QueryResult as PgQueryResult } from 'pg';
import { BasinError, WarehouseError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { ColumnDef, Row } from '../../core/types.js';
import type { SqlDialect } from '../dialect.js';
import type { BatchHandler, QueryBatchesSummary, QueryOptions, QueryResult, WarehouseSession } from '../warehouse.js';
import { pgError, type PgEndpoint } from './postgres-errors.js';
import type { PgTypeNames } from './postgres-type-names.js';
import { toPgParam } from './postgres-values.js';

/** Lends a pooled client to `fn` for the duration of one call. */
export type PgBorrow = <T>(fn: (client: PoolClient) => Promise<T>, signal?: AbortSignal) => Promise<T>;

/** What every Postgres session shares. */
export interface PgContext {
  dialect: SqlDialect;
  endpoint: PgEndpoint;
  typeNames: PgTypeNames;
  logger: Logger;
  /** Cancels the statement running on backend `pid` (from another connection). */
  cancel(pid: number): Promise<void>;
  /** Clients a cancel was sent to: they are discarded, not reused, once released. */
  tainted: WeakSet<PoolClient>;
}

/** Rows per FETCH of `queryBatches`. */
const PG_BATCH_ROWS = 1000;
let cursorCount = 0;

const DML = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY']);

/**
 * Runs one statement on `client`. Aborting `signal` cancels it on the server
 * (pg_cancel_backend from another connection); the call then rejects with
 * ABORTED once the cancel has been delivered.
 */
export async function runOnPg<R extends Row>(
  ctx: PgContext,
  client: PoolClient,
  sql: string,
  params: readonly unknown[] = [],
  signal?: AbortSignal,
): Promise<QueryResult<R>> {
  if (signal?.aborted) throw new WarehouseError('query was cancelled before it started', sql, { code: 'ABORTED', cause: signal.reason });
  let cancelling: Promise<void> | undefined;
  const onAbort = (): void => {
    ctx.tainted.add(client);
    cancelling = ctx.cancel((client as unknown as { processID: number }).processID);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const started = performance.now();
  try {
    const values = params.length > 0 ? params.map(toPgParam) : undefined;
    const raw = (await client.query({ text: sql, values })) as PgQueryResult<R> | PgQueryResult<R>[];
    const res = Array.isArray(raw) ? raw[raw.length - 1]! : raw;
    const fields = res.fields ?? [];
    const types = fields.length > 0 ? await ctx.typeNames.namesOf(client, fields) : [];
    const columns = fields.map((f, i) => ({ name: f.name, type: types[i]! }));
    const rowCount = DML.has(res.command) ? (res.rowCount ?? 0) : res.rows.length;
    ctx.logger.debug('statement', { sql, params: params.length, rows: rowCount, ms: Math.round(performance.now() - started) });
    return { columns, rows: res.rows, rowCount };
  } catch (err) {
    throw pgError(err, sql, ctx.endpoint, signal);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (cancelling) await cancelling;
  }
}

/** Statements on Postgres through whatever client `borrow` lends. */
export class PgSession implements WarehouseSession {
  readonly dialect: SqlDialect;

  constructor(
    protected readonly ctx: PgContext,
    protected readonly borrow: PgBorrow,
    /** The client is inside a transaction the caller opened (a cursor needs one). */
    private readonly inTransaction = false,
  ) {
    this.dialect = ctx.dialect;
  }

  query<R extends Row = Row>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
    return this.borrow((client) => runOnPg<R>(this.ctx, client, sql, params, options.signal), options.signal);
  }

  /**
   * Declares a cursor for `sql` and FETCHes it 1,000 rows at a time (inside
   * the caller's transaction, or one of its own that it commits).
   */
  queryBatches<R extends Row = Row>(sql: string, params: readonly unknown[], onBatch: BatchHandler<R>, options: QueryOptions = {}): Promise<QueryBatchesSummary> {
    const signal = options.signal;
    const cursor = `basin_batches_${++cursorCount}`;
    return this.borrow(async (client) => {
      if (!this.inTransaction) await runOnPg(this.ctx, client, 'BEGIN', [], signal);
      try {
        await runOnPg(this.ctx, client, `DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql}`, params, signal);
        let rowCount = 0;
        let columns: ColumnDef[] = [];
        for (let first = true; ; first = false) {
          const batch = await runOnPg<R>(this.ctx, client, `FETCH FORWARD ${PG_BATCH_ROWS} FROM ${cursor}`, [], signal);
          if (batch.rows.length === 0 && !first) break;
          columns = batch.columns;
          rowCount += batch.rows.length;
          await onBatch({ columns, rows: batch.rows });
          if (batch.rows.length < PG_BATCH_ROWS) break;
        }
        await runOnPg(this.ctx, client, `CLOSE ${cursor}`, [], signal);
        if (!this.inTransaction) await runOnPg(this.ctx, client, 'COMMIT', [], signal);
        return { columns, rowCount };
      } catch (err) {
        if (!this.inTransaction) await runOnPg(this.ctx, client, 'ROLLBACK').catch(() => this.ctx.tainted.add(client));
        throw err;
      }
    }, signal);
  }

  execute(statements: string | readonly string[], options: QueryOptions = {}): Promise<void> {
    const list = typeof statements === 'string' ? [statements] : statements;
    return this.borrow(async (client) => {
      for (const sql of list) await runOnPg(this.ctx, client, sql, [], options.signal);
    }, options.signal);
  }
}

/**
 * A `PgBorrow` that always lends `client`, one caller at a time (statements
 * issued concurrently on a transaction run in the order they were issued,
 * never overlapping on the connection), until `end()` is called.
 */
export function pinnedPgBorrow(client: PoolClient): { borrow: PgBorrow; end(): void } {
  let ended = false;
  let tail: Promise<unknown> = Promise.resolve();
  const borrow: PgBorrow = <T>(fn: (c: PoolClient) => Promise<T>): Promise<T> => {
    if (ended) return Promise.reject(new BasinError('INTERNAL', 'transaction session used after its transaction ended'));
    const turn = tail.then(() => fn(client));
    tail = turn.catch(() => undefined);
    return turn;
  };
  return { borrow, end: () => void (ended = true) };
}
