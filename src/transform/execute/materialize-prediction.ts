import type { TableRef } from '../../core/types.js';
import { runPrediction } from '../../predict/index.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { NodeConfig } from '../project/types.js';
import type { RelationCache } from './relation-cache.js';

/** What {@link materializePrediction} needs of a model (a subset of the materialize input). */
export interface PredictionModelInput {
  warehouse: Warehouse;
  relations: RelationCache;
  name: string;
  config: NodeConfig;
  target: TableRef;
  /** The compiled SELECT yielding the rows to fit and score. */
  sql: string;
  signal?: AbortSignal | undefined;
}

/**
 * Materializes `forecast` and `classifier` models through src/predict: the
 * model's table plus its `__evaluation` (and `__calibration`) tables, which
 * the run's relation cache then knows about.
 */
export async function materializePrediction(input: PredictionModelInput): Promise<{ message: string; rowsAffected: number }> {
  const outcome = await runPrediction({
    warehouse: input.warehouse,
    model: input.name,
    config: input.config,
    target: input.target,
    sql: input.sql,
    signal: input.signal,
  });
  for (const table of outcome.tables) await input.relations.set({ ...table.ref, kind: 'table' });
  return { message: outcome.message, rowsAffected: outcome.rows };
}
