/** The activation diff: what a sync sends, computed in the warehouse, and the state of what was delivered. */
export {
  ACTIVATE_SCHEMA,
  PLAN_OPS,
  SYNC_MODES,
  syncTables,
  validateSyncDiffSpec,
  type PayloadMapping,
  type PlanOp,
  type SyncDiffSpec,
  type SyncMode,
  type SyncSource,
  type SyncTables,
} from './sync-diff-spec.js';
export { computeDiff, type ComputeDiffOptions, type DiffCounts, type DiffResult } from './compute-diff.js';
export { readPlan, type PlanBatch, type PlanRow, type ReadPlanOptions } from './read-plan.js';
export { recordOutcomes, type DeliveryOutcome, type RecordOutcomesOptions, type RecordedOutcomes } from './record-outcomes.js';
