import path from 'node:path';
import type { Logger } from '../../core/logger.js';
import { loadProjectConfig } from '../../config/index.js';
import type { QueryResult } from '../../warehouse/warehouse.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../exit-codes.js';
import { toJson } from '../json-output.js';
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
  const warehouse = await openWarehouse(config.warehouse, logger);
  let result: QueryResult;
  try {
    result = await warehouse.transaction(async (session) => {
      await session.execute(`set search_path = ${warehouse.dialect.quoteLiteral(config.schema)}`);
      return session.query(sql);
    });
  } finally {
    await warehouse.close();
  }
  if (options.json) io.stdout.write(`${toJson(result.rows)}\n`);
  else if (options.csv) io.stdout.write(formatCsv(result));
  else io.stdout.write(formatTable(result, options.limit === undefined ? 500 : Number(options.limit)));
  return EXIT_OK;
}
