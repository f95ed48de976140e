import type { ColumnDef, RelationInfo, Row, TableRef } from '../core/types.js';
import type { SqlDialect } from './dialect.js';

/** Options every I/O call accepts. */
export interface QueryOptions {
  signal?: AbortSignal;
}

/**
 * The result of a query. Values have the same JS types on every warehouse:
 * integers -> number when safe else bigint; DECIMAL/NUMERIC and floats ->
 * number; BOOLEAN -> boolean; text -> string; DATE -> 'YYYY-MM-DD'; TIME and
 * INTERVAL -> the warehouse's text form; TIMESTAMP -> Date read as UTC;
 * TIMESTAMPTZ -> Date; JSON -> parsed value; binary -> Uint8Array; NULL ->
 * null (see src/warehouse/README.md).
 */
export interface QueryResult<R extends Row = Row> {
  /** Column names and native type names, in the form introspection reports. */
  columns: ColumnDef[];
  rows: R[];
  /** Rows returned, or rows affected for INSERT/UPDATE/DELETE when the driver reports it. */
  rowCount: number;
}

/** One batch of a streamed result (`queryBatches`). */
export interface QueryBatch<R extends Row = Row> {
  /** The result's columns, the same in every batch (none for a statement that returns no rows). */
  columns: ColumnDef[];
  /** The next rows, in the result's order, with the same JS values as `query` returns. */
  rows: R[];
}

/** Receives each batch of `queryBatches`; the next batch is read once it resolves. */
export type BatchHandler<R extends Row = Row> = (batch: QueryBatch<R>) => Promise<void> | void;

/** What `queryBatches` reports once every batch was handed over. */
export interface QueryBatchesSummary {
  columns: ColumnDef[];
  /** Rows handed over, or rows affected when the statement changed rows. */
  rowCount: number;
}

/**
 * What a warehouse can do, as data. Callers branch on these, never on the
 * warehouse's name.
 */
export interface WarehouseCapabilities {
  /** Has a MERGE statement (otherwise `dialect.merge` emits UPDATE + INSERT). */
  merge: boolean;
  /** DDL (create, drop, rename) takes part in transactions, so a swap is atomic. */
  transactionalDdl: boolean;
  /** Native STRUCT/LIST/ARRAY column types. */
  nestedTypes: boolean;
  /** `CREATE OR REPLACE TABLE` replaces atomically. */
  createOrReplaceTable: boolean;
  /**
   * `CREATE OR REPLACE VIEW` replaces atomically whatever the new columns
   * (Postgres only allows appending columns, so it swaps instead).
   */
  createOrReplaceView: boolean;
  /** How many statements may usefully run at once (DuckDB: one writer process; Postgres: pool size). */
  maxConcurrency: number;
  /** Separate datasets/schemas must be created before use. */
  schemas: boolean;
  /**
   * SQL can read files on the loader's machine (DuckDB `read_csv`,
   * `read_json`, `read_parquet`): the loader then parses and flattens local
   * files in SQL instead of in JavaScript.
   */
  readsLocalFiles: boolean;
}

/** How a transaction runs. */
export interface TransactionOptions extends QueryOptions {
  /**
   * Read only: nothing `fn` runs may change the warehouse, and the transaction
   * is always rolled back (so session settings do not outlive it). A statement
   * that would write fails with code `READ_ONLY`. DuckDB also refuses anything
   * but SELECT statements (COPY TO, ATTACH, SET, EXPORT write outside the
   * database); Postgres relies on `READ ONLY` transactions, so server-side file
   * functions depend on the role's privileges.
   */
  readOnly?: boolean;
  /**
   * The SQL comes from outside the project (the SQL workbench): refuse, with
   * code `EXTERNAL_ACCESS` and before it runs, any statement that could read
   * files or reach the network from the warehouse's host. DuckDB: table
   * functions outside an allow-list (`read_csv`, `read_parquet`, `glob`, ...),
   * names a replacement scan could read (`FROM 'x.csv'`), qualified names
   * that are not relations. Postgres: statements other than SELECT, WITH,
   * VALUES, TABLE, SHOW, EXPLAIN, and server file, program and dblink
   * functions named anywhere outside literals and comments. Needs `readOnly`
   * (a statement that writes cannot be checked): without it, the call fails
   * with `USAGE`.
   */
  denyExternalAccess?: boolean;
  /** Unqualified names resolve in this schema inside the transaction (the search path), restored after it. */
  defaultSchema?: string;
}

