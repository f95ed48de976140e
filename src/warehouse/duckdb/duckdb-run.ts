import { ResultReturnType, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { ColumnDef, Row } from '../../core/types.js';
import type { BatchHandler, QueryBatchesSummary, QueryResult } from '../warehouse.js';
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
    const shape = resultShape(reader);
    const rows = shape.rows<R>(reader.getRows());
    return { columns: shape.columns, rows, rowCount: rows.length };
  } catch (err) {
    throw duckDbError(err, sql, signal);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Runs one statement on `conn` as a streaming result and hands each of its
 * chunks to `onBatch`, reading the next chunk only once `onBatch` resolved.
 */
export async function streamOnDuckDb<R extends Row>(conn: DuckDBConnection, sql: string, params: readonly unknown[], onBatch: BatchHandler<R>, signal?: AbortSignal): Promise<QueryBatchesSummary> {
  if (signal?.aborted) throw abortedBeforeStart(sql, signal);
  const onAbort = (): void => conn.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  let inConsumer = false;
  try {
    const values = params.length > 0 ? params.map(toDuckDbParam) : undefined;
    const result = await conn.stream(sql, values);
    if (result.returnType === ResultReturnType.CHANGED_ROWS) {
      inConsumer = true;
      await onBatch({ columns: [], rows: [] });
      return { columns: [], rowCount: result.rowsChanged };
    }
    const shape = resultShape(result);
    let rowCount = 0;
    let handed = false;
    for (;;) {
      const chunk = await result.fetchChunk();
      // An interrupted streaming result ends as if it had no more rows.
      if (signal?.aborted) throw duckDbError(signal.reason, sql, signal);
      if (!chunk || chunk.rowCount === 0) break;
      const rows = shape.rows<R>(chunk.getRows());
      rowCount += rows.length;
      handed = true;
      inConsumer = true;
      await onBatch({ columns: shape.columns, rows });
      inConsumer = false;
    }
    if (!handed) {
      inConsumer = true;
      await onBatch({ columns: shape.columns, rows: [] });
    }
    return { columns: shape.columns, rowCount };
  } catch (err) {
    // The consumer's own error passes through as it is.
    if (inConsumer) throw err;
    throw duckDbError(err, sql, signal);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

interface ResultColumns {
  deduplicatedColumnNames(): string[];
  columnTypes(): DuckDBType[];
}

/** The result's columns, and how its raw rows become Basin rows. */
function resultShape(result: ResultColumns): { columns: ColumnDef[]; rows<R extends Row>(raw: DuckDBValue[][]): R[] } {
  const names = result.deduplicatedColumnNames();
  // The result's column types keep aliases such as JSON; the chunks' vector types do not.
  const types = result.columnTypes();
  const columns: ColumnDef[] = names.map((name, i) => ({ name, type: duckDbTypeName(types[i]!) }));
  return {
    columns,
    rows: <R extends Row>(raw: DuckDBValue[][]): R[] =>
      raw.map((values) => {
        const row: Row = {};
        for (let i = 0; i < names.length; i++) row[names[i]!] = basinValueConverter(values[i] ?? null, types[i]!, basinValueConverter);
        return row as R;
      }),
  };
}
