/**
 * Opens pg clients for reading: UTC session, read-only, Basin's value parsers,
 * errors that never carry the password.
 */
import pg from 'pg';
import { databaseError } from '../sql/database-error.js';
import { postgresTarget, type PostgresConfig } from './postgres-config.js';
import { sourceTypes } from './postgres-values.js';

/** Connects one client; rejects with a WAREHOUSE_CONNECT BasinError naming host:port/db. */
export async function connectPostgres(config: PostgresConfig, signal?: AbortSignal): Promise<pg.Client> {
  const ssl =
    config.ssl === undefined || config.ssl === false
      ? undefined
      : config.ssl === true
        ? { rejectUnauthorized: true }
        : { rejectUnauthorized: config.ssl.reject_unauthorized ?? true, ca: config.ssl.ca };
  const client = new pg.Client({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    ssl,
    types: sourceTypes,
    application_name: 'basin',
    connectionTimeoutMillis: config.connect_timeout_ms,
    options: '-c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=iso_8601 -c extra_float_digits=1',
  });
  client.on('error', () => undefined);
  const onAbort = (): void => void client.end().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    return client;
  } catch (err) {
    throw databaseError('connect', `postgres at ${postgresTarget(config)}`, err, config.password);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
