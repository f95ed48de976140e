import type { Logger } from '../../core/logger.js';
import { writeArtifacts } from '../../transform/artifacts/write-artifacts.js';
import { runTransform } from '../../transform/execute/run-transform.js';
import type { RunSummary, TransformCommand } from '../../transform/execute/run-types.js';
import type { IndirectSelection } from '../../transform/selection/index.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_FAILURES, EXIT_OK } from '../exit-codes.js';
import { toJson } from '../../core/json-text.js';
import { openProject, parseThreads, type ProjectOptions } from '../project-session.js';
import { createRunReporter } from '../run-reporter.js';

/** Options of run, build, test, seed, snapshot and compile. */
export interface NodeCommandOptions extends ProjectOptions {
  select?: string[] | undefined;
  exclude?: string[] | undefined;
  indirectSelection?: IndirectSelection | undefined;
  json?: boolean | undefined;
}

/** The JSON document `--json` prints for a run. */
export function summaryJson(summary: RunSummary): Record<string, unknown> {
  return {
    command: summary.command,
    success: !summary.failed,
    elapsed_seconds: summary.elapsedSeconds,
    invocation_id: summary.invocationId,
    results: summary.results.map((r) => ({
      unique_id: r.uniqueId,
      status: r.status,
      message: r.message,
      execution_time: r.executionTime,
      rows_affected: r.rowsAffected ?? null,
      failures: r.failures ?? null,
      relation_name: r.relationName ?? null,
    })),
  };
}

/** Runs a transform command the way `dbt <command>` does; returns the exit code. */
export async function runNodeCommand(
  command: TransformCommand,
  options: NodeCommandOptions,
  io: CliIo,
  logger: Logger,
  signal?: AbortSignal,
): Promise<number> {
  const session = await openProject({ ...options, env: options.env ?? io.env }, io.cwd, logger, command === 'compile');
  try {
    const { manifest } = session;
    const reporter = options.json
      ? undefined
      : createRunReporter(io.stderr, (node) => {
          const rel = manifest.relations.get(node.uniqueId);
          return rel && node.resourceType !== 'test' ? `${rel.schema}.${rel.name}` : undefined;
        });
    const summary = await runTransform(manifest, session.warehouse, {
      command,
      select: options.select,
      exclude: options.exclude,
      indirectSelection: options.indirectSelection,
      threads: parseThreads(options.threads),
      logger,
      signal,
      onEvent: reporter,
    });
    await writeArtifacts(manifest, summary, {
      which: command,
      select: options.select ?? [],
      exclude: options.exclude ?? [],
      full_refresh: options.fullRefresh ?? false,
    });
    if (options.json) io.stdout.write(`${toJson(summaryJson(summary))}\n`);
    return summary.failed ? EXIT_FAILURES : EXIT_OK;
  } finally {
    await session.close();
  }
}
