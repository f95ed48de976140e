import { ResultReturnType, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnDef, Row } from '../../core/types.js';
import type { QueryResult } from '../warehouse.js';
import { abortedBeforeStart, duckDbError } from './duckdb-errors.js';
import { basinValueConverter, duckDbTypeName, toDuckDbParam } from './duckdb-values.js';

/**
 * Runs one statement (or a parameterless multi-statement script) on `conn`.
 * While it runs, aborting `signal` interrupts the connection.
 */
export async function runOnDuckDb<R extends Row>(
  conn: DuckDBConnection,
  sql: string,
  params: readonly unknown[] = [],
  signal?: AbortSignal,
): Promise<QueryResult<R>> {
  if (signal?.aborted) throw abortedBeforeStart(sql, signal);
  const onAbort = (): void => conn.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const values = params.length > 0 ? params.map(toDuckDbParam) : undefined;
    const reader = await conn.runAndReadAll(sql, values);
    if (reader.returnType === ResultReturnType.CHANGED_ROWS) {
      return { columns: [], rows: [], rowCount: reader.rowsChanged };
    }
    const names = reader.deduplicatedColumnNames();
    // The result's column types keep aliases such as JSON; the chunks' vector types do not.
    const types = reader.columnTypes();
    const columns: ColumnDef[] = names.map((name, i) => ({ name, type: duckDbTypeName(types[i]!) }));
    const rows = reader.getRows().map((values) => {
      const row: Row = {};
      for (let i = 0; i < names.length; i++) {
        row[names[i]!] = basinValueConverter(values[i] ?? null, types[i]!, basinValueConverter);
      }
      return row as R;
    });
    return { columns, rows, rowCount: rows.length };
  } catch (err) {
    throw duckDbError(err, sql, signal);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
