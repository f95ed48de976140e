/** The Postgres warehouse: wired by the CLI and server only. */
export { PostgresDialect, type PostgresDialectOptions } from './postgres-dialect.js';
export { createPostgresWarehouse, type PostgresWarehouseConfig, type PostgresWarehouseDeps } from './postgres-warehouse.js';
