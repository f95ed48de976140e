import { BasinError } from '../../core/errors.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { planSnapshotCreate, planSnapshotUpdate, type SnapshotSpec } from '../materialize/snapshot-plan.js';
import type { MaterializeOutcome } from './materialize-model.js';
import type { RelationCache } from './relation-cache.js';
import { runAtomically } from './run-statements.js';

/**
 * Runs a snapshot (dbt's SCD type 2): the query's rows are staged; the first
 * run creates the snapshot table with every row as its first version; later
 * runs close changed rows (`dbt_valid_to`) and insert their new versions in
 * one transaction.
 */
export async function materializeSnapshot(
  warehouse: Warehouse,
  relations: RelationCache,
  spec: SnapshotSpec,
  sql: string,
  signal?: AbortSignal,
): Promise<MaterializeOutcome> {
  const d = warehouse.dialect;
  const options = signal ? { signal } : {};
  await warehouse.execute([d.dropRelation(spec.staged, 'table'), d.createTableAs(spec.staged, sql)], options);
  try {
    const stagedColumns = await warehouse.getColumns(spec.staged, options);
    if (!stagedColumns) throw new BasinError('MATERIALIZATION', `snapshot ${spec.name}: the staged rows could not be read`);
    const existing = await warehouse.getRelation(spec.target, options);
    if (!existing) {
      await runAtomically(warehouse, planSnapshotCreate(d, spec, stagedColumns), signal);
      await relations.set({ ...spec.target, kind: 'table' });
      const res = await warehouse.query<{ n: unknown }>(`select count(*) as n from ${d.relation(spec.target)}`, [], options);
      const n = Number(res.rows[0]?.n ?? 0);
      return { message: `SELECT ${n}`, rowsAffected: n };
    }
    if (existing.kind !== 'table') {
      throw new BasinError('MATERIALIZATION', `snapshot ${spec.name}: ${d.relation(spec.target)} exists but is a ${existing.kind}, not a table`);
    }
    const existingColumns = (await warehouse.getColumns(spec.target, options)) ?? [];
    const plan = planSnapshotUpdate(d, spec, stagedColumns, existingColumns);
    if (plan.prepare.length > 0) await warehouse.execute(plan.prepare, options);
    await warehouse.execute(plan.stage, options);
    const changes = await warehouse.query<{ n: unknown }>(`select count(*) as n from ${d.relation(spec.changes)}`, [], options);
    const n = Number(changes.rows[0]?.n ?? 0);
    await runAtomically(warehouse, plan.apply, signal);
    return { message: `INSERT ${n}`, rowsAffected: n };
  } finally {
    await warehouse
      .execute([d.dropRelation(spec.changes, 'table'), d.dropRelation(spec.staged, 'table')])
      .catch(() => undefined);
  }
}
