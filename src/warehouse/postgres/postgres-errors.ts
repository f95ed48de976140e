import { WarehouseError, errorMessage } from '../../core/errors.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE']);

/** Where a Postgres warehouse connects, for messages. Never includes the password. */
export interface PgEndpoint {
  /** `host:port/database`. */
  where: string;
  /** Scrubbed from any message, should a driver ever echo it. */
  password?: string | undefined;
}

/** True for errors that mean the connection could not be made or was lost. */
export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    // 08: connection exception, 28: invalid authorization, 3D000: unknown database, 57P0x: server shutting down.
    if (/^(08|28)/.test(code) || code === '3D000' || code.startsWith('57P0')) return true;
  }
  const message = errorMessage(err);
  return /Connection terminated|timeout expired|connect ECONN|getaddrinfo/i.test(message);
}

function scrub(message: string, endpoint: PgEndpoint): string {
  return endpoint.password ? message.split(endpoint.password).join('***') : message;
}

/** A connection failure: code WAREHOUSE_CONNECT, naming host:port/db. */
export function pgConnectError(err: unknown, endpoint: PgEndpoint): WarehouseError {
  return new WarehouseError(`could not connect to Postgres at ${endpoint.where}: ${scrub(errorMessage(err), endpoint)}`, undefined, {
    code: 'WAREHOUSE_CONNECT',
    cause: err,
  });
}

/** Wraps a pg error; a cancel caused by `signal` becomes ABORTED, lost connections WAREHOUSE_CONNECT. */
export function pgError(err: unknown, sql: string | undefined, endpoint: PgEndpoint, signal?: AbortSignal): WarehouseError {
  if (err instanceof WarehouseError) return err;
  if (signal?.aborted) return new WarehouseError('query was cancelled', sql, { code: 'ABORTED', cause: err });
  if (isConnectionError(err)) {
    const wrapped = pgConnectError(err, endpoint);
    return new WarehouseError(wrapped.message, sql, { code: 'WAREHOUSE_CONNECT', cause: err });
  }
  const code = (err as { code?: unknown }).code;
  const suffix = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? ` (SQLSTATE ${code})` : '';
  // 25006 read_only_sql_transaction: a write inside a read-only transaction.
  return new WarehouseError(`Postgres: ${scrub(errorMessage(err), endpoint)}${suffix}`, sql, { cause: err, ...(code === '25006' ? { code: 'READ_ONLY' as const } : {}) });
}
