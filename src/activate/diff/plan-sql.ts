import type { SqlDialect } from '../../warehouse/dialect.js';
import { keyExpression, payloadHashExpression, payloadSelectList, sourceFrom } from './row-encoding-sql.js';
import type { SyncDiffSpec, SyncTables } from './sync-diff-spec.js';

/** Columns of the plan table besides the payload fields (which keep their mapped names). */
export const PLAN_COLUMNS = {
  seq: '_basin_seq',
  op: '_basin_op',
  key: '_basin_key',
  hash: '_basin_hash',
} as const;

/**
 * Replaces the rejects table: every source row whose key is NULL (any key
 * column NULL) or shared with another row, as `key` (NULL for null keys),
 * `reason` (`null_key` | `duplicate_key`) and `row` (the whole source row as JSON).
 */
export function rejectsSql(dialect: SqlDialect, spec: SyncDiffSpec, tables: SyncTables): string[] {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  const key = keyExpression(dialect, spec.key);
  const from = sourceFrom(dialect, spec.source);
  const select =
    `WITH ${q('basin_dups')} AS (\n` +
    `  SELECT ${key} AS ${q('key')}\n` +
    `  FROM ${from}\n` +
    `  GROUP BY 1\n` +
    `  HAVING COUNT(*) > 1\n` +
    `)\n` +
    `SELECT ${key} AS ${q('key')},\n` +
    `  CASE WHEN ${key} IS NULL THEN 'null_key' ELSE 'duplicate_key' END AS ${q('reason')},\n` +
    `  to_json(${q('basin_src')}) AS ${q('row')}\n` +
    `FROM ${from}\n` +
    `WHERE ${key} IS NULL OR ${key} IN (SELECT ${q('key')} FROM ${q('basin_dups')} WHERE ${q('key')} IS NOT NULL)`;
  return [dialect.dropRelation(tables.rejects, 'table'), dialect.createTableAs(tables.rejects, select)];
}

/**
 * Replaces the plan table (run after `rejectsSql`, whose table it reads):
 * `_basin_seq` (1.. in read order: adds, changes, removes, each by key),
 * `_basin_op`, `_basin_key`, `_basin_hash` (NULL for removes) and the payload
 * fields (NULL for removes). One pass: the source rows (key, hash, payload)
 * joined to the state, a FULL JOIN in mirror mode so that delivered keys
 * missing from the source come out as removes. Rejected keys are neither
 * sent nor removed (their rows still count as present in the source).
 */
export function planSql(dialect: SqlDialect, spec: SyncDiffSpec, tables: SyncTables): string[] {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  const c = PLAN_COLUMNS;
  const key = keyExpression(dialect, spec.key);
  const fields = spec.payload.map((m) => q(m.field));
  const st = (col: string): string => `${q('basin_state')}.${q(col)}`;
  const row = (col: string): string => `${q('basin_rows')}.${q(col)}`;
  const mirror = spec.mode === 'mirror';

  const send = [
    `${row(c.key)} NOT IN (SELECT ${q('key')} FROM ${dialect.relation(tables.rejects)} WHERE ${q('key')} IS NOT NULL)`,
  ];
  if (spec.mode === 'insert') send.push(`${st('delivered_hash')} IS NULL`);
  else if (!spec.fullResync) {
    send.push(`(${st('delivered_hash')} IS NULL OR ${st('delivered_hash')} <> ${row(c.hash)} OR ${st('attempts')} > 0)`);
  }
  const where = mirror
    ? `(${row(c.key)} IS NULL AND ${st('delivered_hash')} IS NOT NULL)\n     OR (${row(c.key)} IS NOT NULL AND ${send.join(' AND ')})`
    : send.join(' AND ');
  const op = mirror
    ? `CASE WHEN ${row(c.key)} IS NULL THEN 'remove' WHEN ${st('delivered_hash')} IS NULL THEN 'add' ELSE 'change' END`
    : `CASE WHEN ${st('delivered_hash')} IS NULL THEN 'add' ELSE 'change' END`;
  const planKey = mirror ? `COALESCE(${row(c.key)}, ${st('key')})` : row(c.key);

  const rows =
    `WITH ${q('basin_rows')} AS (\n` +
    `  SELECT ${key} AS ${q(c.key)},\n` +
    `    ${payloadHashExpression(dialect, spec.payload.map((m) => m.column))} AS ${q(c.hash)},\n` +
    `    ${payloadSelectList(dialect, spec.payload).join(',\n    ')}\n` +
    `  FROM ${sourceFrom(dialect, spec.source)}\n` +
    `  WHERE ${key} IS NOT NULL\n` +
    `)`;
  const inner =
    `  SELECT ${op} AS ${q(c.op)},\n` +
    `    ${planKey} AS ${q(c.key)}, ${row(c.hash)} AS ${q(c.hash)}, ${spec.payload.map((m) => row(m.field)).join(', ')}\n` +
    `  FROM ${q('basin_rows')}\n` +
    `  ${mirror ? 'FULL' : 'LEFT'} JOIN ${dialect.relation(tables.state)} AS ${q('basin_state')} ON ${st('key')} = ${row(c.key)}\n` +
    `  WHERE ${where}`;
  const rank = `CASE ${q(c.op)} WHEN 'add' THEN 1 WHEN 'change' THEN 2 ELSE 3 END`;
  const select =
    `${rows}\n` +
    `SELECT ROW_NUMBER() OVER (ORDER BY ${rank}, ${q(c.key)}) AS ${q(c.seq)}, ${[c.op, c.key, c.hash].map(q).join(', ')}, ${fields.join(', ')}\n` +
    `FROM (\n${inner}\n) AS ${q('basin_plan')}\n` +
    `ORDER BY ${q(c.seq)}`;
  return [
    dialect.dropRelation(tables.plan, 'table'),
    dialect.createTableAs(tables.plan, select),
    `CREATE INDEX ${q(`${tables.plan.name}_seq`)} ON ${dialect.relation(tables.plan)} (${q(c.seq)})`,
  ];
}

/** `op`, `n` per op of the plan. */
export function planCountsSql(dialect: SqlDialect, tables: SyncTables): string {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  return `SELECT ${q(PLAN_COLUMNS.op)} AS ${q('op')}, COUNT(*) AS ${q('n')} FROM ${dialect.relation(tables.plan)} GROUP BY 1`;
}

/** `reason`, `n` per reason of the rejects. */
export function rejectCountsSql(dialect: SqlDialect, tables: SyncTables): string {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  return `SELECT ${q('reason')}, COUNT(*) AS ${q('n')} FROM ${dialect.relation(tables.rejects)} GROUP BY 1`;
}
