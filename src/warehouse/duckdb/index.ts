/** The DuckDB warehouse: wired by the CLI and server only. */
export { DuckDbDialect } from './duckdb-dialect.js';
export { createDuckDbWarehouse, type DuckDbWarehouseConfig, type DuckDbWarehouseDeps } from './duckdb-warehouse.js';
