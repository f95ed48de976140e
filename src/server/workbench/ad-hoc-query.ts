/**
 * How SQL typed by a token holder runs (POST /api/query: the SQL workbench,
 * `basin query` through a server). It is not project code, so by default it
 * runs read-only and may not read files or the network from the server's
 * host (code EXTERNAL_ACCESS; see `denyExternalAccess` in
 * src/warehouse/warehouse.ts). `basin serve --allow-file-access` lifts the
 * second; `--allow-writes` lifts both (a statement that writes cannot be
 * checked, and one that may write can COPY files anyway). The project's own
 * models, dashboards and analytics run without these limits.
 */
import { BasinError, WarehouseError } from '../../core/errors.js';
import type { QueryBatch, QueryBatchesSummary, QueryResult, Warehouse, WarehouseSession } from '../../warehouse/warehouse.js';

/** What the server was started with, and where unqualified names resolve. */
export interface AdHocQueryOptions {
  allowWrites: boolean;
  allowFileAccess: boolean;
  defaultSchema: string;
  signal?: AbortSignal | undefined;
}

/** Runs one ad-hoc statement text under the server's limits. */
export function adHocQuery(warehouse: Warehouse, sql: string, options: AdHocQueryOptions): Promise<QueryResult> {
  return underServerLimits(warehouse, sql, options, (tx) => tx.query(sql, [], { signal: options.signal }));
}

/**
 * Runs one ad-hoc statement text under the server's limits, handing its rows
 * to `onBatch` as they are read (`Warehouse.queryBatches`): the CSV export.
 * Always read-only, even with `allowWrites` (a download re-runs the statement
 * and must never write); files and the network as `adHocQuery` allows them.
 */
export function adHocQueryBatches(
  warehouse: Warehouse,
  sql: string,
  onBatch: (batch: QueryBatch) => Promise<void> | void,
  options: AdHocQueryOptions,
): Promise<QueryBatchesSummary> {
  const readOnlyLimits = { ...options, allowWrites: false, allowFileAccess: options.allowFileAccess || options.allowWrites };
  return underServerLimits(warehouse, sql, readOnlyLimits, (tx) => tx.queryBatches(sql, [], onBatch, { signal: options.signal }));
}

async function underServerLimits<T>(warehouse: Warehouse, sql: string, options: AdHocQueryOptions, fn: (tx: WarehouseSession) => Promise<T>): Promise<T> {
  const readOnly = !options.allowWrites;
  const denyExternalAccess = readOnly && !options.allowFileAccess;
  try {
    return await warehouse.transaction(fn, {
      readOnly,
      denyExternalAccess,
      defaultSchema: options.defaultSchema,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if (err instanceof BasinError && err.code === 'EXTERNAL_ACCESS') {
      throw new WarehouseError(`${err.message} (start basin serve with --allow-file-access to allow it)`, sql, { code: 'EXTERNAL_ACCESS', cause: err });
    }
    throw err;
  }
}
