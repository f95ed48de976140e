/**
 * Reads the catalog's warehouse facts in one read-only transaction: which
 * relations exist in some schemas, their columns and types, and the row
 * counts of their base tables (views are not counted: that would run them).
 */
import type { ColumnDef, TableRef } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { columnsSql, relationsSql, rowCountsSql } from './warehouse-stats-sql.js';

/** What the warehouse knows of the relations of some schemas, by `schema.name` lowercased. */
export interface WarehouseStats {
  kinds: Map<string, 'table' | 'view'>;
  columns: Map<string, ColumnDef[]>;
  rowCounts: Map<string, number>;
}

/** The key of a relation in WarehouseStats. */
export function statsKey(schema: string, name: string): string {
  return `${schema}.${name}`.toLowerCase();
}

const COUNT_CHUNK = 200;

/** Reads the stats of `schemas`; throws a WarehouseError when the warehouse refuses. */
export async function readWarehouseStats(warehouse: Warehouse, schemas: readonly string[], signal?: AbortSignal): Promise<WarehouseStats> {
  const stats: WarehouseStats = { kinds: new Map(), columns: new Map(), rowCounts: new Map() };
  if (schemas.length === 0) return stats;
  const d = warehouse.dialect;
  await warehouse.transaction(
    async (tx) => {
      const tables: TableRef[] = [];
      for (const r of (await tx.query(relationsSql(d, schemas), [], { signal })).rows) {
        const [schema, name] = [String(r['table_schema']), String(r['table_name'])];
        const isView = String(r['table_type']).toUpperCase().includes('VIEW');
        stats.kinds.set(statsKey(schema, name), isView ? 'view' : 'table');
        if (!isView) tables.push({ schema, name });
      }
      for (const r of (await tx.query(columnsSql(d, schemas), [], { signal })).rows) {
        const key = statsKey(String(r['table_schema']), String(r['table_name']));
        const list = stats.columns.get(key) ?? [];
        list.push({ name: String(r['column_name']), type: String(r['data_type']) });
        stats.columns.set(key, list);
      }
      for (let i = 0; i < tables.length; i += COUNT_CHUNK) {
        const { rows } = await tx.query(rowCountsSql(d, tables.slice(i, i + COUNT_CHUNK)), [], { signal });
        for (const r of rows) stats.rowCounts.set(statsKey(String(r['s']), String(r['t'])), Number(r['n']));
      }
    },
    { readOnly: true, signal },
  );
  return stats;
}
