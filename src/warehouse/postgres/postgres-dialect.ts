import { BasinError } from '../../core/errors.js';
import type { LogicalType, TableRef } from '../../core/types.js';
import { AnsiDialect } from '../ansi-dialect.js';
import { trimStatement } from '../sql-text.js';

const TYPES: Record<LogicalType, string> = {
  boolean: 'BOOLEAN',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE PRECISION',
  decimal: 'NUMERIC',
  text: 'TEXT',
  date: 'DATE',
  time: 'TIME WITHOUT TIME ZONE',
  timestamp: 'TIMESTAMP WITHOUT TIME ZONE',
  timestamptz: 'TIMESTAMP WITH TIME ZONE',
  json: 'JSONB',
  binary: 'BYTEA',
};

/** Options of `PostgresDialect`. */
export interface PostgresDialectOptions {
  /**
   * Emit MERGE for `merge` (Postgres 15+). Default true; the warehouse sets it
   * from `server_version_num`. When false, `merge` emits UPDATE ... FROM then
   * INSERT ... WHERE NOT EXISTS, which needs no unique constraint either.
   */
  merge?: boolean;
}

/**
 * Postgres SQL. Type names use the canonical form Basin reports for Postgres:
 * `format_type()` upper-cased (`INTEGER`, `CHARACTER VARYING(20)`,
 * `TIMESTAMP WITHOUT TIME ZONE`, `NUMERIC(10,2)`), so `typeFor` round-trips
 * through introspection. Schemas always live in the connected database, so
 * the `database` argument of createSchema/dropSchema is ignored.
 */
export class PostgresDialect extends AnsiDialect {
  readonly name = 'postgres' as const;
  protected readonly useMerge: boolean;

  constructor(options: PostgresDialectOptions = {}) {
    super();
    this.useMerge = options.merge ?? true;
  }

  typeFor(type: LogicalType): string {
    return TYPES[type];
  }

  createSchema(schema: string, _database?: string): string {
    return `CREATE SCHEMA IF NOT EXISTS ${this.quoteIdentifier(schema)}`;
  }

  dropSchema(schema: string, _database?: string): string {
    return `DROP SCHEMA IF EXISTS ${this.quoteIdentifier(schema)} CASCADE`;
  }

  createTableAs(ref: TableRef, selectSql: string, options: { replace?: boolean } = {}): string {
    if (options.replace) {
      throw new BasinError('INTERNAL', 'Postgres has no CREATE OR REPLACE TABLE (capabilities.createOrReplaceTable is false)');
    }
    return `CREATE TABLE ${this.relation(ref)} AS (\n${trimStatement(selectSql)}\n)`;
  }

  alterColumnType(ref: TableRef, column: string, type: string): string {
    const col = this.quoteIdentifier(column);
    return `ALTER TABLE ${this.relation(ref)} ALTER COLUMN ${col} TYPE ${type} USING ${this.cast(col, type)}`;
  }

  protected binaryLiteral(bytes: Uint8Array): string {
    return this.cast(`'\\x${Buffer.from(bytes).toString('hex')}'`, 'BYTEA');
  }
}
