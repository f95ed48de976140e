import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { processEnv } from '../../config/index.js';
import type { Logger } from '../../core/logger.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../exit-codes.js';
import { toJson } from '../../core/json-text.js';
import { packageRoot } from '../package-root.js';
import { runPipelineCommand } from './pipeline.js';
import { runQuery } from './query.js';

/** Options of `basin demo`. */
export interface DemoOptions {
  dir?: string | undefined;
  json?: boolean | undefined;
  /** After the run, keep the sandbox up and run `basin serve` on the demo project (on this port) until stopped. */
  serve?: boolean | string | undefined;
}

/** The example project `basin demo` runs: the seed's company, seven sources. */
export function exampleProjectDir(): string {
  return path.join(packageRoot(), 'examples', 'company');
}

/** Where the demo remembers the sandbox time it last ran at (so a rerun sees a day of changes). */
const DEMO_STATE = path.join('.basin', 'demo.json');
/** The sandbox's clock on a first demo run. */
const FIRST_CLOCK = new Date('2025-01-01T00:00:00.000Z');
const DAY_MS = 24 * 3600 * 1000;

async function previousClock(dir: string): Promise<Date | undefined> {
  try {
    const state = JSON.parse(await readFile(path.join(dir, DEMO_STATE), 'utf8')) as { clock?: string };
    const at = state.clock ? new Date(state.clock) : undefined;
    return at && !Number.isNaN(at.getTime()) ? at : undefined;
  } catch {
    return undefined;
  }
}

/** Collects what a command writes to stdout (its --json document). */
function capture(): { stream: Writable; text(): string } {
  const chunks: Buffer[] = [];
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    }),
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

/**
 * `basin demo`: starts the sandbox (local fakes of Stripe, HubSpot, Help
 * Scout, Amplitude, Firestore, Google Sheets and Cloud Logging over one
 * synthetic company) in this process, writes the example project into a
 * folder and runs its whole pipeline once (every source into its raw schema,
 * then the models and tests, then the syncs to Customer.io and HubSpot, in
 * one graph, recorded in the run store), and
 * shows the result. Run again, it keeps the warehouse and moves the
 * sandbox a day forward: the second ingest loads only the changes.
 */
export async function runDemo(options: DemoOptions, io: CliIo, logger: Logger, signal?: AbortSignal): Promise<number> {
  const dir = path.resolve(io.cwd, options.dir ?? 'basin-demo');
  const previous = await previousClock(dir);
  const clock = previous ? new Date(previous.getTime() + DAY_MS) : FIRST_CLOCK;
  // The project files are replaced; the warehouse and ingest state are kept.
  await rm(path.join(dir, 'models'), { recursive: true, force: true });
  await rm(path.join(dir, 'sources'), { recursive: true, force: true });
  await rm(path.join(dir, 'destinations'), { recursive: true, force: true });
  await rm(path.join(dir, 'syncs'), { recursive: true, force: true });
  await cp(exampleProjectDir(), dir, { recursive: true, filter: (src) => !/(^|\/)(target|\.basin|warehouse\.duckdb(\.wal)?)$/.test(src) });
  io.stderr.write(`Demo project ${previous ? 'updated' : 'written'} in ${dir}\n`);

  const { startSandbox } = await import('../../sandbox/index.js');
  const sandbox = await startSandbox({ clock, logger });
  try {
    io.stderr.write(`Sandbox (fake Stripe, HubSpot, Help Scout, Amplitude, Firestore, Google Sheets, Cloud Logging; Customer.io and HubSpot as sync destinations) at ${sandbox.url}, time ${clock.toISOString()}\n\n`);
    const env = { ...processEnv(), ...sandbox.environment() };
    const pipelineOut = capture();
    const pipelineIo: CliIo = { ...io, env, stdout: options.json ? pipelineOut.stream : io.stdout };
    // The whole pipeline once: every connection's ingest, then the models and tests, in one graph.
    const code = await runPipelineCommand([], { project: dir, json: options.json }, pipelineIo, logger, signal);
    await mkdir(path.join(dir, '.basin'), { recursive: true });
    await writeFile(path.join(dir, DEMO_STATE), `${JSON.stringify({ clock: clock.toISOString() })}\n`);
    if (options.json) {
      io.stdout.write(`${toJson({ success: code === EXIT_OK, project: dir, sandbox_time: clock.toISOString(), pipeline: JSON.parse(pipelineOut.text()) })}\n`);
      return code;
    }
    if (code === EXIT_OK) {
      io.stderr.write('\nLargest customers across all seven sources (basin query):\n');
      await runQuery(
        'select name, plan, mrr, users, spaces, crm_owner, support_conversations, events_30d from dim_customer_360 order by mrr desc, name limit 5',
        { project: dir },
        io,
        logger,
      );
    }
    const shown = path.relative(io.cwd, dir);
    const where = shown.startsWith('..') || shown === '' ? dir : shown;
    const again = `basin demo${options.dir && options.dir !== 'basin-demo' ? ` --dir ${options.dir}` : ''}`;
    if (options.serve !== undefined && options.serve !== false) {
      io.stderr.write(`\nServing the demo project with the sandbox kept running (Ctrl-C to stop):\n`);
      const port = typeof options.serve === 'string' ? options.serve : '4260';
      const { runServe } = await import('./serve.js');
      return await runServe({ project: dir, port }, { ...io, env }, logger, signal ?? new AbortController().signal);
    }
    io.stderr.write(
      `\nNext:\n  basin query "select * from fct_mrr_by_month order by month desc limit 6" --project ${where}\n` +
        `  ${again} --serve   (keep the sandbox up; the scheduler and the API on http://127.0.0.1:4260 run the sources' schedules)\n` +
        `  ${again}   (again: the sandbox moves a day and only the changes load)\n`,
    );
    return code;
  } finally {
    await sandbox.close();
  }
}
