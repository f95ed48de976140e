import { BasinError } from '../core/errors.js';
import type { ColumnDef, LogicalType, RelationKind, TableRef } from '../core/types.js';
import type { MergeSpec, SqlDialect } from './dialect.js';
import { logicalTypeFromName } from './logical-types.js';
import { quoteWith, trimStatement } from './sql-text.js';

const TARGET = 'basin_target';
const SOURCE = 'basin_source';

/**
 * The SQL that DuckDB and Postgres write the same way (double-quoted
 * identifiers, `$n` parameters, MERGE or UPDATE+INSERT upserts). Concrete
 * dialects supply type names and the few statements that differ.
 */
export abstract class AnsiDialect implements SqlDialect {
  abstract readonly name: 'duckdb' | 'postgres' | 'bigquery';
  /** Whether `merge` emits a MERGE statement (otherwise UPDATE ... FROM + INSERT ... WHERE NOT EXISTS). */
  protected abstract readonly useMerge: boolean;

  abstract typeFor(type: LogicalType): string;
  abstract createTableAs(ref: TableRef, selectSql: string, options?: { replace?: boolean }): string;
  abstract alterColumnType(ref: TableRef, column: string, type: string): string;
  abstract createSchema(schema: string, database?: string): string;
  abstract dropSchema(schema: string, database?: string): string;
  /** A literal of a byte string. */
  protected abstract binaryLiteral(bytes: Uint8Array): string;

  quoteIdentifier(name: string): string {
    return quoteWith(name, '"');
  }

