/**
 * Opens the run store a project's config asks for (SQLite by default) and
 * migrates it, so callers get a store ready to use.
 */
import path from 'node:path';
import type { Logger } from '../../core/logger.js';
import { createPostgresRunStore } from './postgres-run-store.js';
import type { RunStoreConfig } from '../../config/run-store-config.js';
import type { RunStore } from './run-store.js';
import { createSqliteRunStore, defaultSqliteRunStorePath } from './sqlite-run-store.js';

export interface OpenRunStoreContext {
  /** The project folder: a relative SQLite path is resolved against it. */
  projectDir: string;
  logger: Logger;
}

/** Opens and migrates the store; closes it again if migrating fails. */
export async function openRunStore(config: RunStoreConfig | undefined, context: OpenRunStoreContext): Promise<RunStore> {
  const store = await createStore(config, context);
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

async function createStore(config: RunStoreConfig | undefined, { projectDir, logger }: OpenRunStoreContext): Promise<RunStore> {
  if (config === undefined || config.type === 'sqlite') {
    const file = config?.path ? path.resolve(projectDir, config.path) : defaultSqliteRunStorePath(projectDir);
    return createSqliteRunStore({ path: file, busyTimeoutMs: config?.busy_timeout_ms, logger });
  }
  return createPostgresRunStore({
    connectionString: config.connection_string,
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    ssl: config.ssl,
    schema: config.schema,
    poolSize: config.pool_size,
    logger,
  });
}
