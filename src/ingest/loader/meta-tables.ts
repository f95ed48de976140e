import type { ColumnDef, LogicalType, TableRef } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';

/** One row per (load, stream): status running|succeeded|failed, counts, timings. */
export const LOADS_TABLE = '_basin_loads';
/** One row per stream: its committed state (cursor) as JSON. */
export const STATE_TABLE = '_basin_state';
/** Records that could not be loaded, with the reason and the raw record. */
export const REJECTS_TABLE = '_basin_rejects';

const META_COLUMNS: Record<string, ReadonlyArray<[string, LogicalType]>> = {
  [LOADS_TABLE]: [
    ['load_id', 'text'],
    ['stream', 'text'],
    ['status', 'text'],
    ['rows', 'bigint'],
    ['child_rows', 'bigint'],
    ['rejected', 'bigint'],
    ['deleted', 'bigint'],
    ['batches', 'bigint'],
    ['started_at', 'timestamptz'],
    ['finished_at', 'timestamptz'],
    ['error', 'text'],
  ],
  [STATE_TABLE]: [
    ['stream', 'text'],
    ['state', 'json'],
    ['load_id', 'text'],
    ['updated_at', 'timestamptz'],
  ],
  [REJECTS_TABLE]: [
    ['load_id', 'text'],
    ['stream', 'text'],
    ['reason', 'text'],
    ['record', 'text'],
    ['rejected_at', 'timestamptz'],
  ],
};

/** The `_basin_state` key of the state a replace run has committed but not yet swapped in. */
export function pendingStateKey(stream: string): string {
  return `${stream}#replace`;
}

/**
 * The `_basin_state` key of a replace run's table names (physical -> logical):
 * a long child table's `_basin_new_` name is hashed and cannot be read back.
 */
export function replaceTablesKey(stream: string): string {
  return `${stream}#replace_tables`;
}

/** `CREATE TABLE IF NOT EXISTS` for the three meta tables (state keyed by stream). */
export function metaTableStatements(d: SqlDialect, schema: string): string[] {
  return Object.entries(META_COLUMNS).map(([name, cols]) => {
    const columns: ColumnDef[] = cols.map(([n, t]) => ({ name: n, type: d.typeFor(t), nullable: !(n === 'stream' || n === 'load_id') }));
    const create = d.createTable({ schema, name }, columns).replace(/^CREATE TABLE /, 'CREATE TABLE IF NOT EXISTS ');
    return name === STATE_TABLE ? create.replace(/\n\)$/, `,\n  PRIMARY KEY (${d.quoteIdentifier('stream')})\n)`) : create;
  });
}

/** Statements and parameters that write a stream's state (delete + insert, inside the batch's transaction). */
export function writeStateStatements(d: SqlDialect, schema: string, key: string, state: unknown, loadId: string, at: Date): Array<[string, unknown[]]> {
  const table = d.relation({ schema, name: STATE_TABLE });
  const q = (c: string): string => d.quoteIdentifier(c);
  return [
    [`DELETE FROM ${table} WHERE ${q('stream')} = ${d.param(1)}`, [key]],
    [
      `INSERT INTO ${table} (${q('stream')}, ${q('state')}, ${q('load_id')}, ${q('updated_at')}) VALUES (${d.param(1)}, ${d.cast(d.param(2), d.typeFor('json'))}, ${d.param(3)}, ${d.param(4)})`,
      [key, state === null || state === undefined ? null : JSON.stringify(state), loadId, at],
    ],
  ];
}

/** Per-batch totals added to the load's `_basin_loads` row. */
export interface LoadCounts {
  rows: number;
  childRows: number;
  rejected: number;
  deleted: number;
}

/** Adds one batch's counts to the load's row. */
export function addBatchCountsSql(d: SqlDialect, schema: string, loadId: string, stream: string, counts: LoadCounts): string {
  const q = (c: string): string => d.quoteIdentifier(c);
  const inc = (c: string, n: number): string => `${q(c)} = ${q(c)} + ${n}`;
  return (
    `UPDATE ${d.relation({ schema, name: LOADS_TABLE })} SET ${inc('rows', counts.rows)}, ${inc('child_rows', counts.childRows)}, ` +
    `${inc('rejected', counts.rejected)}, ${inc('deleted', counts.deleted)}, ${inc('batches', 1)} ` +
    `WHERE ${q('load_id')} = ${d.quoteLiteral(loadId)} AND ${q('stream')} = ${d.quoteLiteral(stream)}`
  );
}

/** Inserts the `running` row of a new load. */
export function startLoadSql(d: SqlDialect, schema: string): string {
  const cols = ['load_id', 'stream', 'status', 'rows', 'child_rows', 'rejected', 'deleted', 'batches', 'started_at'];
  return (
    `INSERT INTO ${d.relation({ schema, name: LOADS_TABLE })} (${cols.map((c) => d.quoteIdentifier(c)).join(', ')}) ` +
    `VALUES (${d.param(1)}, ${d.param(2)}, 'running', 0, 0, 0, 0, 0, ${d.param(3)})`
  );
}

/** Marks loads of `stream` left `running` by a process that died as failed. */
export function failInterruptedLoadsSql(d: SqlDialect, schema: string): string {
  const q = (c: string): string => d.quoteIdentifier(c);
  return (
    `UPDATE ${d.relation({ schema, name: LOADS_TABLE })} SET ${q('status')} = 'failed', ${q('finished_at')} = ${d.param(2)}, ` +
    `${q('error')} = 'interrupted: the process ended before the load finished' WHERE ${q('stream')} = ${d.param(1)} AND ${q('status')} = 'running'`
  );
}

/** Sets the final status of a load. */
export function finishLoadSql(d: SqlDialect, schema: string): string {
  const q = (c: string): string => d.quoteIdentifier(c);
  return (
    `UPDATE ${d.relation({ schema, name: LOADS_TABLE })} SET ${q('status')} = ${d.param(3)}, ${q('finished_at')} = ${d.param(4)}, ${q('error')} = ${d.param(5)} ` +
    `WHERE ${q('load_id')} = ${d.param(1)} AND ${q('stream')} = ${d.param(2)}`
  );
}

/** The meta table reference. */
export function metaRef(schema: string, name: string): TableRef {
  return { schema, name };
}
