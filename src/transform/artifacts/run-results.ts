import type { RunSummary } from '../execute/run-types.js';

/** dbt's run_results.json schema version Basin writes. */
export const RUN_RESULTS_SCHEMA = 'https://schemas.getdbt.com/dbt/run-results/v6.json';

/** `target/run_results.json` in dbt's shape, so tools that read dbt artifacts read Basin's. */
export function buildRunResults(summary: RunSummary, args: Record<string, unknown>): Record<string, unknown> {
  return {
    metadata: {
      dbt_schema_version: RUN_RESULTS_SCHEMA,
      dbt_version: '1.9.0',
      generated_at: summary.generatedAt.toISOString(),
      invocation_id: summary.invocationId,
      env: {},
      basin: { command: summary.command },
    },
    results: summary.results.map((r) => ({
      status: r.status,
      timing: r.timing.map((t) => ({
        name: t.name,
        started_at: t.startedAt.toISOString(),
        completed_at: t.completedAt.toISOString(),
      })),
      thread_id: r.threadId,
      execution_time: r.executionTime,
      adapter_response: r.rowsAffected === undefined ? {} : { rows_affected: r.rowsAffected, _message: r.message },
      message: r.message,
      failures: r.failures ?? null,
      unique_id: r.uniqueId,
      compiled: r.compiledCode !== undefined,
      compiled_code: r.compiledCode ?? null,
      relation_name: r.relationName ?? null,
    })),
    elapsed_time: summary.elapsedSeconds,
    args,
  };
}
