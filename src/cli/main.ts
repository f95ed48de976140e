import { Command, CommanderError, Option } from 'commander';
import { BasinError, errorMessage } from '../core/errors.js';
import type { LogLevel } from '../core/logger.js';
import { processIo, type CliIo } from './cli-io.js';
import type { NodeCommandOptions } from './commands/node-command.js';
import { EXIT_USAGE, exitCodeForError } from './exit-codes.js';
import { createTerminalLogger } from './terminal-logger.js';
import type { TransformCommand } from '../transform/execute/run-types.js';

/** Basin's version, printed by `basin --version`. */
export const VERSION = '0.1.0';

const NODE_COMMANDS: Array<{ name: TransformCommand; summary: string }> = [
  { name: 'build', summary: 'Seed, run, snapshot and test the selected nodes in graph order' },
  { name: 'run', summary: 'Build the selected models' },
  { name: 'test', summary: 'Run the data tests of the selected nodes' },
  { name: 'seed', summary: 'Load the CSV seeds into the warehouse' },
  { name: 'snapshot', summary: 'Record changes of the selected snapshots (SCD type 2)' },
  { name: 'compile', summary: 'Render the selected nodes to SQL under target/compiled' },
];

const INDIRECT = new Option('--indirect-selection <mode>', 'how tests of selected nodes are selected').choices(['eager', 'cautious', 'buildable', 'empty']);

