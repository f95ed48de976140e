/**
 * The ingest step of a pipeline run as the CLI and the server wire it: one
 * connection's selected streams through the connector registry and the
 * loader into the project's warehouse.
 */
import type { Logger } from '../core/logger.js';
import type { IngestEvent } from '../ingest/ingest-events.js';
import { openStreamLoader } from '../ingest/loader/index.js';
import { runIngest } from '../ingest/run-ingest.js';
import type { IngestConnection } from '../orchestrator/pipeline/asset-executors.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { createSourceRegistry, openConnectionSource, spoolDirOf } from './source-wiring.js';

/** Options of {@link ingestConnectionWith}. */
export interface IngestWiring {
  projectDir: string;
  warehouse: Warehouse;
  logger: Logger;
  fullRefresh?: boolean | undefined;
  onEvent?: ((event: IngestEvent) => void) | undefined;
}

/** The pipeline's `ingest` for a project. */
export function ingestConnectionWith(wiring: IngestWiring): IngestConnection {
  const registry = createSourceRegistry();
  const { projectDir, warehouse, logger } = wiring;
  return (connection, streams, signal) =>
    runIngest({
      connections: [connection],
      openSource: (c) => openConnectionSource(c, registry, projectDir, logger),
      openLoader: openStreamLoader,
      warehouse,
      select: streams ? streams.map((s) => `${connection.name}.${s}`) : [connection.name],
      fullRefresh: wiring.fullRefresh,
      spoolDir: spoolDirOf(projectDir),
      logger,
      signal,
      onEvent: wiring.onEvent,
    });
}
