import type { SqlDialect } from '../../warehouse/dialect.js';
import type { SyncTables } from './sync-diff-spec.js';

/**
 * Creates the state schema and the sync's state table when missing. One row
 * per key ever attempted:
 * - `key`: the encoded key (see `keyExpression`);
 * - `delivered_hash`, `delivered_at`: the payload hash last delivered
 *   successfully and when (NULL if never);
 * - `failed_hash`, `error`, `attempts`: the payload hash and error of the last
 *   failed attempt, and the number of failed attempts since the last success
 *   (0 when nothing is pending);
 * - `updated_at`, `run_id`: the last outcome recorded for the key.
 */
export function createStateSql(dialect: SqlDialect, tables: SyncTables): string[] {
  const text = dialect.typeFor('text');
  const ts = dialect.typeFor('timestamptz');
  const q = (name: string): string => dialect.quoteIdentifier(name);
  return [
    dialect.createSchema(tables.state.schema),
    `CREATE TABLE IF NOT EXISTS ${dialect.relation(tables.state)} (\n` +
      `  ${q('key')} ${text} PRIMARY KEY,\n` +
      `  ${q('delivered_hash')} ${text},\n` +
      `  ${q('delivered_at')} ${ts},\n` +
      `  ${q('failed_hash')} ${text},\n` +
      `  ${q('error')} ${text},\n` +
      `  ${q('attempts')} ${dialect.typeFor('integer')} NOT NULL DEFAULT 0,\n` +
      `  ${q('updated_at')} ${ts} NOT NULL,\n` +
      `  ${q('run_id')} ${text}\n` +
      `)`,
  ];
}
