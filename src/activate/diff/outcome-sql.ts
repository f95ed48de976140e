import type { TableRef } from '../../core/types.js';
import type { ColumnDef } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';
import type { SyncTables } from './sync-diff-spec.js';

/** Columns of an outcome staging table, in load order. */
export function outcomeColumns(dialect: SqlDialect): ColumnDef[] {
  const text = dialect.typeFor('text');
  return [
    { name: 'key', type: text },
    { name: 'op', type: text },
    { name: 'payload_hash', type: text },
    { name: 'succeeded', type: dialect.typeFor('boolean') },
    { name: 'error', type: text },
  ];
}

/** The staging table's DDL (replacing a leftover of a crashed call). */
export function createOutcomeStagingSql(dialect: SqlDialect, staging: TableRef): string[] {
  return [dialect.dropRelation(staging, 'table'), dialect.createTable(staging, outcomeColumns(dialect))];
}

/**
 * Applies a staged batch of outcomes to the state table, set-based, to run in
 * one transaction. The staging table holds at most one row per key.
 * - remove + succeeded: the state row is deleted;
 * - add/change + succeeded: `delivered_hash` = the hash, failure cleared, `attempts` = 0;
 * - failed (any op): `failed_hash`, `error` set, `attempts` + 1, `delivered_hash` kept;
 * - keys without a state row get one (removes excepted).
 */
export function applyOutcomesSql(dialect: SqlDialect, tables: SyncTables, staging: TableRef, runId: string): string[] {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  const state = dialect.relation(tables.state);
  const stg = dialect.relation(staging);
  const now = dialect.currentTimestamp();
  const run = dialect.quoteLiteral(runId);
  const o = (col: string): string => `${q('basin_out')}.${q(col)}`;
  const s = (col: string): string => `${q('basin_state')}.${q(col)}`;
  const isRemove = `${o('op')} = 'remove'`;
  return [
    `DELETE FROM ${state}\n` +
      `WHERE EXISTS (SELECT 1 FROM ${stg} AS ${q('basin_out')} WHERE ${o('key')} = ${state}.${q('key')} AND ${o('succeeded')} AND ${isRemove})`,
    `UPDATE ${state} AS ${q('basin_state')}\n` +
      `SET ${q('delivered_hash')} = ${o('payload_hash')}, ${q('delivered_at')} = ${now}, ${q('failed_hash')} = NULL, ${q('error')} = NULL, ` +
      `${q('attempts')} = 0, ${q('updated_at')} = ${now}, ${q('run_id')} = ${run}\n` +
      `FROM ${stg} AS ${q('basin_out')}\n` +
      `WHERE ${o('key')} = ${s('key')} AND ${o('succeeded')} AND NOT (${isRemove})`,
    `UPDATE ${state} AS ${q('basin_state')}\n` +
      `SET ${q('failed_hash')} = ${o('payload_hash')}, ${q('error')} = ${o('error')}, ${q('attempts')} = ${s('attempts')} + 1, ` +
      `${q('updated_at')} = ${now}, ${q('run_id')} = ${run}\n` +
      `FROM ${stg} AS ${q('basin_out')}\n` +
      `WHERE ${o('key')} = ${s('key')} AND NOT ${o('succeeded')}`,
    `INSERT INTO ${state} (${['key', 'delivered_hash', 'delivered_at', 'failed_hash', 'error', 'attempts', 'updated_at', 'run_id'].map(q).join(', ')})\n` +
      `SELECT ${o('key')},\n` +
      `  CASE WHEN ${o('succeeded')} THEN ${o('payload_hash')} END,\n` +
      `  CASE WHEN ${o('succeeded')} THEN ${now} END,\n` +
      `  CASE WHEN ${o('succeeded')} THEN NULL ELSE ${o('payload_hash')} END,\n` +
      `  CASE WHEN ${o('succeeded')} THEN NULL ELSE ${o('error')} END,\n` +
      `  CASE WHEN ${o('succeeded')} THEN 0 ELSE 1 END,\n` +
      `  ${now}, ${run}\n` +
      `FROM ${stg} AS ${q('basin_out')}\n` +
      `WHERE NOT (${isRemove}) AND NOT EXISTS (SELECT 1 FROM ${state} AS ${q('basin_state')} WHERE ${s('key')} = ${o('key')})`,
  ];
}
