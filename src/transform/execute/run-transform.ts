import { createRunSchemas } from './create-run-schemas.js';
import type { Logger } from '../../core/logger.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { Manifest } from '../compile/manifest.js';
import { runHooks } from '../compile/hooks.js';
import { buildCommandGraph } from './build-graph.js';
import { runInGraphOrder } from './parallel-runner.js';
import type { RunEvent, RunSummary, TransformCommand } from './run-types.js';
import { createTransformNodeRunner } from './node-runner.js';
import { isFailureStatus } from './run-types.js';
import { selectForCommand, type SelectionOptions } from './select-for-command.js';

/** Options of {@link runTransform}. */
export interface TransformRunOptions extends SelectionOptions {
  command: TransformCommand;
  /** Concurrency; default the project's `threads`, capped by the warehouse's. */
  threads?: number | undefined;
  signal?: AbortSignal | undefined;
  onEvent?: ((event: RunEvent) => void) | undefined;
  logger: Logger;
  /** Write compiled SQL under target/compiled and target/run (default true). */
  writeCompiled?: boolean | undefined;
}

/**
 * Runs a transform command (dbt semantics) over the selected nodes in graph
 * order with `threads` workers: compile, materialize, test. A failed node
 * skips only its downstream; warnings never fail the run.
 */
export async function runTransform(manifest: Manifest, warehouse: Warehouse, options: TransformRunOptions): Promise<RunSummary> {
  const started = Date.now();
  const { command, logger, signal } = options;
  const { ids: selected, warnings } = selectForCommand(manifest, command, options);
  for (const w of warnings) logger.warn(w);
  // Ephemeral models are inlined into their dependants, never run on their own.
  const ids = selected.filter((id) => {
    const n = manifest.nodes.get(id);
    return n !== undefined && !(command !== 'compile' && n.resourceType === 'model' && n.config.materialized === 'ephemeral');
  });
  // Compiling is CPU work in this process: one worker; it connects only if a template asks.
  const threads =
    command === 'compile'
      ? 1
      : Math.max(1, Math.min(options.threads ?? manifest.config.threads, warehouse.capabilities.maxConcurrency));
  const total = ids.length;
  const emit = (e: RunEvent): void => options.onEvent?.(e);
  emit({ type: 'run_start', command, total });

  if (command !== 'compile' && ids.length > 0 && (manifest.config.onRunStart?.length ?? 0) > 0) {
    await createRunSchemas(manifest, warehouse, ids, signal);
    await runHooks(manifest, warehouse, 'on-run-start', signal);
  }
  const nodes = createTransformNodeRunner(manifest, warehouse, { command, logger, signal, emit, total, writeCompiled: options.writeCompiled });

  const graph = command === 'build' ? buildCommandGraph(manifest) : manifest.graph;
  const results = await runInGraphOrder({ graph, ids, threads, runNode: (id, thread) => nodes.run(id, thread), skipped: (id, because) => nodes.skipped(id, because), signal });
  if (command !== 'compile' && ids.length > 0) await runHooks(manifest, warehouse, 'on-run-end', signal);

  const elapsedSeconds = (Date.now() - started) / 1000;
  emit({ type: 'run_end', results, elapsedSeconds });
  return {
    command,
    results,
    elapsedSeconds,
    failed: results.some((r) => isFailureStatus(r.status)),
    generatedAt: new Date(),
    invocationId: manifest.invocation.invocationId,
  };
}
