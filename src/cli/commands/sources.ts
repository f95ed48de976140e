import path from 'node:path';
import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { loadConnections, loadProjectConfig, redactedConfig } from '../../config/index.js';
import { selectsConnection } from '../../ingest/stream-selector.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_FAILURES, EXIT_OK } from '../exit-codes.js';
import { toJson } from '../../core/json-text.js';
import { createSourceRegistry, openConnectionSource } from '../source-wiring.js';

/** Options of `basin sources check|ls`. */
export interface SourcesOptions {
  project?: string | undefined;
  target?: string | undefined;
  json?: boolean | undefined;
}

/** `basin sources check [connection...]`: validates each connection and asks its source whether it can connect. */
export async function runSourcesCheck(selectors: string[], options: SourcesOptions, io: CliIo, logger: Logger, signal: AbortSignal): Promise<number> {
  const root = path.resolve(io.cwd, options.project ?? '.');
  const config = await loadProjectConfig(root, { target: options.target, logger, env: io.env });
  const registry = createSourceRegistry();
  const results: Array<{ connection: string; type: string; ok: boolean; message: string }> = [];
  for (const connection of await loadConnections(config)) {
    if (!selectsConnection(selectors, connection.name)) continue;
    let ok = false;
    let message: string;
    try {
      const source = await openConnectionSource(connection, registry, root, logger);
      try {
        const result = await source.check(signal);
        ok = result.ok;
        message = result.message;
      } finally {
        await source.close?.();
      }
    } catch (err) {
      message = errorMessage(err);
    }
    results.push({ connection: connection.name, type: connection.type, ok, message });
    if (!options.json) io.stdout.write(`${ok ? 'OK   ' : 'FAIL '} ${connection.name} (${connection.type}): ${message}\n`);
  }
  if (options.json) io.stdout.write(`${toJson(results)}\n`);
  return results.every((r) => r.ok) ? EXIT_OK : EXIT_FAILURES;
}

/** `basin sources ls`: the connections with their catalog metadata (the seed's "table summary"); secrets redacted. */
export async function runSourcesList(options: SourcesOptions, io: CliIo, logger: Logger): Promise<number> {
  const root = path.resolve(io.cwd, options.project ?? '.');
  const config = await loadProjectConfig(root, { target: options.target, logger, env: io.env });
  const connections = await loadConnections(config);
  const rows = connections.map((c) => ({
    connection: c.name,
    type: c.type,
    schema: c.schema,
    streams: Object.keys(c.streams),
    schedule: c.schedule ?? null,
    pipeline: c.pipeline ?? null,
    audience: c.audience ?? null,
    owner: c.owner ?? null,
    notes: c.notes ?? null,
    config: redactedConfig(c),
    file: c.file,
  }));
  if (options.json) {
    io.stdout.write(`${toJson(rows)}\n`);
  } else {
    for (const r of rows) {
      io.stdout.write(
        `${r.connection} (${r.type}) -> schema ${r.schema}${r.audience ? `, audience ${r.audience}` : ''}${r.owner ? `, owner ${r.owner}` : ''}${r.schedule ? `, schedule '${r.schedule}'` : ''}\n` +
          `  streams: ${r.streams.length ? r.streams.join(', ') : '(all the source offers)'}\n` +
          (r.pipeline ? `  pipeline: ${r.pipeline}\n` : '') +
          (r.notes ? `  notes: ${r.notes}\n` : ''),
      );
    }
  }
  return EXIT_OK;
}
