import { WarehouseError } from '../../core/errors.js';
import type { Row } from '../../core/types.js';
import type { BatchHandler, QueryBatchesSummary, QueryOptions, QueryResult } from '../warehouse.js';
import { checkPostgresExternalAccess } from './postgres-external-access.js';
import { PgSession } from './postgres-session.js';

/**
 * A Postgres session for SQL from outside the project: every statement text
 * is checked (`postgres-external-access.ts`) before it is sent, and refused
 * with code EXTERNAL_ACCESS when it could read server files, run programs or
 * connect elsewhere.
 */
export class ExternalAccessGuardedPgSession extends PgSession {
  override query<R extends Row = Row>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
    const refused = checkPostgresExternalAccess(sql);
    if (refused) return Promise.reject(refusal(refused, sql));
    return super.query<R>(sql, params, options);
  }

  override queryBatches<R extends Row = Row>(sql: string, params: readonly unknown[], onBatch: BatchHandler<R>, options: QueryOptions = {}): Promise<QueryBatchesSummary> {
    const refused = checkPostgresExternalAccess(sql);
    if (refused) return Promise.reject(refusal(refused, sql));
    return super.queryBatches<R>(sql, params, onBatch, options);
  }

  override execute(statements: string | readonly string[], options: QueryOptions = {}): Promise<void> {
    for (const sql of typeof statements === 'string' ? [statements] : statements) {
      const refused = checkPostgresExternalAccess(sql);
      if (refused) return Promise.reject(refusal(refused, sql));
    }
    return super.execute(statements, options);
  }
}

function refusal(reason: string, sql: string): WarehouseError {
  return new WarehouseError(`this query may not read server files or reach other servers: ${reason}`, sql, { code: 'EXTERNAL_ACCESS' });
}