  quoteLiteral(value: unknown): string {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number') {
      if (Number.isFinite(value)) return String(value);
      const text = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
      return this.cast(quoteWith(text, "'"), this.typeFor('double'));
    }
    if (typeof value === 'string') return quoteWith(value, "'");
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw new BasinError('INTERNAL', 'cannot quote an invalid Date');
      return this.cast(quoteWith(value.toISOString(), "'"), this.typeFor('timestamptz'));
    }
    if (value instanceof Uint8Array) return this.binaryLiteral(value);
    if (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) {
      return this.cast(quoteWith(JSON.stringify(value), "'"), this.typeFor('json'));
    }
    throw new BasinError('INTERNAL', `cannot quote a value of type ${typeof value} as a SQL literal`);
  }

  relation(ref: TableRef): string {
    const parts = ref.database ? [ref.database, ref.schema, ref.name] : [ref.schema, ref.name];
    return parts.map((p) => this.quoteIdentifier(p)).join('.');
  }

  param(index: number): string {
    if (!Number.isInteger(index) || index < 1) throw new BasinError('INTERNAL', `parameter index must be a positive integer, got ${index}`);
    return `$${index}`;
  }

  logicalTypeOf(nativeType: string): LogicalType {
    return logicalTypeFromName(nativeType);
  }

  createViewAs(ref: TableRef, selectSql: string, options: { replace?: boolean } = {}): string {
    const head = options.replace ? 'CREATE OR REPLACE VIEW' : 'CREATE VIEW';
    return `${head} ${this.relation(ref)} AS (\n${trimStatement(selectSql)}\n)`;
  }

  createTable(ref: TableRef, columns: ColumnDef[]): string {
    if (columns.length === 0) throw new BasinError('INTERNAL', `createTable ${this.relation(ref)}: no columns`);
    const cols = columns.map((c) => `  ${this.columnDefinition(c)}`).join(',\n');
    return `CREATE TABLE ${this.relation(ref)} (\n${cols}\n)`;
  }

  dropRelation(ref: TableRef, kind: RelationKind): string {
    return `DROP ${kind === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${this.relation(ref)} CASCADE`;
  }

  renameRelation(from: TableRef, newName: string, kind: RelationKind): string {
    return `ALTER ${kind === 'view' ? 'VIEW' : 'TABLE'} ${this.relation(from)} RENAME TO ${this.quoteIdentifier(newName)}`;
  }

  addColumns(ref: TableRef, columns: ColumnDef[]): string[] {
    return columns.map((c) => `ALTER TABLE ${this.relation(ref)} ADD COLUMN ${this.columnDefinition(c)}`);
  }

  dropColumns(ref: TableRef, names: string[]): string[] {
    return names.map((n) => `ALTER TABLE ${this.relation(ref)} DROP COLUMN ${this.quoteIdentifier(n)}`);
  }

  insertSelect(target: TableRef, columns: string[], selectSql: string): string {
    return `INSERT INTO ${this.relation(target)} (${this.columnList(columns)})\n${trimStatement(selectSql)}`;
  }

  deleteWhere(target: TableRef, whereSql?: string): string {
    const base = `DELETE FROM ${this.relation(target)}`;
    return whereSql === undefined || whereSql.trim() === '' ? base : `${base} WHERE ${whereSql}`;
  }

  merge(spec: MergeSpec): string[] {
    const { target, source, columns } = this.checkMergeSpec(spec, 'merge');
    const on = this.keyMatch(spec.uniqueKey);
    const updates = this.updateColumnsOf(spec);
    const set = updates.map((c) => `${this.quoteIdentifier(c)} = ${this.qualified(SOURCE, c)}`).join(', ');
    if (this.useMerge) {
      const lines = [
        `MERGE INTO ${target} AS ${this.quoteIdentifier(TARGET)}`,
        `USING ${source} AS ${this.quoteIdentifier(SOURCE)}`,
        `ON ${on}`,
      ];
      if (updates.length > 0) lines.push(`WHEN MATCHED THEN UPDATE SET ${set}`);
      lines.push(
        `WHEN NOT MATCHED THEN INSERT (${this.columnList(columns)}) VALUES (${columns.map((c) => this.qualified(SOURCE, c)).join(', ')})`,
      );
      return [lines.join('\n')];
    }
    const statements: string[] = [];
    if (updates.length > 0) {
      statements.push(
        `UPDATE ${target} AS ${this.quoteIdentifier(TARGET)}\nSET ${set}\nFROM ${source} AS ${this.quoteIdentifier(SOURCE)}\nWHERE ${on}`,
      );
    }
    statements.push(
      `INSERT INTO ${target} (${this.columnList(columns)})\n` +
        `SELECT ${columns.map((c) => this.qualified(SOURCE, c)).join(', ')}\n` +
        `FROM ${source} AS ${this.quoteIdentifier(SOURCE)}\n` +
        `WHERE NOT EXISTS (SELECT 1 FROM ${target} AS ${this.quoteIdentifier(TARGET)} WHERE ${on})`,
    );
    return statements;
  }

  deleteInsert(spec: MergeSpec): string[] {
    const { target, source, columns } = this.checkMergeSpec(spec, 'deleteInsert');
    return [
      `DELETE FROM ${target} AS ${this.quoteIdentifier(TARGET)}\n` +
        `WHERE EXISTS (SELECT 1 FROM ${source} AS ${this.quoteIdentifier(SOURCE)} WHERE ${this.keyMatch(spec.uniqueKey)})`,
      `INSERT INTO ${target} (${this.columnList(columns)})\nSELECT ${this.columnList(columns)}\nFROM ${source}`,
    ];
  }

  currentTimestamp(): string {
    return 'CURRENT_TIMESTAMP';
  }

  cast(expr: string, type: string): string {
    return `CAST(${expr} AS ${type})`;
  }

  md5(expr: string): string {
    return `md5(${this.cast(expr, this.typeFor('text'))})`;
  }

  concatText(exprs: string[]): string {
    if (exprs.length === 0) return "''";
    return exprs.map((e) => `COALESCE(${this.cast(e, this.typeFor('text'))}, '')`).join(' || ');
  }

  emptySelect(selectSql: string): string {
    return `SELECT * FROM (\n${trimStatement(selectSql)}\n) AS "basin_empty" WHERE 1 = 0`;
  }

  /** `"name" TYPE [NOT NULL]`. */
  protected columnDefinition(column: ColumnDef): string {
    const notNull = column.nullable === false ? ' NOT NULL' : '';
    return `${this.quoteIdentifier(column.name)} ${column.type}${notNull}`;
  }

  protected columnList(columns: readonly string[]): string {
    return columns.map((c) => this.quoteIdentifier(c)).join(', ');
  }

  private qualified(alias: string, column: string): string {
    return `${this.quoteIdentifier(alias)}.${this.quoteIdentifier(column)}`;
  }

  private keyMatch(keys: readonly string[]): string {
    return keys.map((k) => `${this.qualified(TARGET, k)} = ${this.qualified(SOURCE, k)}`).join(' AND ');
  }

  private updateColumnsOf(spec: MergeSpec): string[] {
    if (spec.updateColumns) return spec.updateColumns;
    const keys = new Set(spec.uniqueKey);
    return spec.columns.filter((c) => !keys.has(c));
  }

  private checkMergeSpec(spec: MergeSpec, what: string): { target: string; source: string; columns: string[] } {
    if (spec.uniqueKey.length === 0) throw new BasinError('INTERNAL', `${what}: uniqueKey must name at least one column`);
    if (spec.columns.length === 0) throw new BasinError('INTERNAL', `${what}: no columns to insert`);
    return { target: this.relation(spec.target), source: this.relation(spec.source), columns: spec.columns };
  }
}
