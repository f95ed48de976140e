import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { WarehouseError, errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { ColumnDef, RelationInfo, Row, TableRef } from '../../core/types.js';
import type { BulkLoadOptions, QueryOptions, TransactionOptions, Warehouse, WarehouseCapabilities, WarehouseSession } from '../warehouse.js';
import { appendRows, writerFor, type AppendPlan } from './duckdb-appender.js';
import { CatalogIntrospection } from '../catalog-introspection.js';
import { externalAccessNeedsReadOnly } from '../external-access.js';
import { GET_COLUMNS_SQL, GET_RELATION_SQL, LIST_RELATIONS_SQL, LIST_SCHEMAS_SQL } from './duckdb-catalog.js';
import { DuckDbDialect } from './duckdb-dialect.js';
import { duckDbError, duckDbLockError } from './duckdb-errors.js';
import { DuckDbPool } from './duckdb-pool.js';
import { DuckDbSession, pinnedBorrow } from './duckdb-session.js';
import { ReadOnlyDuckDbSession } from './duckdb-read-only-session.js';

const CATALOG_SQL = {
  listSchemas: LIST_SCHEMAS_SQL,
  listRelations: LIST_RELATIONS_SQL,
  getRelation: GET_RELATION_SQL,
  getColumns: GET_COLUMNS_SQL,
};

/** Configuration of a DuckDB warehouse. */
export interface DuckDbWarehouseConfig {
  /** Database file, or `:memory:`. */
  path: string;
  /** DuckDB worker threads (default: DuckDB's, the number of cores). */
  threads?: number;
  /** Open the file read-only (several processes may then share it). */
  readOnly?: boolean;
  /** Connections kept for concurrent statements (default 4). */
  poolSize?: number;
}

/** What a DuckDB warehouse needs from its host. */
export interface DuckDbWarehouseDeps {
  logger: Logger;
}

const DEFAULT_POOL_SIZE = 4;

/**
 * Opens a DuckDB database as a Warehouse: one DuckDBInstance (TimeZone set
 * to UTC), a pool of connections for concurrent statements, transactions
 * pinned to one connection, bulk loads through the Appender API. Fails with
 * WAREHOUSE_CONNECT when the file cannot be opened.
 */
export async function createDuckDbWarehouse(config: DuckDbWarehouseConfig, deps: DuckDbWarehouseDeps): Promise<Warehouse> {
  const options: Record<string, string> = {};
  if (config.threads !== undefined) options['threads'] = String(config.threads);
  if (config.readOnly) options['access_mode'] = 'READ_ONLY';
  let instance: DuckDBInstance;
  let version: string;
  try {
    instance = await DuckDBInstance.create(config.path, options);
    const conn = await instance.connect();
    try {
      // Like the Postgres warehouse, run in UTC whatever the process's TZ (TIMESTAMPTZ <-> TIMESTAMP casts).
      await conn.run("SET GLOBAL TimeZone = 'UTC'");
      const reader = await conn.runAndReadAll('SELECT library_version FROM pragma_version()');
      version = String(reader.getRows()[0]?.[0] ?? '');
    } finally {
      conn.disconnectSync();
    }
  } catch (err) {
    const locked = duckDbLockError(err, config.path);
    if (locked) throw locked;
    throw new WarehouseError(`could not open DuckDB database ${config.path}: ${errorMessage(err)}`, undefined, {
      code: 'WAREHOUSE_CONNECT',
      cause: err,
    });
  }
  const merge = supportsMerge(version);
  const poolSize = Math.max(1, config.poolSize ?? DEFAULT_POOL_SIZE);
  const description = `duckdb:${config.path}`;
  const logger = deps.logger.child({ warehouse: description });
  logger.debug('opened DuckDB', { version, poolSize });
  return new DuckDbWarehouse(instance, new DuckDbPool(instance, poolSize), new DuckDbDialect({ merge }), description, logger, {
    merge,
    transactionalDdl: true,
    nestedTypes: true,
    createOrReplaceTable: true,
    createOrReplaceView: true,
    maxConcurrency: poolSize,
    schemas: true,
    readsLocalFiles: true,
  });
}

/** MERGE INTO arrived in DuckDB 1.4. */
function supportsMerge(version: string): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > 1 || (major === 1 && minor >= 4);
}

