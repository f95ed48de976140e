import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../core/logger.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../exit-codes.js';
import { packageRoot } from '../package-root.js';
import { runNodeCommand } from './node-command.js';
import { runQuery } from './query.js';

/** Options of `basin demo`. */
export interface DemoOptions {
  dir?: string | undefined;
  json?: boolean | undefined;
}

/** The example project shipped with Basin. */
export function exampleProjectDir(): string {
  return path.join(packageRoot(), 'examples', 'saas');
}

/**
 * `basin demo`: copies the example project (a SaaS company's billing, CRM
 * and product-event models) into a folder, builds it end to end (seeds,
 * models, snapshot, tests) and queries the result.
 */
export async function runDemo(options: DemoOptions, io: CliIo, logger: Logger, signal?: AbortSignal): Promise<number> {
  const dir = path.resolve(io.cwd, options.dir ?? 'basin-demo');
  await rm(dir, { recursive: true, force: true });
  await cp(exampleProjectDir(), dir, {
    recursive: true,
    filter: (src) => !/(^|\/)(target|warehouse\.duckdb(\.wal)?)$/.test(src),
  });
  io.stderr.write(`Demo project copied to ${dir}\n`);
  const code = await runNodeCommand('build', { project: dir, json: options.json }, io, logger, signal);
  if (code !== EXIT_OK) return code;
  if (!options.json) {
    io.stderr.write('\nRevenue and activity by plan (basin query):\n');
    await runQuery(
      'select plan, count(*) as customers, sum(mrr) as mrr, sum(lifetime_revenue) as lifetime_revenue, sum(events) as events from dim_customers group by plan order by mrr desc',
      { project: dir },
      io,
      logger,
    );
    const shown = path.relative(io.cwd, dir);
    io.stderr.write(`\nTry: basin query "select * from fct_mrr limit 5" --project ${shown.startsWith('..') ? dir : shown || '.'}\n`);
  }
  return EXIT_OK;
}
