import type { ProjectNode } from '../project/types.js';

/** Commands of the transform engine, with dbt's semantics. */
export type TransformCommand = 'run' | 'build' | 'test' | 'seed' | 'snapshot' | 'compile';

/**
 * A node's outcome, with dbt's status names: models, seeds and snapshots end
 * `success`, `error` or `skipped`; tests end `pass`, `fail`, `warn`, `error`
 * or `skipped`. `compile` ends `success` for every node compiled.
 */
export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn';

/** One timing entry, as in dbt's run_results.json. */
export interface NodeTiming {
  name: 'compile' | 'execute';
  startedAt: Date;
  completedAt: Date;
}

/** What happened to one node. */
export interface NodeResult {
  uniqueId: string;
  status: NodeStatus;
  /** A short human message, e.g. `CREATE VIEW`, `SELECT 60`, `Got 3 results, configured to fail if != 0`. */
  message: string;
  timing: NodeTiming[];
  /** Seconds. */
  executionTime: number;
  /** Rows affected or loaded, when known. */
  rowsAffected?: number | undefined;
  /** Tests: the number of failing rows. */
  failures?: number | null | undefined;
  compiledCode?: string | undefined;
  /** The relation written, e.g. `"main"."dim_customers"`. */
  relationName?: string | undefined;
  /** Worker slot that ran the node. */
  threadId: string;
  /** For skipped nodes: the failed ancestor that caused the skip. */
  skippedBecause?: string | undefined;
}

/** Progress events of a run, for the CLI, the orchestrator and tests. */
export type RunEvent =
  | { type: 'run_start'; command: TransformCommand; total: number }
  | { type: 'node_start'; node: ProjectNode; index: number; total: number }
  | { type: 'node_end'; node: ProjectNode; index: number; total: number; result: NodeResult }
  | { type: 'run_end'; results: NodeResult[]; elapsedSeconds: number };

/** Summary of a finished run. */
export interface RunSummary {
  command: TransformCommand;
  results: NodeResult[];
  elapsedSeconds: number;
  /** True when any node errored or a test failed (warnings do not count). */
  failed: boolean;
  generatedAt: Date;
  invocationId: string;
}

/** True when the status counts as a failure of the command. */
export function isFailureStatus(status: NodeStatus): boolean {
  return status === 'error' || status === 'fail';
}
