import { BasinError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { runSandboxServer } from '../../sandbox/index.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../exit-codes.js';
import { toJson } from '../../core/json-text.js';

/** Options of `basin sandbox`. */
export interface SandboxCommandOptions {
  port?: string | undefined;
  scale?: string | undefined;
  seed?: string | undefined;
  json?: boolean | undefined;
}

function positiveNumber(value: string | undefined, flag: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
    throw new BasinError('USAGE', `${flag} must be a ${integer ? 'non-negative integer' : 'non-negative number'} (got '${value}')`);
  }
  return n;
}

/**
 * `basin sandbox`: serves the local fakes of the SaaS APIs Basin talks to
 * (one synthetic company behind all of them) until interrupted.
 */
export async function runSandboxCommand(options: SandboxCommandOptions, io: CliIo, logger: Logger, signal: AbortSignal): Promise<number> {
  const port = positiveNumber(options.port, '--port', true);
  const scale = positiveNumber(options.scale, '--scale', false);
  const seed = positiveNumber(options.seed, '--seed', true);
  const sandbox = await runSandboxServer({
    logger,
    ...(port === undefined ? {} : { port }),
    ...(scale === undefined ? {} : { scale }),
    ...(seed === undefined ? {} : { seed }),
  });
  const environment = sandbox.environment();
  if (options.json) {
    const vendors = Object.fromEntries(sandbox.vendors.map((v) => [v.name, { base_url: sandbox.baseUrl(v.name), credentials: v.credentials }]));
    io.stdout.write(`${toJson({ url: sandbox.url, vendors, environment })}\n`);
  } else {
    // Shell lines a user pastes so sources/*.yml written with ${env:...} reach the sandbox.
    const quote = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;
    io.stdout.write('# Point a project\'s connections at this sandbox:\n');
    for (const [name, value] of Object.entries(environment)) io.stdout.write(`export ${name}=${quote(value)}\n`);
  }
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await sandbox.close();
  return EXIT_OK;
}
