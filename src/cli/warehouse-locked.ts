/**
 * What to say when the project's DuckDB file is held by another process:
 * the running `basin serve` when there is one (and how to go through it),
 * else the process DuckDB named.
 */
import { BasinError } from '../core/errors.js';
import { findRunningServer, type ServerFile } from './server-file.js';

/** True for the error DuckDB gives when another process holds the file. */
export function isWarehouseLocked(err: unknown): boolean {
  return err instanceof BasinError && err.code === 'WAREHOUSE_LOCKED';
}

/** The server holding the warehouse, when `err` is a lock error and a server runs on the project. */
export async function lockingServer(err: unknown, projectDir: string): Promise<ServerFile | undefined> {
  return isWarehouseLocked(err) ? findRunningServer(projectDir) : undefined;
}

/** A WAREHOUSE_LOCKED error that says what to do; other errors are returned unchanged. */
export async function explainWarehouseLocked(err: unknown, projectDir: string): Promise<unknown> {
  if (!isWarehouseLocked(err)) return err;
  const server = await findRunningServer(projectDir);
  const base = (err as Error).message;
  const advice = server
    ? `It is \`basin serve\` (pid ${server.pid}, ${server.url}). While it runs, \`basin pipeline\` and \`basin query\` go through it ` +
      `(\`basin pipeline <selector>\` runs any models, seeds, tests or ingests there); for other commands stop the server first (Ctrl-C or SIGTERM).`
    : 'Wait for that process to finish or stop it (is another `basin` command still running?), then try again.';
  return new BasinError('WAREHOUSE_LOCKED', `${base}. ${advice}`, { cause: err });
}
