import path from 'node:path';
import type { Logger } from '../../core/logger.js';
import { loadConnections, loadProjectConfig } from '../../config/index.js';
import { openStreamLoader } from '../../ingest/loader/index.js';
import { runIngest } from '../../ingest/run-ingest.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_FAILURES, EXIT_OK } from '../exit-codes.js';
import { createIngestReporter, formatIngestSummary } from '../ingest-reporter.js';
import { toJson } from '../../core/json-text.js';
import { openWarehouse } from '../open-warehouse.js';
import { createSourceRegistry, openConnectionSource, spoolDirOf } from '../source-wiring.js';

/** Options of `basin ingest`. */
export interface IngestCommandOptions {
  project?: string | undefined;
  target?: string | undefined;
  fullRefresh?: boolean | undefined;
  json?: boolean | undefined;
}

/**
 * `basin ingest [selector...]`: copies the selected streams of sources/*.yml
 * connections into their raw schemas, each checkpoint committed with its
 * state; prints live progress and a summary table.
 */
export async function runIngestCommand(
  selectors: string[],
  options: IngestCommandOptions,
  io: CliIo,
  logger: Logger,
  signal?: AbortSignal,
): Promise<number> {
  const root = path.resolve(io.cwd, options.project ?? '.');
  const config = await loadProjectConfig(root, { target: options.target, logger, env: io.env });
  const connections = await loadConnections(config);
  const registry = createSourceRegistry();
  const warehouse = await openWarehouse(config.warehouse, logger);
  try {
    const summary = await runIngest({
      connections,
      openSource: (connection) => openConnectionSource(connection, registry, root, logger),
      openLoader: openStreamLoader,
      warehouse,
      select: selectors,
      fullRefresh: options.fullRefresh,
      spoolDir: spoolDirOf(root),
      logger,
      signal,
      onEvent: options.json ? undefined : createIngestReporter(io.stderr),
    });
    if (options.json) {
      io.stdout.write(`${toJson({ success: !summary.failed, seconds: summary.seconds, streams: summary.streams, connection_errors: summary.connectionErrors })}\n`);
    } else {
      io.stderr.write(`\n${formatIngestSummary(summary)}`);
    }
    return summary.failed ? EXIT_FAILURES : EXIT_OK;
  } finally {
    await warehouse.close();
  }
}
