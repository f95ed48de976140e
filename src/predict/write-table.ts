import type { ColumnDef, Row, TableRef } from '../core/types.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/** A table to write: its name, columns (native types) and rows keyed by column name. */
export interface OutputTable {
  ref: TableRef;
  columns: ColumnDef[];
  rows: readonly Row[];
}

/** The name a table is built under before it replaces the old one. */
export const stagingRef = (ref: TableRef, suffix: string): TableRef => ({ ...ref, name: `${ref.name}__basin_${suffix}` });

/**
 * Writes `table` in place of whatever relation has its name: the rows go
 * into a new table by the warehouse's bulk path (appender / COPY), which
 * then replaces the old relation in one transaction where DDL is
 * transactional, so readers see the old or the new table, never a half.
 * Returns the number of rows written.
 */
export async function replaceTable(warehouse: Warehouse, table: OutputTable, signal?: AbortSignal): Promise<number> {
  const d = warehouse.dialect;
  const options = signal ? { signal } : {};
  const building = stagingRef(table.ref, 'new');
  await warehouse.execute([d.dropRelation(building, 'table'), d.createTable(building, table.columns)], options);
  try {
    const count = await warehouse.bulkLoad(building, table.rows, { columns: table.columns, ...options });
    const existing = await warehouse.getRelation(table.ref, options);
    const swap = [...(existing ? [d.dropRelation(table.ref, existing.kind)] : []), d.renameRelation(building, table.ref.name, 'table')];
    if (warehouse.capabilities.transactionalDdl) await warehouse.transaction((s) => s.execute(swap, options), options);
    else await warehouse.execute(swap, options);
    return count;
  } catch (err) {
    await warehouse.execute(d.dropRelation(building, 'table')).catch(() => undefined);
    throw err;
  }
}
