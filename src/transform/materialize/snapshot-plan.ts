import { BasinError } from '../../core/errors.js';
import type { ColumnDef, TableRef } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';

/** dbt's snapshot meta columns, in the order dbt adds them. */
export const SNAPSHOT_META_COLUMNS = ['dbt_scd_id', 'dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to'] as const;

/** A snapshot's resolved settings (from `config()` in the snapshot block). */
export interface SnapshotSpec {
  name: string;
  target: TableRef;
  /** Where the snapshot query's rows are staged (a table the runner creates first). */
  staged: TableRef;
  /** Where new versions are staged before insertion. */
  changes: TableRef;
  uniqueKey: string[];
  strategy: 'timestamp' | 'check';
  /** Timestamp strategy: the column that says when a row changed. */
  updatedAt?: string | undefined;
  /** Check strategy: columns compared, or 'all'. */
  checkCols?: string[] | 'all' | undefined;
  invalidateHardDeletes: boolean;
  /** The snapshot's run time, one value for every row it writes (UTC). */
  now: Date;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Validates and normalizes a snapshot's config. Errors name the snapshot and the key. */
export function resolveSnapshotSpec(
  name: string,
  config: Record<string, unknown>,
  refs: { target: TableRef; staged: TableRef; changes: TableRef },
  now: Date = new Date(),
): SnapshotSpec {
  const fail = (msg: string): never => {
    throw new BasinError('MATERIALIZATION', `snapshot ${name}: ${msg}`);
  };
  const rawKey = config['unique_key'];
  const uniqueKey = (Array.isArray(rawKey) ? rawKey : rawKey === undefined || rawKey === null ? [] : [rawKey]).map((k) =>
    String(k).trim(),
  );
  if (uniqueKey.length === 0) fail("config 'unique_key' is required");
  for (const key of uniqueKey) if (!IDENT.test(key)) fail(`unique_key '${key}' must be a column name`);
  const strategy = config['strategy'];
  if (strategy !== 'timestamp' && strategy !== 'check') fail("config 'strategy' must be 'timestamp' or 'check'");
  let updatedAt: string | undefined;
  let checkCols: string[] | 'all' | undefined;
  if (strategy === 'timestamp') {
    const u = config['updated_at'];
    if (typeof u !== 'string' || !IDENT.test(u.trim())) fail("the timestamp strategy needs config 'updated_at' naming a column");
    updatedAt = String(u).trim();
  } else {
    const c = config['check_cols'];
    if (c === 'all') checkCols = 'all';
    else if (Array.isArray(c) && c.length > 0 && c.every((x) => typeof x === 'string' && IDENT.test(x))) checkCols = c as string[];
    else fail("the check strategy needs config 'check_cols': 'all' or a list of column names");
  }
  return {
    name,
    ...refs,
    uniqueKey,
    strategy: strategy as 'timestamp' | 'check',
    updatedAt,
    checkCols,
    invalidateHardDeletes: config['invalidate_hard_deletes'] === true,
    now,
  };
}

/** Columns of the staged query that are not snapshot meta columns. */
function dataColumns(columns: ColumnDef[]): string[] {
  const meta = new Set<string>(SNAPSHOT_META_COLUMNS);
  return columns.map((c) => c.name).filter((n) => !meta.has(n.toLowerCase()));
}

/** The run time as a timestamp literal (without zone, UTC), as dbt's `snapshot_get_time()`. */
function nowLiteral(d: SqlDialect, spec: SnapshotSpec): string {
  const text = spec.now.toISOString().replace('T', ' ').replace('Z', '');
  return d.cast(d.quoteLiteral(text), d.typeFor('timestamp'));
}

function metaExpressions(d: SqlDialect, spec: SnapshotSpec, alias: string): { scdId: string; updated: string } {
  const q = (c: string): string => `${alias}.${d.quoteIdentifier(c)}`;
  const updated = spec.strategy === 'timestamp' ? q(spec.updatedAt as string) : nowLiteral(d, spec);
  const parts: string[] = [];
  for (const k of spec.uniqueKey) parts.push(q(k), "'|'");
  parts.push(updated);
  return { scdId: d.md5(d.concatText(parts)), updated };
}

/** The SELECT that turns staged rows into snapshot rows (data columns + meta columns). */
function versionSelect(d: SqlDialect, spec: SnapshotSpec, columns: string[], where: string): string {
  const { scdId, updated } = metaExpressions(d, spec, 'src');
  const cols = columns.map((c) => `src.${d.quoteIdentifier(c)}`);
  return (
    `select ${cols.join(', ')}, ${scdId} as ${d.quoteIdentifier('dbt_scd_id')}, ` +
    `${updated} as ${d.quoteIdentifier('dbt_updated_at')}, ${updated} as ${d.quoteIdentifier('dbt_valid_from')}, ` +
    `nullif(${updated}, ${updated}) as ${d.quoteIdentifier('dbt_valid_to')} ` +
    `from ${d.relation(spec.staged)} as src${where ? ` where ${where}` : ''}`
  );
}

/** First run: the snapshot table is every staged row as its first version. */
export function planSnapshotCreate(d: SqlDialect, spec: SnapshotSpec, stagedColumns: ColumnDef[]): string[] {
  return [d.createTableAs(spec.target, versionSelect(d, spec, dataColumns(stagedColumns), ''))];
}

function keyJoin(d: SqlDialect, spec: SnapshotSpec, left: string, right: string): string {
  return spec.uniqueKey.map((k) => `${left}.${d.quoteIdentifier(k)} = ${right}.${d.quoteIdentifier(k)}`).join(' and ');
}

function changedCondition(d: SqlDialect, spec: SnapshotSpec, columns: string[]): string {
  const q = d.quoteIdentifier.bind(d);
  if (spec.strategy === 'timestamp') {
    return `src.${q(spec.updatedAt as string)} > cur.${q('dbt_updated_at')}`;
  }
  const keys = new Set(spec.uniqueKey.map((k) => k.toLowerCase()));
  const checked = spec.checkCols === 'all' ? columns.filter((c) => !keys.has(c.toLowerCase())) : (spec.checkCols as string[]);
  if (checked.length === 0) return 'false';
  return '(' + checked.map((c) => `src.${q(c)} is distinct from cur.${q(c)}`).join(' or ') + ')';
}

/**
 * Later runs. `stagedColumns` are the snapshot query's columns, `existingColumns`
 * the snapshot table's. Returns statements to run in order: `prepare` adds the
 * query's new columns to the snapshot, `stage` computes the new versions, and
 * `apply` (one transaction) closes changed rows
 * (`dbt_valid_to`), inserts their new versions and new keys, and (with
 * invalidate_hard_deletes) closes rows whose key vanished.
 */
export function planSnapshotUpdate(
  d: SqlDialect,
  spec: SnapshotSpec,
  stagedColumns: ColumnDef[],
  existingColumns: ColumnDef[],
): { prepare: string[]; stage: string[]; apply: string[]; cleanup: string[] } {
  const q = d.quoteIdentifier.bind(d);
  const columns = dataColumns(stagedColumns);
  for (const k of spec.uniqueKey) {
    if (!columns.some((c) => c.toLowerCase() === k.toLowerCase())) {
      throw new BasinError('MATERIALIZATION', `snapshot ${spec.name}: unique_key column '${k}' is not in the snapshot query`);
    }
  }
  const existingNames = new Set(existingColumns.map((c) => c.name.toLowerCase()));
  const newColumns = stagedColumns.filter((c) => !existingNames.has(c.name.toLowerCase()));
  const current = `cur.${q('dbt_valid_to')} is null`;
  const changed = changedCondition(d, spec, columns);
  const target = d.relation(spec.target);
  const staged = d.relation(spec.staged);

  const insertWhere =
    `not exists (select 1 from ${target} as cur where ${keyJoin(d, spec, 'cur', 'src')} and ${current}) ` +
    `or exists (select 1 from ${target} as cur where ${keyJoin(d, spec, 'cur', 'src')} and ${current} and ${changed})`;
  const stage = [d.dropRelation(spec.changes, 'table'), d.createTableAs(spec.changes, versionSelect(d, spec, columns, insertWhere))];

  const closeValue = spec.strategy === 'timestamp' ? `src.${q(spec.updatedAt as string)}` : nowLiteral(d, spec);
  const prepare = d.addColumns(spec.target, newColumns);
  const apply: string[] = [];
  apply.push(
    `update ${target} as cur set ${q('dbt_valid_to')} = ${closeValue} from ${staged} as src ` +
      `where ${keyJoin(d, spec, 'cur', 'src')} and ${current} and ${changed}`,
  );
  if (spec.invalidateHardDeletes) {
    apply.push(
      `update ${target} as cur set ${q('dbt_valid_to')} = ${nowLiteral(d, spec)} ` +
        `where ${current} and not exists (select 1 from ${staged} as src where ${keyJoin(d, spec, 'cur', 'src')})`,
    );
  }
  const insertCols = [...columns, ...SNAPSHOT_META_COLUMNS];
  apply.push(
    d.insertSelect(spec.target, insertCols, `select ${insertCols.map((c) => q(c)).join(', ')} from ${d.relation(spec.changes)}`),
  );
  const cleanup = [d.dropRelation(spec.changes, 'table'), d.dropRelation(spec.staged, 'table')];
  return { prepare, stage, apply, cleanup };
}
