import { WarehouseError, errorMessage } from '../../core/errors.js';

/** Wraps a DuckDB driver error; an interrupt caused by `signal` becomes ABORTED. */
export function duckDbError(err: unknown, sql: string | undefined, signal?: AbortSignal): WarehouseError {
  if (err instanceof WarehouseError) return err;
  const message = errorMessage(err);
  if (signal?.aborted || message.startsWith('INTERRUPT Error')) {
    return new WarehouseError('query was cancelled', sql, { code: 'ABORTED', cause: err });
  }
  const readOnly = /transaction is launched in read-only mode|Cannot execute statement of type .* in read-only mode/.test(message);
  return new WarehouseError(`DuckDB: ${message}`, sql, { cause: err, ...(readOnly ? { code: 'READ_ONLY' as const } : {}) });
}

/** The ABORTED error for a signal that fired before a statement started. */
export function abortedBeforeStart(sql: string | undefined, signal: AbortSignal): WarehouseError {
  return new WarehouseError('query was cancelled before it started', sql, { code: 'ABORTED', cause: signal.reason });
}

/**
 * The error of a database file another process holds ("Could not set lock on
 * file ...: Conflicting lock is held in <program> (PID n)"), as
 * WAREHOUSE_LOCKED naming the holder; undefined for any other error.
 */
export function duckDbLockError(err: unknown, path: string): WarehouseError | undefined {
  const message = errorMessage(err);
  if (!/Could not set lock on file/.test(message)) return undefined;
  const holder = /Conflicting lock is held in (.+?) \(PID (\d+)\)/.exec(message);
  const who = holder ? `process ${holder[2]} (${holder[1]})` : 'another process';
  return new WarehouseError(`the DuckDB database ${path} is open in ${who}; DuckDB lets one process at a time open a database file`, undefined, {
    code: 'WAREHOUSE_LOCKED',
    cause: err,
  });
}
