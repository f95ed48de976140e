import { randomBytes } from 'node:crypto';
import type { ColumnDef, LogicalType, Row, TableRef } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { stagingPrefix } from './names.js';
import { CHILD_SYSTEM_COLUMNS } from './table-schema.js';

/** One staging table of a batch: its name and the columns it has so far. */
export interface StagedTable {
  ref: TableRef;
  /** Column -> type, in creation order. */
  columns: Map<string, LogicalType>;
}

/**
 * The staging tables of one batch, named `_basin_stg_<hash(stream)>_<random>_<n>`.
 * Rows reach them by the warehouse's bulk path outside any transaction; the
 * batch's transaction copies them into the stream's tables and drops them.
 * A process killed before that commit leaves them behind; the next load of
 * the stream drops every table with its prefix, so they are never read.
 */
export class BatchStage {
  readonly tables = new Map<string, StagedTable>();
  private readonly prefix: string;
  private count = 0;

  constructor(
    private readonly warehouse: Warehouse,
    private readonly schema: string,
    stream: string,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.prefix = `${stagingPrefix(stream)}${randomBytes(3).toString('hex')}_`;
  }

  /** Appends rows for `key` (a logical table, or a special name), creating or widening its staging table to `columns` first. */
  async append(key: string, columns: ReadonlyArray<[string, LogicalType]>, rows: Row[]): Promise<void> {
    const d = this.warehouse.dialect;
    let staged = this.tables.get(key);
    if (!staged) {
      staged = { ref: { schema: this.schema, name: `${this.prefix}${this.count++}` }, columns: new Map(columns) };
      await this.warehouse.execute(d.createTable(staged.ref, this.defs(staged.columns)), { signal: this.signal });
      this.tables.set(key, staged);
    } else {
      const ddl: string[] = [];
      for (const [name, type] of columns) {
        const had = staged.columns.get(name);
        if (had === undefined) ddl.push(...d.addColumns(staged.ref, [{ name, type: d.typeFor(type) }]));
        else if (had !== type) ddl.push(d.alterColumnType(staged.ref, name, d.typeFor(type)));
        staged.columns.set(name, type);
      }
      if (ddl.length > 0) await this.warehouse.execute(ddl, { signal: this.signal });
    }
    if (rows.length === 0) return;
    await this.warehouse.bulkLoad(staged.ref, rows, { columns: this.defs(staged.columns), signal: this.signal });
  }

  /**
   * Creates the staging table of `key` from a SELECT whose columns include
   * `columns` (typed as the dialect types them; extra columns are kept but
   * never copied to the target). Returns its reference.
   */
  async createAs(key: string, columns: ReadonlyArray<[string, LogicalType]>, selectSql: string): Promise<TableRef> {
    const ref: TableRef = { schema: this.schema, name: `${this.prefix}${this.count++}` };
    this.tables.set(key, { ref, columns: new Map(columns) });
    await this.warehouse.execute(this.warehouse.dialect.createTableAs(ref, selectSql), { signal: this.signal });
    return ref;
  }

  /** Drops the staging table of `key` (e.g. one that received no rows). */
  async remove(key: string): Promise<void> {
    const staged = this.tables.get(key);
    if (!staged) return;
    this.tables.delete(key);
    await this.warehouse.execute(this.warehouse.dialect.dropRelation(staged.ref, 'table'), { signal: this.signal });
  }

  /** Drop statements for every staging table. */
  dropStatements(): string[] {
    const d = this.warehouse.dialect;
    return [...this.tables.values()].map((t) => d.dropRelation(t.ref, 'table'));
  }

  private defs(columns: Map<string, LogicalType>): ColumnDef[] {
    const d = this.warehouse.dialect;
    return [...columns].map(([name, type]) => ({ name, type: d.typeFor(type) }));
  }
}

/** Staging columns of a table's rows: ids, `_basin_seq` (record ordinal in the batch) and the data columns. */
export function stagingColumns(isChild: boolean, data: Map<string, LogicalType>): Array<[string, LogicalType]> {
  return [
    ['_basin_id', 'text'],
    ...(isChild ? CHILD_SYSTEM_COLUMNS : []),
    ['_basin_seq', 'bigint'],
    ...data,
  ];
}
