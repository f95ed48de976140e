import type { TableRef } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';
import { REJECTS_TABLE } from './meta-tables.js';

/**
 * Pure SQL for moving one batch from its staging tables into the stream's
 * tables. Every statement here runs inside the batch's transaction, except
 * the staging preparation (`dedupStagingSql`, `pruneChildStagingSql`).
 */

const T = 'basin_t';
const S = 'basin_s';

/** `INSERT INTO target (cols, _basin_load_id, _basin_loaded_at) SELECT cols, '<load>', '<at>' FROM staging`. */
export function insertFromStagingSql(d: SqlDialect, target: TableRef, staging: TableRef, columns: readonly string[], loadId: string, loadedAt: Date): string {
  const cols = columns.map((c) => d.quoteIdentifier(c));
  return (
    `INSERT INTO ${d.relation(target)} (${[...cols, d.quoteIdentifier('_basin_load_id'), d.quoteIdentifier('_basin_loaded_at')].join(', ')})\n` +
    `SELECT ${[...cols, d.quoteLiteral(loadId), d.quoteLiteral(loadedAt)].join(', ')} FROM ${d.relation(staging)}`
  );
}

function keyMatch(d: SqlDialect, keys: readonly string[], asText = false): string {
  return keys
    .map((k) => {
      const t = `${d.quoteIdentifier(T)}.${d.quoteIdentifier(k)}`;
      return `${asText ? d.cast(t, d.typeFor('text')) : t} = ${d.quoteIdentifier(S)}.${d.quoteIdentifier(k)}`;
    })
    .join(' AND ');
}

/**
 * Keeps one staged row per primary key: the latest by `cursor` (NULLs
 * oldest), then the last staged (`_basin_seq`). Runs on the staging table
 * before the transaction.
 */
export function dedupStagingSql(d: SqlDialect, staging: TableRef, keys: readonly string[], cursor: string | undefined): string {
  const seq = d.quoteIdentifier('_basin_seq');
  const order = [...(cursor ? [`${d.quoteIdentifier(cursor)} DESC NULLS LAST`] : []), `${seq} DESC`].join(', ');
  const partition = keys.map((k) => d.quoteIdentifier(k)).join(', ');
  return (
    `DELETE FROM ${d.relation(staging)} WHERE ${seq} NOT IN (SELECT ${seq} FROM (` +
    `SELECT ${seq}, ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY ${order}) AS ${d.quoteIdentifier('basin_rn')} FROM ${d.relation(staging)}` +
    `) AS ${d.quoteIdentifier('basin_ranked')} WHERE ${d.quoteIdentifier('basin_rn')} = 1)`
  );
}

/** Drops staged child rows whose root record lost the dedup. */
export function pruneChildStagingSql(d: SqlDialect, childStaging: TableRef, rootStaging: TableRef): string {
  const seq = d.quoteIdentifier('_basin_seq');
  return `DELETE FROM ${d.relation(childStaging)} WHERE ${seq} NOT IN (SELECT ${seq} FROM ${d.relation(rootStaging)})`;
}

/**
 * Deletes the child rows of target root rows whose key appears in `keysFrom`
 * (the staged batch for merge, the staged deleted keys for hard deletes,
 * compared as text).
 */
export function deleteChildrenByKeySql(d: SqlDialect, child: TableRef, root: TableRef, keysFrom: TableRef, keys: readonly string[], asText = false): string {
  return (
    `DELETE FROM ${d.relation(child)} WHERE ${d.quoteIdentifier('_basin_root_id')} IN (` +
    `SELECT ${d.quoteIdentifier(T)}.${d.quoteIdentifier('_basin_id')} FROM ${d.relation(root)} AS ${d.quoteIdentifier(T)} ` +
    `WHERE EXISTS (SELECT 1 FROM ${d.relation(keysFrom)} AS ${d.quoteIdentifier(S)} WHERE ${keyMatch(d, keys, asText)}))`
  );
}

/** Deletes target root rows whose key appears in `keysFrom`. */
export function deleteRootByKeySql(d: SqlDialect, root: TableRef, keysFrom: TableRef, keys: readonly string[], asText = false): string {
  return (
    `DELETE FROM ${d.relation(root)} AS ${d.quoteIdentifier(T)} ` +
    `WHERE EXISTS (SELECT 1 FROM ${d.relation(keysFrom)} AS ${d.quoteIdentifier(S)} WHERE ${keyMatch(d, keys, asText)})`
  );
}

/** Copies staged rejects into `_basin_rejects`. */
export function insertRejectsSql(d: SqlDialect, schema: string, staging: TableRef, loadId: string, stream: string, at: Date): string {
  const q = (c: string): string => d.quoteIdentifier(c);
  return (
    `INSERT INTO ${d.relation({ schema, name: REJECTS_TABLE })} (${q('load_id')}, ${q('stream')}, ${q('reason')}, ${q('record')}, ${q('rejected_at')})\n` +
    `SELECT ${d.quoteLiteral(loadId)}, ${d.quoteLiteral(stream)}, ${q('reason')}, ${q('record')}, ${d.quoteLiteral(at)} FROM ${d.relation(staging)}`
  );
}
