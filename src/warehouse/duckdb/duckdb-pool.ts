import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { WarehouseError } from '../../core/errors.js';

interface Waiter {
  resolve(conn: DuckDBConnection): void;
  reject(err: unknown): void;
}

/**
 * A fixed-size pool of connections to one DuckDB instance. Connections are
 * opened lazily; `acquire` waits (abortably) when all are busy.
 */
export class DuckDbPool {
  private readonly idle: DuckDBConnection[] = [];
  private readonly all: DuckDBConnection[] = [];
  private readonly waiters: Waiter[] = [];
  private opening = 0;
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    readonly size: number,
  ) {}

  /** Borrows a connection; give it back with `release`. */
  async acquire(signal?: AbortSignal): Promise<DuckDBConnection> {
    if (this.closed) throw new WarehouseError('DuckDB warehouse is closed');
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.all.length + this.opening < this.size) {
      this.opening++;
      try {
        const conn = await this.instance.connect();
        this.all.push(conn);
        return conn;
      } finally {
        this.opening--;
      }
    }
    return new Promise<DuckDBConnection>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (conn) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(conn);
        },
        reject: (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
      };
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new WarehouseError('cancelled while waiting for a DuckDB connection', undefined, { code: 'ABORTED', cause: signal?.reason }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Returns a borrowed connection (disconnecting it when the pool has closed meanwhile). */
  release(conn: DuckDBConnection): void {
    if (this.closed) {
      conn.disconnectSync();
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(conn);
    else this.idle.push(conn);
  }

  /** Runs `fn` with a borrowed connection. */
  async use<T>(fn: (conn: DuckDBConnection) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const conn = await this.acquire(signal);
    try {
      return await fn(conn);
    } finally {
      this.release(conn);
    }
  }

  /**
   * Disconnects idle connections, interrupts busy ones (they disconnect when
   * released) and fails pending waiters. Idempotent.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.reject(new WarehouseError('DuckDB warehouse is closed'));
    const idle = new Set(this.idle.splice(0));
    for (const conn of this.all.splice(0)) {
      if (idle.has(conn)) conn.disconnectSync();
      else conn.interrupt();
    }
  }
}