/**
 * Runs the CLI with `argv` (without node and script); resolves with the exit code.
 * Each command's module is imported when the command runs, so `basin compile`
 * never loads the ingest engine or the sandbox (and the bundle splits accordingly).
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    io.stderr.write('\nStopping: running work is being interrupted (Ctrl-C again to exit now)\n');
    controller.abort(new BasinError('ABORTED', 'cancelled by the user'));
  };
  process.on('SIGINT', onSigint);
  // SIGTERM (a service manager stopping `basin serve`) stops as cleanly as Ctrl-C.
  process.on('SIGTERM', onSigint);

  const program = new Command('basin')
    .description("Basin: one tool for a company's data platform (warehouse, dbt-compatible models, tests)")
    .version(VERSION)
    .option('--log-level <level>', 'debug, info, warn or error', 'info')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const logger = () => createTerminalLogger((program.opts().logLevel ?? 'info') as LogLevel, io.stderr);
  const run = (fn: () => Promise<number>) => async () => {
    exitCode = await fn();
  };

  for (const { name, summary } of NODE_COMMANDS) {
    program
      .command(name)
      .description(summary)
      .option('--project <dir>', 'project folder', '.')
      .option('-s, --select <selector...>', 'dbt node selection (e.g. +fct_mrr, tag:finance, path:models/staging)')
      .option('--exclude <selector...>', 'nodes to leave out')
      .addOption(INDIRECT)
      .option('--threads <n>', 'nodes to run at once')
      .option('--full-refresh', 'rebuild incremental models and seeds from scratch')
      .option('--vars <yaml>', 'override project vars (YAML or JSON mapping)')
      .option('--target <name>', 'target name (profiles.yml output)')
      .option('--json', 'print the results as JSON on stdout')
      .action((opts: NodeCommandOptions) => run(async () => (await import('./commands/node-command.js')).runNodeCommand(name, opts, io, logger(), controller.signal))());
  }

  program
    .command('ls')
    .alias('list')
    .description('List the resources of the project (dbt ls)')
    .option('--project <dir>', 'project folder', '.')
    .option('-s, --select <selector...>', 'node selection')
    .option('--exclude <selector...>', 'nodes to leave out')
    .option('--resource-type <type...>', 'model, seed, snapshot, test, analysis, source')
    .addOption(INDIRECT)
    .addOption(new Option('--output <format>', 'what to print per resource').choices(['selector', 'name', 'path', 'json']).default('selector'))
    .option('--vars <yaml>', 'override project vars')
    .option('--target <name>', 'target name')
    .option('--json', 'print JSON (same as --output json)')
    .action((opts) => run(async () => (await import('./commands/ls.js')).runLs(opts, io, logger()))());

  program
    .command('query')
    .description("Run SQL against the project's warehouse (default schema: the target schema)")
    .argument('<sql>', 'the SQL statement')
    .option('--project <dir>', 'project folder', '.')
    .option('--target <name>', 'target name')
    .option('--json', 'print a JSON array of row objects')
    .option('--csv', 'print CSV')
    .option('--limit <n>', 'rows to print in the table view', '500')
    .action((sql: string, opts) => run(async () => (await import('./commands/query.js')).runQuery(sql, opts, io, logger()))());

  program
    .command('ingest')
    .description('Copy the selected source streams (sources/*.yml) into their raw schemas')
    .argument('[selector...]', 'connections or streams: stripe, stripe.customers, source:files.*')
    .option('--project <dir>', 'project folder', '.')
    .option('--full-refresh', 'reload from scratch, ignoring saved cursors')
    .option('--target <name>', 'target name')
    .option('--json', 'print the results as JSON on stdout')
    .action((selectors: string[], opts) => run(async () => (await import('./commands/ingest.js')).runIngestCommand(selectors, opts, io, logger(), controller.signal))());

  program
    .command('pipeline')
    .description('Run the selected assets of every kind (ingests, seeds, models, snapshots, tests) once, in one graph')
    .argument('[selector...]', 'dbt selection syntax across kinds: source:stripe+, +fct_mrr, tag:finance, connection:*, kind:model')
    .option('--project <dir>', 'project folder', '.')
    .option('--exclude <selector...>', 'assets to leave out')
    .option('--full-refresh', 'reload sources and rebuild incremental models from scratch')
    .option('--retries <n>', 'retry a failed asset up to n times (backoff from 2 s)')
    .option('--timeout <seconds>', 'fail an asset attempt that runs longer')
    .option('--rerun <run-id>', 'run again only what failed or was skipped in that run')
    .option('--target <name>', 'target name')
    .option('--vars <yaml>', 'variables (YAML or JSON mapping)')
    .option('--json', 'print the results as JSON on stdout')
    .action((selectors: string[], opts) => run(async () => (await import('./commands/pipeline.js')).runPipelineCommand(selectors, opts, io, logger(), controller.signal))());

  program
    .command('activate')
    .description('Run the selected syncs (syncs/*.yml) once: send what changed since the last delivery to each destination')
    .argument('[selector...]', 'syncs, or anything upstream of them: sync:pqa_people, sync:*, source:stripe+, tag:crm (default: every sync)')
    .option('--project <dir>', 'project folder', '.')
    .option('--exclude <selector...>', 'syncs to leave out')
    .option('--dry-run', 'compute and print the diff (what would be added, changed, removed), send nothing')
    .option('--full-resync', 'send every row again, not only what changed')
    .option('--target <name>', 'target name')
    .option('--vars <yaml>', 'variables (YAML or JSON mapping)')
    .option('--json', 'print the results as JSON on stdout')
    .action((selectors: string[], opts) => run(async () => (await import('./commands/activate.js')).runActivateCommand(selectors, opts, io, logger(), controller.signal))());

  program
    .command('deps')
    .description('Install the packages of packages.yml (local folders, git repositories) into dbt_packages/')
    .option('--project <dir>', 'project folder', '.')
    .option('--json', 'print what was installed as JSON')
    .action((opts) => run(async () => (await import('./commands/deps.js')).runDeps(opts, io, logger()))());

  program
    .command('serve')
    .description('Run the scheduler (jobs and connection schedules) and the HTTP API under /api/ until stopped')
    .option('--project <dir>', 'project folder', '.')
    .option('--port <n>', 'port on 127.0.0.1', '4260')
    .option('--allow-writes', 'let /api/query (and `basin query` through the server) run statements that write (implies --allow-file-access)')
    .option('--allow-file-access', 'let read-only /api/query statements read files and URLs the server can reach (read_csv, FROM \'x.parquet\', pg_read_file)')
    .option('--target <name>', 'target name')
    .option('--vars <yaml>', 'variables (YAML or JSON mapping)')
    .action((opts) => run(async () => (await import('./commands/serve.js')).runServe(opts, io, logger(), controller.signal))());

  const sources = program.command('sources').description('The connections in sources/*.yml');
  sources
    .command('check')
    .description('Validate each connection and check that Basin can reach it')
    .argument('[connection...]', 'connections to check (default: all)')
    .option('--project <dir>', 'project folder', '.')
    .option('--target <name>', 'target name')
    .option('--json', 'print the results as JSON')
    .action((selectors: string[], opts) => run(async () => (await import('./commands/sources.js')).runSourcesCheck(selectors, opts, io, logger(), controller.signal))());
  sources
    .command('ls')
    .alias('list')
    .description('List the connections with their schema, streams, audience and owner (secrets redacted)')
    .option('--project <dir>', 'project folder', '.')
    .option('--target <name>', 'target name')
    .option('--json', 'print JSON')
    .action((opts) => run(async () => (await import('./commands/sources.js')).runSourcesList(opts, io, logger()))());

  const destinations = program.command('destinations').description('The reverse-ETL destinations in destinations/*.yml');
  destinations
    .command('check')
    .description("Validate each destination and check its credentials with the destination's own API")
    .argument('[destination...]', 'destinations to check (default: all)')
    .option('--project <dir>', 'project folder', '.')
    .option('--target <name>', 'target name')
    .option('--json', 'print the results as JSON')
    .action((names: string[], opts) => run(async () => (await import('./commands/destinations.js')).runDestinationsCheck(names, opts, io, logger(), controller.signal))());
  destinations
    .command('ls')
    .alias('list')
    .description('List the destinations with their type, owner and the syncs writing to them (secrets redacted)')
    .option('--project <dir>', 'project folder', '.')
    .option('--target <name>', 'target name')
    .option('--json', 'print JSON')
    .action((opts) => run(async () => (await import('./commands/destinations.js')).runDestinationsList(opts, io, logger()))());

  const dashboards = program.command('dashboards').description('The dashboards in dashboards/*.md');
  dashboards
    .command('ls')
    .alias('list')
    .description('List the dashboards with what they read and their report schedule')
    .option('--project <dir>', 'project folder', '.')
    .option('--target <name>', 'target name')
    .option('--json', 'print JSON')
    .action((opts) => run(async () => (await import('./commands/dashboards.js')).runDashboardsList(opts, io, logger()))());
  dashboards
    .command('export')
    .description("Run a dashboard's queries and write it as a self-contained HTML page or a PDF")
    .argument('<name>', 'the dashboard (dashboards/<name>.md)')
    .option('--project <dir>', 'project folder', '.')
    .option('--target <name>', 'target name')
    .option('--vars <yaml>', 'variables (YAML or JSON mapping)')
    .option('--format <format>', 'html or pdf', 'html')
    .option('--out <file>', 'where to write it (default <name>.<format>)')
    .option('--input <name=value...>', "an input's value (date ranges: YYYY-MM-DD..YYYY-MM-DD, last_30_days, all)")
    .option('--chromium <path>', 'Chromium for PDF', '/usr/bin/chromium')
    .action((name: string, opts) => run(async () => (await import('./commands/dashboards.js')).runDashboardsExport(name, opts, io, logger(), controller.signal))());

  program
    .command('sandbox')
    .description('Serve local fakes of the SaaS APIs (one synthetic company behind them) until Ctrl-C')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)')
    .option('--scale <s>', 'volume multiplier (1 = hundreds of customers)')
    .option('--seed <n>', 'seed of the synthetic company')
    .option('--json', 'print the URL and each API base URL and keys as JSON')
    .action((opts) => run(async () => (await import('./commands/sandbox.js')).runSandboxCommand(opts, io, logger(), controller.signal))());

  program
    .command('init')
    .description('Create a new project folder with a seed, models and tests')
    .argument('<dir>', 'the folder to create')
    .option('--json', 'print what was created as JSON')
    .action((dir: string, opts: { json?: boolean }) => run(async () => (await import('./commands/init.js')).runInit(dir, io, opts))());

  program
    .command('demo')
    .description('Build the example project end to end and query it')
    .option('--dir <dir>', 'where to put the demo project', 'basin-demo')
    .option('--json', 'print the build results as JSON')
    .option('--serve [port]', 'then keep the sandbox up and run basin serve on the demo project (default port 4260)')
    .action((opts) => run(async () => (await import('./commands/demo.js')).runDemo(opts, io, logger(), controller.signal))());
  (await import('./commands/analyze.js')).registerAnalyzeCommand(program, { io, logger, run, signal: controller.signal });
  (await import('./commands/tokens.js')).registerTokensCommand(program, { io, run });

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_USAGE;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    io.stderr.write(`${err instanceof BasinError ? '' : 'Unexpected error: '}${errorMessage(err)}\n`);
    const cause = err instanceof Error ? err.cause : undefined;
    if (cause && program.opts().logLevel === 'debug') io.stderr.write(`caused by: ${errorMessage(cause)}\n`);
    return exitCodeForError(err);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
