import { BasinError } from '../../core/errors.js';
import type { RelationInfo, RelationKind, TableRef } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import {
  duplicateKeyCheckSql,
  normalizeUniqueKey,
  nullKeyCheckSql,
  planIncrementalLoad,
  resolveIncrementalStrategy,
} from '../materialize/incremental-plan.js';
import { planConstrainedBuild, type ConstrainedTable } from '../materialize/constraint-plan.js';
import { backupRelation, tempRelation } from '../materialize/relation-names.js';
import { planSchemaChange, type SchemaChangeMode } from '../materialize/schema-change.js';
import { planReplace, planSwap } from '../materialize/swap-plan.js';
import type { NodeConfig } from '../project/types.js';
import { materializePrediction } from './materialize-prediction.js';
import type { RelationCache } from './relation-cache.js';
import { runAtomically } from './run-statements.js';

/** What materializing a model did. */
export interface MaterializeOutcome {
  /** dbt-style message: `CREATE VIEW`, `CREATE TABLE (60 rows)`, `MERGE 12`, ... */
  message: string;
  rowsAffected?: number | undefined;
}

/** Inputs of {@link materializeModel}. */
export interface MaterializeInput {
  warehouse: Warehouse;
  relations: RelationCache;
  name: string;
  config: NodeConfig;
  target: TableRef;
  /** The compiled SELECT. */
  sql: string;
  /** A contract's table with constraints: created first, then the SELECT is inserted (tables and incremental builds). */
  table?: ConstrainedTable | undefined;
  fullRefresh: boolean;
  signal?: AbortSignal | undefined;
}

const SCHEMA_CHANGE_MODES: readonly SchemaChangeMode[] = ['ignore', 'append_new_columns', 'sync_all_columns', 'fail'];

/**
 * The relations at the target, temp and backup names, asked fresh: on
 * Postgres a CASCADE drop elsewhere in the run may have removed a view that
 * depended on a rebuilt table, so a cached answer could be stale.
 */
async function currentState(
  warehouse: Warehouse,
  target: TableRef,
  signal?: AbortSignal,
): Promise<{ existing: RelationInfo | undefined; leftovers: RelationInfo[] }> {
  const options = signal ? { signal } : {};
  const [existing, temp, backup] = await Promise.all([
    warehouse.getRelation(target, options),
    warehouse.getRelation(tempRelation(target), options),
    warehouse.getRelation(backupRelation(target), options),
  ]);
  return { existing, leftovers: [temp, backup].filter((r): r is RelationInfo => r !== undefined) };
}

async function countRows(warehouse: Warehouse, ref: TableRef, signal?: AbortSignal): Promise<number> {
  const res = await warehouse.query<{ n: unknown }>(
    `select count(*) as n from ${warehouse.dialect.relation(ref)}`,
    [],
    signal ? { signal } : {},
  );
  return Number(res.rows[0]?.n ?? 0);
}

/**
 * Replaces a view or table atomically: with one `CREATE OR REPLACE` where the
 * warehouse makes that atomic, else built under a temp name and swapped in.
 */
async function replaceRelation(input: MaterializeInput, kind: RelationKind): Promise<void> {
  const { warehouse, relations, target, signal } = input;
  const caps = warehouse.capabilities;
  if (kind === 'table' && input.table) {
    const existing = await warehouse.getRelation(target, signal ? { signal } : {});
    await runAtomically(warehouse, planConstrainedBuild(warehouse.dialect, target, input.table, input.sql, existing), signal);
    await relations.set({ ...target, kind });
    return;
  }
  if (kind === 'view' ? caps.createOrReplaceView : caps.createOrReplaceTable) {
    const existing = await warehouse.getRelation(target, signal ? { signal } : {});
    await runAtomically(warehouse, planReplace(warehouse.dialect, kind, target, input.sql, existing), signal);
    await relations.set({ ...target, kind });
    return;
  }
  const { existing, leftovers } = await currentState(warehouse, target, signal);
  const plan = planSwap(warehouse.dialect, kind, target, input.sql, existing, leftovers);
  const options = signal ? { signal } : {};
  if (plan.prepare.length > 0) await warehouse.execute(plan.prepare, options);
  for (const ref of [tempRelation(target), backupRelation(target)]) await relations.delete(ref);
  await runAtomically(warehouse, [...plan.build, ...plan.swap], signal);
  await relations.set({ ...target, kind });
}