/** A connection-scoped handle: everything in a transaction runs through one. */
export interface WarehouseSession {
  readonly dialect: SqlDialect;
  /**
   * Runs one statement with positional parameters (`dialect.param(i)`).
   * Parameters: null/undefined -> NULL, Date -> timestamp with time zone,
   * bigint -> BIGINT, Uint8Array -> binary, plain objects and arrays -> JSON
   * text. Cast parameters whose type the SQL does not imply
   * (`CAST($1 AS INTEGER)`): Postgres reads an untyped parameter as text.
   */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>>;
  /**
   * Runs one statement and hands its rows to `onBatch` as they are read
   * (DuckDB: its result chunks of up to 2,048 rows; Postgres: FETCH from a
   * cursor, 1,000 rows at a time), never holding the whole result: the next
   * batch is read only once `onBatch`'s promise resolves. `onBatch` is called
   * at least once (with no rows for an empty result), so the columns are known
   * before any row. A rejection of `onBatch` stops the statement and rejects
   * the call with it. Postgres streams SELECT, VALUES and TABLE statements
   * only (a cursor's query).
   */
  queryBatches<R extends Row = Row>(sql: string, params: readonly unknown[], onBatch: BatchHandler<R>, options?: QueryOptions): Promise<QueryBatchesSummary>;
  /** Runs statements in order (no parameters). */
  execute(statements: string | readonly string[], options?: QueryOptions): Promise<void>;
}

/** How a bulk load treats the rows. */
export interface BulkLoadOptions extends QueryOptions {
  /**
   * Columns of the rows, in order. The table must exist with these columns;
   * table columns not listed get their defaults. A missing or undefined row
   * key loads NULL. For JSON columns the row value is the JSON value itself
   * (a JS string becomes a JSON string).
   */
  columns: ColumnDef[];
}

/**
 * A warehouse connection: I/O only. SQL text comes from `dialect`.
 * Implementations: duckdb/, postgres/ (bigquery/ later). One contract suite
 * (`warehouse.contract.ts`) runs against every implementation.
 */
export interface Warehouse extends WarehouseSession {
  readonly capabilities: WarehouseCapabilities;
  /** A short description for logs, never containing secrets (e.g. `duckdb:warehouse.duckdb`). */
  readonly description: string;

  /** Schemas in the warehouse (current database). */
  listSchemas(options?: QueryOptions): Promise<string[]>;
  /** Tables and views in a schema. Empty when the schema does not exist. */
  listRelations(schema: string, options?: QueryOptions): Promise<RelationInfo[]>;
  /** The relation's kind, or undefined when it does not exist. */
  getRelation(ref: TableRef, options?: QueryOptions): Promise<RelationInfo | undefined>;
  /** Columns of a relation in ordinal order, or undefined when it does not exist. */
  getColumns(ref: TableRef, options?: QueryOptions): Promise<ColumnDef[] | undefined>;

  /**
   * Runs `fn` in a transaction on one connection: commits when it resolves,
   * rolls back when it throws (and rethrows). `readOnly`: see TransactionOptions.
   */
  transaction<T>(fn: (session: WarehouseSession) => Promise<T>, options?: TransactionOptions): Promise<T>;

  /**
   * Appends rows to an existing table by the warehouse's bulk path (DuckDB
   * appender, Postgres COPY, BigQuery load job), never row-by-row INSERTs.
   * Rows are objects keyed by column name, consumed as a stream (bounded
   * memory). All or nothing: a bad row or an abort loads no rows. Returns the
   * number of rows loaded.
   */
  bulkLoad(ref: TableRef, rows: Iterable<Row> | AsyncIterable<Row>, options: BulkLoadOptions): Promise<number>;

  /** Releases connections. Idempotent. */
  close(): Promise<void>;
}
