import path from 'node:path';
import type { Logger } from '../../core/logger.js';
import { loadProjectConfig } from '../../config/index.js';
import type { QueryResult, Warehouse } from '../../warehouse/warehouse.js';
import { ServerClient } from '../server-client.js';
import { explainWarehouseLocked, lockingServer } from '../warehouse-locked.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../exit-codes.js';
import { toJson } from '../../core/json-text.js';
import { openWarehouse } from '../open-warehouse.js';
import { formatCsv } from '../csv-output.js';
import { formatTable } from '../table-output.js';

/** Options of `basin query`. */
export interface QueryOptions {
  project?: string | undefined;
  target?: string | undefined;
  json?: boolean | undefined;
  csv?: boolean | undefined;
  limit?: string | undefined;
}

/**
 * Runs one SQL statement against the project's warehouse with the target
 * schema as the default schema. Prints a table, CSV (`--csv`) or a JSON array
 * of row objects (`--json`).
 */
export async function runQuery(sql: string, options: QueryOptions, io: CliIo, logger: Logger): Promise<number> {
  const root = path.resolve(io.cwd, options.project ?? '.');
  const config = await loadProjectConfig(root, { target: options.target, logger, env: io.env });
  let result: QueryResult;
  let warehouse: Warehouse;
  try {
    warehouse = await openWarehouse(config.warehouse, logger);
  } catch (err) {
    // The DuckDB file is held by `basin serve` on this project: ask it (read-only unless it allows writes).
    const server = await lockingServer(err, config.rootDir);
    if (!server) throw await explainWarehouseLocked(err, config.rootDir);
    const remote = await ServerClient.of(server).post<{ columns: QueryResult['columns']; rows: QueryResult['rows']; row_count: number; truncated: boolean }>(
      '/api/query',
      { sql, limit: 100_000 },
    );
    if (remote.truncated) logger.warn(`basin serve returned the first ${remote.rows.length.toLocaleString('en-US')} of ${remote.row_count.toLocaleString('en-US')} rows`);
    return printResult({ columns: remote.columns, rows: remote.rows, rowCount: remote.rows.length }, options, io);
  }
  try {
    result = await warehouse.transaction((session) => session.query(sql), { defaultSchema: config.schema });
  } finally {
    await warehouse.close();
  }
  return printResult(result, options, io);
}

function printResult(result: QueryResult, options: QueryOptions, io: CliIo): number {
  if (options.json) io.stdout.write(`${toJson(result.rows)}\n`);
  else if (options.csv) io.stdout.write(formatCsv(result));
  else io.stdout.write(formatTable(result, options.limit === undefined ? 500 : Number(options.limit)));
  return EXIT_OK;
}
