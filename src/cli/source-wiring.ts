import path from 'node:path';
import type { Logger } from '../core/logger.js';
import type { ConnectionConfig } from '../config/connection-config.js';
import { connectionSecretValues, validateConnectionConfig } from '../config/index.js';
import { loadCustomSource } from '../ingest/custom/index.js';
import { createSourceHttpToolkit } from '../ingest/http/source-toolkit.js';
import { openSourceWith } from '../ingest/run-ingest.js';
import type { Source } from '../ingest/source.js';
import { SourceRegistry } from '../ingest/source-registry.js';
import { builtinSources } from '../ingest/sources/builtin-sources.js';

/** The registry of built-in connectors. */
export function createSourceRegistry(): SourceRegistry {
  return new SourceRegistry(builtinSources());
}

/**
 * Opens a connection's source: a built-in connector by `type`, or the user's
 * TypeScript module for `type: custom`. Config is validated against the
 * connector's schema (errors name the file, line and key, never a value).
 */
export async function openConnectionSource(
  connection: ConnectionConfig,
  registry: SourceRegistry,
  projectDir: string,
  logger: Logger,
): Promise<Source> {
  const context = { projectDir, logger };
  if (connection.type === 'custom') {
    const factory = await loadCustomSource(connection, {
      projectDir,
      logger,
      secrets: connectionSecretValues(connection),
      http: (context) => createSourceHttpToolkit(context.logger),
    });
    return openSourceWith(connection, factory, validateConnectionConfig, context);
  }
  return openSourceWith(connection, registry.get(connection.type, connection.file), validateConnectionConfig, context);
}

/** Where loaders spool files for a project. */
export function spoolDirOf(projectDir: string): string {
  return path.join(projectDir, '.basin', 'spool');
}
