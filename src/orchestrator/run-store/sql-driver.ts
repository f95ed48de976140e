/**
 * What the shared SQL run store needs from a database: statements with `?`
 * placeholders, transactions, the schema dialect, value encodings and error
 * classification. sqlite-run-store.ts and postgres-run-store.ts implement it.
 */
import type { SchemaDialect } from './run-store-migrations.js';

export type SqlRow = Record<string, unknown>;

export interface SqlResult {
  rows: SqlRow[];
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface SqlExecutor {
  /** Runs one statement; `?` are positional parameters. */
  exec(sql: string, params?: readonly unknown[]): Promise<SqlResult>;
}

/** What a failed statement means to the store (`invalid`: a CHECK or NOT NULL constraint). */
export type SqlFailure = 'unique' | 'foreign_key' | 'invalid' | 'other';

export interface SqlDriver extends SqlExecutor {
  readonly description: string;
  readonly dialect: SchemaDialect;
  /**
   * Runs `fn` in one transaction that holds the write lock from its start
   * (SQLite BEGIN IMMEDIATE; Postgres: row locks as statements take them).
   * Commits when `fn` resolves, rolls back when it throws.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` (the migration steps) in a transaction that no other process can
   * run at the same time, after creating the schema if the database has one.
   */
  migrationTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** A Date as a statement parameter. */
  date(value: Date): unknown;
  classify(err: unknown): SqlFailure;
  close(): Promise<void>;
}