class DuckDbWarehouse extends DuckDbSession implements Warehouse {
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly pool: DuckDbPool,
    dialect: DuckDbDialect,
    readonly description: string,
    logger: Logger,
    readonly capabilities: WarehouseCapabilities,
  ) {
    super(dialect, (fn, signal) => pool.use(fn, signal), logger);
  }

  readonly #catalog = new CatalogIntrospection(this, CATALOG_SQL);

  listSchemas(options?: QueryOptions): Promise<string[]> {
    return this.#catalog.listSchemas(options);
  }

  listRelations(schema: string, options?: QueryOptions): Promise<RelationInfo[]> {
    return this.#catalog.listRelations(schema, options);
  }

  getRelation(ref: TableRef, options?: QueryOptions): Promise<RelationInfo | undefined> {
    return this.#catalog.getRelation(ref, options);
  }

  getColumns(ref: TableRef, options?: QueryOptions): Promise<ColumnDef[] | undefined> {
    return this.#catalog.getColumns(ref, options);
  }

  transaction<T>(fn: (session: WarehouseSession) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (options.denyExternalAccess && !options.readOnly) return Promise.reject(externalAccessNeedsReadOnly());
    return this.pool.use(async (conn) => {
      const pinned = pinnedBorrow(conn);
      const session = options.readOnly
        ? new ReadOnlyDuckDbSession(this.dialect, pinned.borrow, this.logger, options.denyExternalAccess ?? false)
        : new DuckDbSession(this.dialect, pinned.borrow, this.logger);
      await this.run(conn, options.readOnly ? 'BEGIN TRANSACTION READ ONLY' : 'BEGIN TRANSACTION', [], options.signal);
      // search_path is a setting of the connection, not of the transaction: reset when the connection goes back to the pool.
      if (options.defaultSchema !== undefined) await this.run(conn, `SET search_path = ${this.dialect.quoteLiteral(options.defaultSchema)}`, [], options.signal);
      try {
        const result = await fn(session);
        if (options.readOnly) await pinned.borrow((c) => this.rollback(c));
        else await pinned.borrow((c) => this.run(c, 'COMMIT', []));
        return result;
      } catch (err) {
        await this.rollback(conn);
        throw err;
      } finally {
        pinned.end();
        if (options.defaultSchema !== undefined) await this.run(conn, 'RESET search_path', []).catch((err: unknown) => this.logger.warn('could not reset search_path', { error: errorMessage(err) }));
      }
    }, options.signal);
  }

  bulkLoad(ref: TableRef, rows: Iterable<Row> | AsyncIterable<Row>, options: BulkLoadOptions): Promise<number> {
    const target = this.dialect.relation(ref);
    return this.pool.use(async (conn) => {
      const tableColumns = await this.getColumnsOn(conn, ref, options.signal);
      if (!tableColumns) throw new WarehouseError(`bulk load: ${target} does not exist`);
      await this.run(conn, 'BEGIN TRANSACTION', [], options.signal);
      try {
        const appender = await conn.createAppender(ref.name, ref.schema, ref.database ?? null);
        let count: number;
        try {
          const plan = planAppend(tableColumns, options.columns, target);
          plan.writers = tableColumns.map((_, i) => writerFor(appender.columnType(i)));
          count = await appendRows(appender, plan, rows, target, options.signal);
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
        await this.run(conn, 'COMMIT', []);
        this.logger.debug('bulk loaded', { target, rows: count });
        return count;
      } catch (err) {
        await this.rollback(conn);
        throw duckDbError(err, undefined, options.signal);
      }
    }, options.signal);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pool.close();
    this.instance.closeSync();
    this.logger.debug('closed DuckDB');
  }

  private async getColumnsOn(conn: DuckDBConnection, ref: TableRef, signal?: AbortSignal): Promise<ColumnDef[] | undefined> {
    const { rows } = await this.run<{ column_name: string; data_type: string }>(conn, GET_COLUMNS_SQL, [ref.database ?? null, ref.schema, ref.name], signal);
    return rows.length === 0 ? undefined : rows.map((r) => ({ name: r.column_name, type: r.data_type }));
  }

  private async rollback(conn: DuckDBConnection): Promise<void> {
    try {
      await this.run(conn, 'ROLLBACK', []);
    } catch (err) {
      // After a failed COMMIT DuckDB has already ended the transaction.
      this.logger.debug('rollback failed', { error: errorMessage(err) });
    }
  }
}


/** Maps each table column to the row key that feeds it (case-insensitively, as DuckDB names are). */
function planAppend(tableColumns: ColumnDef[], loadColumns: ColumnDef[], target: string): AppendPlan {
  const byLower = new Map(loadColumns.map((c) => [c.name.toLowerCase(), c.name]));
  const tableNames = new Set(tableColumns.map((c) => c.name.toLowerCase()));
  const unknown = loadColumns.filter((c) => !tableNames.has(c.name.toLowerCase()));
  if (unknown.length > 0) {
    throw new WarehouseError(`bulk load: ${target} has no column(s) ${unknown.map((c) => `"${c.name}"`).join(', ')}`);
  }
  return { keys: tableColumns.map((c) => byLower.get(c.name.toLowerCase())), writers: [] };
}
