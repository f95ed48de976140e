import type { LogicalType, TableRef } from '../../core/types.js';
import { AnsiDialect } from '../ansi-dialect.js';
import { trimStatement } from '../sql-text.js';

const TYPES: Record<LogicalType, string> = {
  boolean: 'BOOLEAN',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  decimal: 'DECIMAL(38,9)',
  text: 'VARCHAR',
  date: 'DATE',
  time: 'TIME',
  timestamp: 'TIMESTAMP',
  timestamptz: 'TIMESTAMP WITH TIME ZONE',
  json: 'JSON',
  binary: 'BLOB',
};

/**
 * DuckDB SQL. Type names are DuckDB's canonical upper-case spellings, exactly
 * as `duckdb_columns()` reports them, so `typeFor` round-trips through
 * introspection. DuckDB has had MERGE INTO since 1.4; `merge` uses it there.
 */
export class DuckDbDialect extends AnsiDialect {
  readonly name = 'duckdb' as const;
  protected readonly useMerge: boolean;

  /** `merge`: emit MERGE INTO (DuckDB 1.4+; default true), else UPDATE ... FROM + INSERT. */
  constructor(options: { merge?: boolean } = {}) {
    super();
    this.useMerge = options.merge ?? true;
  }

  typeFor(type: LogicalType): string {
    return TYPES[type];
  }

  createSchema(schema: string, database?: string): string {
    return `CREATE SCHEMA IF NOT EXISTS ${this.schemaName(schema, database)}`;
  }

  dropSchema(schema: string, database?: string): string {
    return `DROP SCHEMA IF EXISTS ${this.schemaName(schema, database)} CASCADE`;
  }

  createTableAs(ref: TableRef, selectSql: string, options: { replace?: boolean } = {}): string {
    const head = options.replace ? 'CREATE OR REPLACE TABLE' : 'CREATE TABLE';
    return `${head} ${this.relation(ref)} AS (\n${trimStatement(selectSql)}\n)`;
  }

  alterColumnType(ref: TableRef, column: string, type: string): string {
    return `ALTER TABLE ${this.relation(ref)} ALTER COLUMN ${this.quoteIdentifier(column)} SET DATA TYPE ${type}`;
  }

  protected binaryLiteral(bytes: Uint8Array): string {
    let text = '';
    for (const b of bytes) text += `\\x${b.toString(16).padStart(2, '0').toUpperCase()}`;
    return this.cast(`'${text}'`, 'BLOB');
  }

  private schemaName(schema: string, database?: string): string {
    return database ? `${this.quoteIdentifier(database)}.${this.quoteIdentifier(schema)}` : this.quoteIdentifier(schema);
  }
}
