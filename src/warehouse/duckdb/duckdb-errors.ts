import { WarehouseError, errorMessage } from '../../core/errors.js';

/** Wraps a DuckDB driver error; an interrupt caused by `signal` becomes ABORTED. */
export function duckDbError(err: unknown, sql: string | undefined, signal?: AbortSignal): WarehouseError {
  if (err instanceof WarehouseError) return err;
  const message = errorMessage(err);
  if (signal?.aborted || message.startsWith('INTERRUPT Error')) {
    return new WarehouseError('query was cancelled', sql, { code: 'ABORTED', cause: err });
  }
  return new WarehouseError(`DuckDB: ${message}`, sql, { cause: err });
}

/** The ABORTED error for a signal that fired before a statement started. */
export function abortedBeforeStart(sql: string | undefined, signal: AbortSignal): WarehouseError {
  return new WarehouseError('query was cancelled before it started', sql, { code: 'ABORTED', cause: signal.reason });
}
