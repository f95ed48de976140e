import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { ConnectionConfig } from '../config/connection-config.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { IngestEvent, StreamResult } from './ingest-events.js';
import type { LoadSummary, StreamLoadOptions, StreamLoader } from './loader/loader-types.js';
import type { Source, SourceFactory, Stream } from './source.js';
import { selectsConnection, streamSelection } from './stream-selector.js';

/** Opens a stream loader (the loader module's `openStreamLoader`, injected so tests can wrap it). */
export type OpenStreamLoader = (options: StreamLoadOptions) => Promise<StreamLoader>;

/** Inputs of {@link runIngest}. */
export interface IngestRunOptions {
  connections: ConnectionConfig[];
  /** Resolves a connection to its validated source (registry lookup + config validation + create). */
  openSource: (connection: ConnectionConfig) => Promise<Source>;
  openLoader: OpenStreamLoader;
  warehouse: Warehouse;
  /** `basin ingest` selectors; none = every stream of every connection. */
  select?: readonly string[] | undefined;
  fullRefresh?: boolean | undefined;
  /** Where loaders spool files (a folder under the project's .basin/). */
  spoolDir: string;
  logger: Logger;
  signal?: AbortSignal | undefined;
  onEvent?: ((event: IngestEvent) => void) | undefined;
  /**
   * Connections ingested at once (streams of one connection always run one
   * after the other, within its API budget). Default: up to 4, bounded by the
   * warehouse's `maxConcurrency`.
   */
  connectionConcurrency?: number | undefined;
}

/** The result of an ingest run. */
export interface IngestSummary {
  streams: StreamResult[];
  /** Connections that could not be opened (bad config, unreachable). */
  connectionErrors: Array<{ connection: string; error: string }>;
  failed: boolean;
  seconds: number;
}

/**
 * Ingests the selected streams: for each stream, reads batches from the
 * source starting at the state its last successful checkpoint committed, and
 * hands each batch to the loader, which commits rows, state and load record
 * together. A failing stream is recorded and the run goes on with the others.
 * Connections run side by side (each in its own raw schema); a connection's
 * streams run one after the other.
 */
export async function runIngest(options: IngestRunOptions): Promise<IngestSummary> {
  const started = Date.now();
  const { signal } = options;
  const emit = (e: IngestEvent): void => options.onEvent?.(e);
  const selected = streamSelection(options.select);
  const connectionErrors: IngestSummary['connectionErrors'] = [];
  const neverAborted = new AbortController().signal;

  const perConnection = new Map<ConnectionConfig, StreamResult[]>();
  const ingestConnection = async (connection: ConnectionConfig): Promise<void> => {
    if (signal?.aborted) return;
    let source: Source;
    let streams: Stream[];
    try {
      source = await options.openSource(connection);
      streams = (await source.streams(signal ?? neverAborted)).filter((s) => selected(connection.name, s.definition.name));
    } catch (err) {
      const error = errorMessage(err);
      connectionErrors.push({ connection: connection.name, error });
      emit({ type: 'connection_error', connection: connection.name, error });
      return;
    }
    const results: StreamResult[] = [];
    perConnection.set(connection, results);
    try {
      for (const stream of streams) {
        if (signal?.aborted) break;
        results.push(await ingestStream(options, connection, stream, emit));
      }
    } finally {
      await source.close?.();
    }
  };

  const queue = options.connections.filter((c) => selectsConnection(options.select, c.name));
  const width = Math.max(1, Math.min(options.connectionConcurrency ?? 4, options.warehouse.capabilities.maxConcurrency, queue.length));
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < queue.length) await ingestConnection(queue[next++]!);
    }),
  );
  // Results in the order the connections were given, whatever order they finished in.
  const results = queue.flatMap((c) => perConnection.get(c) ?? []);
  connectionErrors.sort((a, b) => queue.findIndex((c) => c.name === a.connection) - queue.findIndex((c) => c.name === b.connection));

  return {
    streams: results,
    connectionErrors,
    failed: connectionErrors.length > 0 || results.some((r) => r.status === 'failed'),
    seconds: (Date.now() - started) / 1000,
  };
}

async function ingestStream(
  options: IngestRunOptions,
  connection: ConnectionConfig,
  stream: Stream,
  emit: (e: IngestEvent) => void,
): Promise<StreamResult> {
  const name = stream.definition.name;
  const table = `${connection.schema}.${name}`;
  const started = Date.now();
  const logger = options.logger.child({ connection: connection.name, stream: name });
  const spoolDir = path.join(options.spoolDir, connection.name, name);
  emit({ type: 'stream_start', connection: connection.name, stream: name, table });
  let loader: StreamLoader | undefined;
  let rows = 0;
  let batches = 0;
  try {
    await mkdir(spoolDir, { recursive: true });
    loader = await options.openLoader({
      warehouse: options.warehouse,
      schema: connection.schema,
      stream: stream.definition,
      loadId: randomUUID(),
      fullRefresh: options.fullRefresh ?? false,
      spoolDir,
      logger,
      signal: options.signal,
    });
    const context = {
      state: loader.initialState,
      fullRefresh: options.fullRefresh ?? false,
      signal: options.signal ?? new AbortController().signal,
      logger,
      spoolDir: options.warehouse.capabilities.readsLocalFiles ? spoolDir : undefined,
    };
    for await (const batch of stream.read(context)) {
      const result = await loader.load(batch);
      rows += result.rows;
      batches++;
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      emit({ type: 'checkpoint', connection: connection.name, stream: name, batch: result, rows, batches, rowsPerSecond: rows / seconds });
    }
    const summary = await loader.finish('succeeded');
    return finish(emit, { connection: connection.name, stream: name, table, status: 'succeeded', summary, seconds: (Date.now() - started) / 1000 });
  } catch (err) {
    const error = errorMessage(err);
    logger.debug('stream failed', { error });
    let summary: LoadSummary | undefined;
    if (loader) summary = await loader.finish('failed', error).catch(() => undefined);
    return finish(emit, { connection: connection.name, stream: name, table, status: 'failed', summary, error, seconds: (Date.now() - started) / 1000 });
  } finally {
    await rm(spoolDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function finish(emit: (e: IngestEvent) => void, result: StreamResult): StreamResult {
  emit({ type: 'stream_end', result });
  return result;
}

/** Opens a connection's source: finds its factory, validates its config, creates it. */
export async function openSourceWith(
  connection: ConnectionConfig,
  factory: SourceFactory<unknown>,
  validate: <T>(connection: ConnectionConfig, schema: SourceFactory<T>['configSchema']) => T,
  context: { projectDir: string; logger: Logger },
): Promise<Source> {
  const config = validate(connection, factory.configSchema);
  return factory.create(config, {
    projectDir: context.projectDir,
    connection: connection.name,
    streams: connection.streams,
    logger: context.logger.child({ connection: connection.name }),
  });
}
