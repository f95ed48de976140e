import type { Logger } from '../core/logger.js';
import type { WarehouseConfig } from '../config/index.js';
import type { SqlDialect } from '../warehouse/dialect.js';
import { DuckDbDialect } from '../warehouse/duckdb/duckdb-dialect.js';
import { PostgresDialect } from '../warehouse/postgres/postgres-dialect.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/**
 * Opens the project's warehouse. The only place that picks a concrete adapter
 * for the CLI. Drivers are imported on demand, so a DuckDB project never loads
 * pg and a Postgres project never loads DuckDB's native library.
 */
export async function openWarehouse(config: WarehouseConfig, logger: Logger): Promise<Warehouse> {
  switch (config.type) {
    case 'duckdb': {
      const { createDuckDbWarehouse } = await import('../warehouse/duckdb/duckdb-warehouse.js');
      return createDuckDbWarehouse(
        { path: config.path, ...(config.threads === undefined ? {} : { threads: config.threads }) },
        { logger },
      );
    }
    case 'postgres': {
      const { createPostgresWarehouse } = await import('../warehouse/postgres/postgres-warehouse.js');
      return createPostgresWarehouse(
        {
          host: config.host,
          port: config.port,
          user: config.user,
          database: config.database,
          ...(config.password === undefined ? {} : { password: config.password }),
          ...(config.ssl === undefined ? {} : { ssl: config.ssl }),
          ...(config.poolSize === undefined ? {} : { poolSize: config.poolSize }),
          applicationName: 'basin',
        },
        { logger },
      );
    }
  }
}

/** The SQL dialect of a configured warehouse, without connecting (for commands that only parse). */
export function dialectFor(config: WarehouseConfig): SqlDialect {
  return config.type === 'duckdb' ? new DuckDbDialect() : new PostgresDialect();
}
