/**
 * Pure SQL of the workbench's schema listing: every column of every table and
 * view of the current database (information_schema, which DuckDB and Postgres
 * share), with the relation's type, system schemas left out, in ordinal order.
 */

/** Schemas that belong to the warehouse itself, never listed. */
const SYSTEM_SCHEMAS = ['information_schema', 'pg_catalog', 'pg_toast'];

/** Columns `table_schema`, `table_name`, `table_type`, `column_name`, `data_type`. */
export function warehouseColumnsSql(): string {
  const system = SYSTEM_SCHEMAS.map((s) => `'${s}'`).join(', ');
  return [
    'select c.table_schema, c.table_name, t.table_type, c.column_name, c.data_type',
    'from information_schema.columns c',
    'join information_schema.tables t',
    '  on t.table_catalog = c.table_catalog and t.table_schema = c.table_schema and t.table_name = c.table_name',
    `where c.table_catalog = current_database() and c.table_schema not in (${system}) and substr(c.table_schema, 1, 3) <> 'pg_'`,
    'order by c.table_schema, c.table_name, c.ordinal_position',
  ].join('\n');
}
