/**
 * The run store in Postgres, for several `basin serve` instances (and CLI
 * runs) sharing one history. Tables live in their own schema (default
 * `basin_runs`); migrate() holds a transaction-scoped advisory lock keyed by
 * that schema, so servers starting together migrate one after the other.
 *
 * Encodings: timestamps are timestamptz (read back as Date, millisecond
 * precision kept), JSON columns are `json` (stored and returned verbatim: the
 * pg driver's json parser is replaced by identity, the store parses). Postgres
 * text cannot hold U+0000: it is stored as U+FFFD in text columns (inside JSON
 * values it survives as the `\u0000` escape).
 */
import pg from 'pg';
import type { PoolClient, PoolConfig } from 'pg';
import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { RunStoreError } from './run-store-errors.js';
import type { SchemaDialect } from './run-store-migrations.js';
import type { RunStore } from './run-store.js';
import type { SqlDriver, SqlExecutor, SqlFailure, SqlResult } from './sql-driver.js';
import { SqlRunStore } from './sql-run-store.js';

export interface PostgresRunStoreOptions {
  /** `postgres://user:password@host:port/database`; or the fields below. */
  connectionString?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  ssl?: boolean;
  /** Schema of the store's tables, default `basin_runs`. */
  schema?: string;
  /** Pool size, default 4. */
  poolSize?: number;
  logger: Logger;
}

export const DEFAULT_RUN_STORE_SCHEMA = 'basin_runs';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const JSON_OIDS = new Set([114, 3802]);

/** Hands json/jsonb columns over as text (the store parses; a JSON string value stays unambiguous). */
const storeTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    JSON_OIDS.has(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function param(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
  return value;
}

/** `?` placeholders to `$1, $2, ...` (the store's SQL has no other question marks). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

async function execOn(client: pg.Pool | PoolClient, sql: string, params: readonly unknown[] = []): Promise<SqlResult> {
  const res = await client.query({ text: numbered(sql), values: params.map(param) });
  return { rows: res.rows as Record<string, unknown>[], changes: res.rowCount ?? 0 };
}

function describe(options: PostgresRunStoreOptions, schema: string): string {
  if (options.connectionString) {
    try {
      const url = new URL(options.connectionString);
      return `postgres://${url.username ? `${decodeURIComponent(url.username)}@` : ''}${url.host}${url.pathname} (schema ${schema})`;
    } catch {
      return `postgres (schema ${schema})`;
    }
  }
  const user = options.user ? `${options.user}@` : '';
  return `postgres://${user}${options.host ?? '127.0.0.1'}:${options.port ?? 5432}/${options.database ?? ''} (schema ${schema})`;
}

class PostgresDriver implements SqlDriver {
  readonly dialect: SchemaDialect;

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    readonly description: string,
  ) {
    this.dialect = {
      key: 'text COLLATE "C"',
      text: 'text',
      timestamp: 'timestamptz',
      json: 'json',
      integer: 'integer',
      bigint: 'bigint',
      table: (name) => `"${schema}"."${name}"`,
    };
  }

  exec(sql: string, params?: readonly unknown[]): Promise<SqlResult> {
    return execOn(this.pool, sql, params);
  }

  private async inTransaction<T>(prelude: (tx: SqlExecutor) => Promise<void>, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: SqlExecutor = { exec: (sql, params) => execOn(client, sql, params) };
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await prelude(tx);
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackErr: unknown) => {
        broken = rollbackErr instanceof Error ? rollbackErr : new Error(errorMessage(rollbackErr));
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.inTransaction(async () => undefined, fn);
  }

  migrationTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.inTransaction(async (tx) => {
      await tx.exec('SELECT pg_advisory_xact_lock(hashtext(?))', [`basin_run_store:${this.schema}`]);
      await tx.exec(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
    }, fn);
  }

  date(value: Date): unknown {
    return value;
  }

  classify(err: unknown): SqlFailure {
    const code = (err as { code?: unknown } | null)?.code;
    if (code === '23505') return 'unique';
    if (code === '23503') return 'foreign_key';
    if (code === '23514' || code === '23502') return 'invalid';
    return 'other';
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A Postgres run store (connects lazily: migrate() is the first round trip). */
export function createPostgresRunStore(options: PostgresRunStoreOptions): RunStore {
  const schema = options.schema ?? DEFAULT_RUN_STORE_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) {
    throw new RunStoreError('invalid_argument', `run store schema must be a lowercase identifier, got ${JSON.stringify(schema)}`);
  }
  const logger = options.logger.child({ component: 'run-store' });
  const config: PoolConfig = options.connectionString
    ? { connectionString: options.connectionString }
    : { host: options.host ?? '127.0.0.1', port: options.port ?? 5432, user: options.user, password: options.password, database: options.database };
  if (options.ssl) config.ssl = true;
  const pool = new pg.Pool({ ...config, max: options.poolSize ?? 4, types: storeTypes });
  pool.on('error', (err) => logger.warn('idle run store connection failed', { error: errorMessage(err) }));
  return new SqlRunStore(new PostgresDriver(pool, schema, describe(options, schema)), logger);
}
