import type { SqlDialect } from '../../warehouse/dialect.js';
import { PLAN_COLUMNS } from './plan-sql.js';
import type { SyncTables } from './sync-diff-spec.js';

/**
 * One page of the plan for one op, by keyset on `_basin_seq`: parameters
 * `$1` the op, `$2` the last `_basin_seq` read (0 to start).
 */
export function planPageSql(dialect: SqlDialect, tables: SyncTables, fields: readonly string[], limit: number): string {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  const c = PLAN_COLUMNS;
  const seq = q(c.seq);
  const columns = [c.seq, c.op, c.key, c.hash, ...fields].map(q).join(', ');
  return (
    `SELECT ${columns}\nFROM ${dialect.relation(tables.plan)}\n` +
    `WHERE ${q(c.op)} = ${dialect.param(1)} AND ${seq} > ${dialect.cast(dialect.param(2), dialect.typeFor('bigint'))}\n` +
    `ORDER BY ${seq}\nLIMIT ${Math.trunc(limit)}`
  );
}
