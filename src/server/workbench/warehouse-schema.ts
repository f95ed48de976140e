/**
 * Reads the warehouse's schemas, tables (with their kind) and columns with
 * types in one read-only transaction, for the SQL workbench's completion.
 * Basin's own bookkeeping relations (`_basin*`) are left out; names and types
 * only, never data or connection settings.
 */
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { SchemaJson, SchemaRelationJson, WarehouseSchemaJson } from './schema-json.js';
import { warehouseColumnsSql } from './schema-sql.js';

/** The relation kind of an information_schema `table_type`. */
function kindOf(tableType: string): 'table' | 'view' {
  return tableType.toUpperCase().includes('VIEW') ? 'view' : 'table';
}

/** Shapes information_schema rows (ordered by schema, table, position) into schemas, relations and columns. */
export function shapeWarehouseSchema(rows: ReadonlyArray<Record<string, unknown>>): SchemaJson[] {
  const schemas = new Map<string, Map<string, SchemaRelationJson>>();
  for (const r of rows) {
    const schema = String(r['table_schema']);
    const name = String(r['table_name']);
    if (name.startsWith('_basin')) continue;
    let relations = schemas.get(schema);
    if (!relations) schemas.set(schema, (relations = new Map()));
    let relation = relations.get(name);
    if (!relation) relations.set(name, (relation = { name, kind: kindOf(String(r['table_type'])), columns: [] }));
    relation.columns.push({ name: String(r['column_name']), type: String(r['data_type']) });
  }
  return [...schemas]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, relations]) => ({ name, relations: [...relations.values()].sort((a, b) => a.name.localeCompare(b.name)) }));
}

/** The warehouse's schema listing; throws the warehouse's error when it does not answer. */
export async function readWarehouseSchema(warehouse: Warehouse, defaultSchema: string, signal?: AbortSignal): Promise<WarehouseSchemaJson> {
  const { rows } = await warehouse.transaction((tx) => tx.query(warehouseColumnsSql(), [], { signal }), { readOnly: true, signal });
  return { warehouse: warehouse.dialect.name, default_schema: defaultSchema, schemas: shapeWarehouseSchema(rows) };
}
