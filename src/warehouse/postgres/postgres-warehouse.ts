import pg from 'pg';
import type { PoolClient, PoolConfig } from 'pg';
import { WarehouseError, errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { ColumnDef, RelationInfo, Row, TableRef } from '../../core/types.js';
import type { BulkLoadOptions, QueryOptions, TransactionOptions, Warehouse, WarehouseCapabilities, WarehouseSession } from '../warehouse.js';
import { CatalogIntrospection } from '../catalog-introspection.js';
import { externalAccessNeedsReadOnly } from '../external-access.js';
import { GET_COLUMNS_SQL, GET_RELATION_SQL, LIST_RELATIONS_SQL, LIST_SCHEMAS_SQL } from './postgres-catalog.js';
import { copyRows, csvEncoderFor } from './postgres-copy.js';
import { PostgresDialect } from './postgres-dialect.js';
import { isConnectionError, pgConnectError, pgError, type PgEndpoint } from './postgres-errors.js';
import { ExternalAccessGuardedPgSession } from './postgres-guarded-session.js';
import { PgSession, pinnedPgBorrow, runOnPg, type PgContext } from './postgres-session.js';
import { PgTypeNames, canonicalPgType } from './postgres-type-names.js';
import { basinPgTypes } from './postgres-values.js';

const CATALOG_SQL = {
  listSchemas: LIST_SCHEMAS_SQL,
  listRelations: LIST_RELATIONS_SQL,
  getRelation: GET_RELATION_SQL,
  getColumns: GET_COLUMNS_SQL,
};

/** Configuration of a Postgres warehouse. */
export interface PostgresWarehouseConfig {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  ssl?: boolean;
  /** Connections in the pool (default 5); also `capabilities.maxConcurrency`. */
  poolSize?: number;
  /** Reported in pg_stat_activity (default `basin`). */
  applicationName?: string;
  /** How long to wait for a connection, in ms (default 10,000). */
  connectTimeoutMs?: number;
}

/** What a Postgres warehouse needs from its host. */
export interface PostgresWarehouseDeps {
  logger: Logger;
}

const DEFAULT_POOL_SIZE = 5;

/**
 * Connects to Postgres as a Warehouse: a pg Pool whose sessions run in UTC
 * with Basin's type parsers, cancellation by pg_cancel_backend, bulk loads by
 * COPY FROM STDIN. Connects once up front (to read the server version), so a
 * bad host, port, database or credentials fail here with WAREHOUSE_CONNECT.
 */
export async function createPostgresWarehouse(config: PostgresWarehouseConfig, deps: PostgresWarehouseDeps): Promise<Warehouse> {
  const endpoint: PgEndpoint = { where: `${config.host}:${config.port}/${config.database}`, password: config.password };
  const clientConfig: PoolConfig = {
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    ssl: config.ssl ?? false,
    application_name: config.applicationName ?? 'basin',
    options: '-c TimeZone=UTC',
    types: basinPgTypes,
    connectionTimeoutMillis: config.connectTimeoutMs ?? 10_000,
    keepAlive: true,
  };
  const poolSize = Math.max(1, config.poolSize ?? DEFAULT_POOL_SIZE);
  const description = `postgres://${config.user}@${endpoint.where}`;
  const logger = deps.logger.child({ warehouse: description });
  const pool = new pg.Pool({ ...clientConfig, max: poolSize });
  pool.on('error', (err) => logger.warn('idle Postgres connection failed', { error: errorMessage(err) }));

  let versionNum: number;
  try {
    const res = await pool.query<{ server_version_num: string }>('SHOW server_version_num');
    versionNum = Number(res.rows[0]?.server_version_num ?? 0);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw pgConnectError(err, endpoint);
  }
  const merge = versionNum >= 150_000;
  logger.debug('connected to Postgres', { serverVersion: versionNum, poolSize });

  const ctx: PgContext = {
    dialect: new PostgresDialect({ merge }),
    endpoint,
    typeNames: new PgTypeNames(),
    logger,
    tainted: new WeakSet(),
    cancel: async (pid) => {
      const canceller = new pg.Client(clientConfig);
      try {
        await canceller.connect();
        await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
      } catch (err) {
        logger.warn('could not cancel Postgres query', { pid, error: errorMessage(err) });
      } finally {
        await canceller.end().catch(() => undefined);
      }
    },
  };
  return new PostgresWarehouse(pool, ctx, description, {
    merge,
    transactionalDdl: true,
    nestedTypes: false,
    createOrReplaceTable: false,
    createOrReplaceView: false,
    maxConcurrency: poolSize,
    schemas: true,
    readsLocalFiles: false,
  });
}

class PostgresWarehouse extends PgSession implements Warehouse {
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    ctx: PgContext,
    readonly description: string,
    readonly capabilities: WarehouseCapabilities,
  ) {
    super(ctx, (fn, signal) => this.withClient(fn, signal));
  }

  readonly #catalog = new CatalogIntrospection(this, CATALOG_SQL, canonicalPgType);

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
    return this.withClient(async (client) => {
      const pinned = pinnedPgBorrow(client);
      const session = options.denyExternalAccess ? new ExternalAccessGuardedPgSession(this.ctx, pinned.borrow, true) : new PgSession(this.ctx, pinned.borrow, true);
      await runOnPg(this.ctx, client, options.readOnly ? 'BEGIN READ ONLY' : 'BEGIN', [], options.signal);
      try {
        if (options.defaultSchema !== undefined) await runOnPg(this.ctx, client, `SET LOCAL search_path TO ${this.dialect.quoteIdentifier(options.defaultSchema)}`, [], options.signal);
        const result = await fn(session);
        // A read-only transaction is rolled back, so a SET inside it does not outlive it on the pooled connection.
        await runOnPg(this.ctx, client, options.readOnly ? 'ROLLBACK' : 'COMMIT');
        return result;
      } catch (err) {
        try {
          await runOnPg(this.ctx, client, 'ROLLBACK');
        } catch (rollbackErr) {
          this.ctx.tainted.add(client);
          this.ctx.logger.warn('rollback failed', { error: errorMessage(rollbackErr) });
        }
        throw err;
      } finally {
        pinned.end();
      }
    }, options.signal);
  }

  bulkLoad(ref: TableRef, rows: Iterable<Row> | AsyncIterable<Row>, options: BulkLoadOptions): Promise<number> {
    const d = this.dialect;
    const target = d.relation(ref);
    const columns = options.columns;
    const sql = `COPY ${target} (${columns.map((c) => d.quoteIdentifier(c.name)).join(', ')}) FROM STDIN WITH (FORMAT csv)`;
    const encoders = columns.map((c) => csvEncoderFor(d.logicalTypeOf(c.type)));
    return this.withClient(async (client) => {
      if (options.signal?.aborted) throw pgError(new Error('aborted'), sql, this.ctx.endpoint, options.signal);
      try {
        const count = await copyRows(client, sql, columns.map((c) => c.name), encoders, rows, options.signal);
        this.ctx.logger.debug('bulk loaded', { target, rows: count });
        return count;
      } catch (err) {
        // The connection may be mid-COPY; never hand it out again.
        this.ctx.tainted.add(client);
        throw pgError(err, sql, this.ctx.endpoint, options.signal);
      }
    }, options.signal);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
    this.ctx.logger.debug('closed Postgres pool');
  }

  /** Borrows a pooled client for `fn`; clients that were cancelled or broke are discarded. */
  private async withClient<T>(fn: (client: PoolClient) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.closed) throw new WarehouseError(`Postgres warehouse ${this.description} is closed`);
    if (signal?.aborted) throw new WarehouseError('cancelled before it started', undefined, { code: 'ABORTED', cause: signal.reason });
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw pgConnectError(err, this.ctx.endpoint);
    }
    let broken = false;
    try {
      return await fn(client);
    } catch (err) {
      broken = isConnectionError((err as { cause?: unknown }).cause ?? err);
      throw err;
    } finally {
      client.release(broken || this.ctx.tainted.has(client));
    }
  }
}

