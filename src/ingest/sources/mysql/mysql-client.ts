/**
 * Opens mysql2 connections for reading: UTC session, raw date strings
 * (converted by mysql-values.ts), big numbers as strings beyond 2^53,
 * errors that never carry the password.
 */
import mysql from 'mysql2';
import type { Connection, FieldPacket } from 'mysql2';
import { databaseError } from '../sql/database-error.js';
import { mysqlTarget, type MysqlConfig } from './mysql-config.js';

/** Connects; rejects with a WAREHOUSE_CONNECT BasinError naming host:port/db. */
export async function connectMysql(config: MysqlConfig, signal?: AbortSignal): Promise<Connection> {
  const ssl =
    config.ssl === undefined || config.ssl === false
      ? undefined
      : config.ssl === true
        ? { rejectUnauthorized: true }
        : { rejectUnauthorized: config.ssl.reject_unauthorized ?? true, ...(config.ssl.ca ? { ca: config.ssl.ca } : {}) };
  const conn = mysql.createConnection({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    ssl,
    connectTimeout: config.connect_timeout_ms,
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: false,
    multipleStatements: false,
  });
  conn.on('error', () => undefined);
  const onAbort = (): void => conn.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await new Promise<void>((resolve, reject) => conn.connect((err) => (err ? reject(err) : resolve())));
    await mysqlQuery(conn, "SET time_zone = '+00:00'");
    return conn;
  } catch (err) {
    conn.destroy();
    throw databaseError('connect', `mysql at ${mysqlTarget(config)}`, err, config.password);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Runs one statement and returns its rows and fields. */
export function mysqlQuery<R = Record<string, unknown>>(
  conn: Connection,
  sql: string,
  values: unknown[] = [],
): Promise<{ rows: R[]; fields: FieldPacket[] }> {
  return new Promise((resolve, reject) => {
    conn.query(sql, values, (err, rows, fields) => {
      if (err) reject(err);
      else resolve({ rows: (Array.isArray(rows) ? rows : []) as R[], fields: fields ?? [] });
    });
  });
}