/**
 * Materializes a model as dbt does: `view` and `table` are rebuilt and
 * swapped in; `incremental` builds a table the first time (or on
 * --full-refresh) and afterwards stages the new rows, applies
 * `on_schema_change`, and loads them with append, merge or delete+insert in
 * one transaction. A NULL unique key is an error, never a silent duplicate.
 */
export async function materializeModel(input: MaterializeInput): Promise<MaterializeOutcome> {
  const { warehouse, target, config, signal } = input;
  const materialized = config.materialized;
  if (materialized === 'view') {
    await replaceRelation(input, 'view');
    return { message: 'CREATE VIEW' };
  }
  if (materialized === 'table') {
    await replaceRelation(input, 'table');
    const rows = await countRows(warehouse, target, signal);
    return { message: `SELECT ${rows}`, rowsAffected: rows };
  }
  if (materialized === 'incremental') {
    const existing = await warehouse.getRelation(target, signal ? { signal } : {});
    return materializeIncremental(input, existing);
  }
  if (materialized === 'forecast' || materialized === 'classifier') return materializePrediction(input);
  throw new BasinError(
    'MATERIALIZATION',
    `model ${input.name}: unknown materialization '${materialized}' (expected view, table, incremental, ephemeral, forecast or classifier)`,
  );
}

async function materializeIncremental(input: MaterializeInput, existing: RelationInfo | undefined): Promise<MaterializeOutcome> {
  const { warehouse, relations, target, config, signal, name } = input;
  const d = warehouse.dialect;
  const options = signal ? { signal } : {};
  const uniqueKey = normalizeUniqueKey(config.unique_key);
  const strategy = resolveIncrementalStrategy(config.incremental_strategy, uniqueKey, name);
  const mode = (config.on_schema_change ?? 'ignore') as SchemaChangeMode;
  if (!SCHEMA_CHANGE_MODES.includes(mode)) {
    throw new BasinError('MATERIALIZATION', `model ${name}: on_schema_change must be one of ${SCHEMA_CHANGE_MODES.join(', ')}`);
  }
  const fullRefresh = input.fullRefresh && config.full_refresh !== false;
  if (!existing || existing.kind !== 'table' || fullRefresh) {
    await replaceRelation(input, 'table');
    const rows = await countRows(warehouse, target, signal);
    return { message: `SELECT ${rows}`, rowsAffected: rows };
  }

  const staged = tempRelation(target);
  await warehouse.execute([d.dropRelation(staged, 'table'), d.createTableAs(staged, input.sql)], options);
  try {
    const stagedColumns = await warehouse.getColumns(staged, options);
    const targetColumns = await warehouse.getColumns(target, options);
    if (!stagedColumns || !targetColumns) throw new BasinError('MATERIALIZATION', `model ${name}: could not read the columns of ${d.relation(target)}`);
    const change = planSchemaChange(d, target, stagedColumns, targetColumns, mode, name);
    if (uniqueKey.length > 0 && strategy !== 'append') {
      const nulls = await warehouse.query<{ null_keys: unknown }>(nullKeyCheckSql(d, staged, uniqueKey), [], options);
      const nullCount = Number(nulls.rows[0]?.null_keys ?? 0);
      if (nullCount > 0) {
        throw new BasinError(
          'MATERIALIZATION',
          `model ${name}: ${nullCount} new row(s) have a NULL unique_key (${uniqueKey.join(', ')}); ` +
            `a NULL key cannot be matched, so the rows would be duplicated. Filter them out or fix the key.`,
        );
      }
      if (strategy === 'merge') {
        const dups = await warehouse.query<{ duplicate_keys: unknown }>(duplicateKeyCheckSql(d, staged, uniqueKey), [], options);
        const dupCount = Number(dups.rows[0]?.duplicate_keys ?? 0);
        if (dupCount > 0) {
          throw new BasinError(
            'MATERIALIZATION',
            `model ${name}: ${dupCount} unique_key value(s) (${uniqueKey.join(', ')}) appear more than once in the new rows; a merge needs one row per key`,
          );
        }
      }
    }
    const rows = await countRows(warehouse, staged, signal);
    const load = planIncrementalLoad(d, strategy, target, staged, change.columns, uniqueKey);
    await runAtomically(warehouse, [...change.statements, ...load], signal);
    const verb = strategy === 'append' ? 'INSERT' : strategy === 'merge' ? 'MERGE' : 'DELETE+INSERT';
    return { message: `${verb} ${rows}`, rowsAffected: rows };
  } finally {
    await warehouse.execute(d.dropRelation(staged, 'table')).catch(() => undefined);
    await relations.delete(staged);
  }
}
