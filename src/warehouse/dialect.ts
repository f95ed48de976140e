import type { ColumnDef, LogicalType, RelationKind, TableRef } from '../core/types.js';

/**
 * Pure SQL generation for one warehouse. Nothing here does I/O; every method
 * returns SQL text (or a list of statements to run in order). Differences
 * between warehouses that callers must branch on are expressed as
 * `WarehouseCapabilities` on the Warehouse, never as checks of `name`.
 */
export interface SqlDialect {
  readonly name: 'duckdb' | 'postgres' | 'bigquery';

  /** Quotes an identifier (always quotes; escapes embedded quotes). */
  quoteIdentifier(name: string): string;
  /** A SQL literal for a JS value: null, boolean, number, bigint, string, Date. */
  quoteLiteral(value: unknown): string;
  /** The fully qualified, quoted name of a relation. */
  relation(ref: TableRef): string;
  /** The placeholder for the 1-based `index`-th query parameter. */
  param(index: number): string;

  /** The native type for a logical type. */
  typeFor(type: LogicalType): string;
  /** The logical type of a native type name (as introspection reports it). */
  logicalTypeOf(nativeType: string): LogicalType;

  createSchema(schema: string, database?: string): string;
  dropSchema(schema: string, database?: string): string;
  /**
   * `CREATE TABLE ... AS <select>` (fails if it exists). With `replace`,
   * `CREATE OR REPLACE TABLE`; only valid when the warehouse's
   * `capabilities.createOrReplaceTable` is true (otherwise throws).
   */
  createTableAs(ref: TableRef, selectSql: string, options?: { replace?: boolean }): string;
  /** `CREATE VIEW ... AS <select>`; with `replace`, replaces an existing view. */
  createViewAs(ref: TableRef, selectSql: string, options?: { replace?: boolean }): string;
  /** `CREATE TABLE` with explicit columns (fails if it exists). */
  createTable(ref: TableRef, columns: ColumnDef[]): string;
  /** `DROP TABLE|VIEW IF EXISTS ...` (cascading where the warehouse supports it). */
  dropRelation(ref: TableRef, kind: RelationKind): string;
  /** Renames a relation within its schema. */
  renameRelation(from: TableRef, newName: string, kind: RelationKind): string;
  /** One statement per added column. */
  addColumns(ref: TableRef, columns: ColumnDef[]): string[];
  /** One statement per dropped column. */
  dropColumns(ref: TableRef, names: string[]): string[];
  /** Changes a column's type. */
  alterColumnType(ref: TableRef, column: string, type: string): string;
  /** `INSERT INTO target (cols) <select>`. */
  insertSelect(target: TableRef, columns: string[], selectSql: string): string;
  /** `DELETE FROM target [WHERE ...]`. */
  deleteWhere(target: TableRef, whereSql?: string): string;

  /**
   * Upserts `source` (a relation) into `target` on `uniqueKey`: matched rows get
   * `updateColumns` from the source, unmatched rows are inserted with `columns`.
   * Returns the statements to run in one transaction (MERGE where the warehouse
   * has it, UPDATE+INSERT otherwise).
   */
  merge(spec: MergeSpec): string[];
  /**
   * Deletes target rows whose `uniqueKey` appears in `source`, then inserts all
   * of `source`. Statements to run in one transaction.
   */
  deleteInsert(spec: MergeSpec): string[];

  /** An expression for the current timestamp (as dbt's `current_timestamp()`). */
  currentTimestamp(): string;
  /** `CAST(expr AS type)`. */
  cast(expr: string, type: string): string;
  /** An md5 hex digest expression of a text expression. */
  md5(expr: string): string;
  /** Concatenates text expressions, NULLs treated as empty strings. */
  concatText(exprs: string[]): string;
  /** Wraps a select so it returns no rows but keeps its columns (for schema probes). */
  emptySelect(selectSql: string): string;
}

/** Input of `merge` and `deleteInsert`. */
export interface MergeSpec {
  target: TableRef;
  source: TableRef;
  /** Key columns; one or more. */
  uniqueKey: string[];
  /** All columns to insert. */
  columns: string[];
  /** Columns to update on match (default: all non-key columns). */
  updateColumns?: string[];
}
