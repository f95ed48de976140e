/**
 * The run store in a SQLite file (default `<project>/.basin/runs.sqlite`),
 * shared by the CLI and `basin serve` on one machine: WAL mode (readers never
 * wait for the writer), busy_timeout (a writer waits for another process's
 * write instead of failing), and write transactions that take the lock up
 * front (BEGIN IMMEDIATE) so they never fail half-way on a lock upgrade.
 *
 * Encodings: timestamps are INTEGER epoch milliseconds (UTC), JSON is TEXT
 * (JSON.stringify of the value). better-sqlite3 is synchronous: every call is
 * one short statement or transaction, serialized per file within the process.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../../core/logger.js';
import { RunStoreError } from './run-store-errors.js';
import type { SchemaDialect } from './run-store-migrations.js';
import type { RunStore } from './run-store.js';
import { serialize } from './serial-queue.js';
import type { SqlDriver, SqlExecutor, SqlFailure, SqlResult } from './sql-driver.js';
import { SqlRunStore } from './sql-run-store.js';

export interface SqliteRunStoreOptions {
  /** The database file; its folder is created. */
  path: string;
  /** How long a write waits for another process's write, default 10 s. */
  busyTimeoutMs?: number;
  logger: Logger;
}

/** `<projectDir>/.basin/runs.sqlite`. */
export function defaultSqliteRunStorePath(projectDir: string): string {
  return path.join(projectDir, '.basin', 'runs.sqlite');
}

const SQLITE_DIALECT: SchemaDialect = {
  key: 'TEXT',
  text: 'TEXT',
  timestamp: 'INTEGER',
  json: 'TEXT',
  integer: 'INTEGER',
  bigint: 'INTEGER',
  table: (name) => name,
};

/** Prepared statements kept per connection (IN lists of many lengths would grow it without a cap). */
const STATEMENT_CACHE = 256;

function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

class SqliteDriver implements SqlDriver {
  readonly description: string;
  readonly dialect = SQLITE_DIALECT;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly direct: SqlExecutor = { exec: async (sql, params) => this.execNow(sql, params) };

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
  ) {
    this.description = `sqlite:${file}`;
  }

  private execNow(sql: string, params: readonly unknown[] = []): SqlResult {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    const values = params.map(bindable);
    if (statement.reader) {
      const rows = statement.all(...values) as Record<string, unknown>[];
      return { rows, changes: rows.length };
    }
    const info = statement.run(...values);
    return { rows: [], changes: info.changes };
  }

  exec(sql: string, params?: readonly unknown[]): Promise<SqlResult> {
    return serialize(this.file, async () => this.execNow(sql, params));
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return serialize(this.file, async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  migrationTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.transaction(fn);
  }

  date(value: Date): unknown {
    return value.getTime();
  }

  classify(err: unknown): SqlFailure {
    const code = (err as { code?: unknown } | null)?.code;
    if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') return 'unique';
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreign_key';
    if (code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_NOTNULL') return 'invalid';
    return 'other';
  }

  close(): Promise<void> {
    return serialize(this.file, async () => {
      this.statements.clear();
      if (this.db.open) this.db.close();
    });
  }
}

/** Opens (creating if needed) the SQLite run store. Call migrate() before use. */
export async function createSqliteRunStore(options: SqliteRunStoreOptions): Promise<RunStore> {
  const file = path.resolve(options.path);
  let db: Database.Database;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 10_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  } catch (err) {
    throw new RunStoreError('storage', `cannot open the run store ${file}: ${(err as Error).message}`, { cause: err });
  }
  return new SqlRunStore(new SqliteDriver(db, file), options.logger.child({ component: 'run-store' }));
}
