#!/usr/bin/env node
/**
 * Basin's benchmarks for the transform engine. Prints a table of figures.
 *
 *   node bench/run.mjs [--peer] [--only compile|run]
 *
 * compile: generates 1,000- and 10,000-model projects (bench/generate-project.mjs)
 *          and times `basin compile` end to end (wall clock, peak RSS from
 *          /usr/bin/time), plus the engine alone (parse + compile in process).
 *          With --peer, also Dataform's CLI 3.0.69 on the same graph.
 * run:     1,000 trivial view models on DuckDB with `basin run` (first build and rebuild),
 *          and the orchestration overhead per node.
 *
 * Needs `npm install` (which builds dist/). Writes projects under bench/out/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const out = path.join(here, 'out');
const basinBin = path.join(root, 'bin', 'basin.js');
const args = process.argv.slice(2);
const peer = args.includes('--peer');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const rows = [];

function generate(dir, models, flavour) {
  rmSync(dir, { recursive: true, force: true });
  const extra = flavour ? [`--${flavour}`] : [];
  execFileSync(process.execPath, [path.join(here, 'generate-project.mjs'), dir, '--models', String(models), ...extra], { stdio: 'ignore' });
}

/** Runs a command under /usr/bin/time; returns wall seconds and peak RSS in MB. */
function timed(cmd, cmdArgs, options = {}) {
  const started = process.hrtime.bigint();
  const res = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...cmdArgs], { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (res.status !== 0) {
    throw new Error(`${cmd} ${cmdArgs.join(' ')} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  }
  const lines = res.stderr.trim().split('\n');
  const rssKb = Number(lines[lines.length - 1]);
  return { wall, rssMb: rssKb / 1024 };
}

function record(name, figure, target, note = '') {
  rows.push({ name, figure, target, note });
  console.error(`${name}: ${figure}${target ? ` (target ${target})` : ''}${note ? ` ${note}` : ''}`);
}

function engineOnly(dir) {
  const script = `
    import { loadProjectConfig } from '${root}/dist/config/index.js';
    import { buildManifest } from '${root}/dist/transform/compile/build-manifest.js';
    import { compileNode } from '${root}/dist/transform/compile/compile-node.js';
    import { DuckDbDialect } from '${root}/dist/warehouse/duckdb/duckdb-dialect.js';
    import { silentLogger } from '${root}/dist/core/logger.js';
    const t0 = performance.now();
    const config = await loadProjectConfig(${JSON.stringify(dir)});
    const manifest = await buildManifest(config, { dialect: new DuckDbDialect(), logger: silentLogger });
    const t1 = performance.now();
    let n = 0;
    for (const node of manifest.nodes.values()) {
      if (node.resourceType !== 'model') continue;
      await compileNode(manifest, node, {});
      n++;
    }
    const t2 = performance.now();
    console.log(JSON.stringify({ parse: (t1 - t0) / 1000, compile: (t2 - t1) / 1000, models: n, rss: process.resourceUsage().maxRSS / 1024 }));
  `;
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(res.stderr);
  return JSON.parse(res.stdout.trim().split('\n').pop());
}

function compileBench() {
  for (const models of [1000, 10000]) {
    const dir = path.join(out, `compile-${models}`);
    generate(dir, models);
    const engine = engineOnly(dir);
    record(`engine parse + compile, ${models} models (in process)`, `${(engine.parse + engine.compile).toFixed(2)} s (parse ${engine.parse.toFixed(2)}, compile ${engine.compile.toFixed(2)}), ${engine.rss.toFixed(0)} MB`, '');
    const cli = timed(process.execPath, [basinBin, 'compile', '--project', dir, '--threads', '1']);
    record(`basin compile, ${models} models (CLI wall)`, `${cli.wall.toFixed(2)} s, peak RSS ${cli.rssMb.toFixed(0)} MB`, models === 1000 ? '<= 0.5 s' : '<= 3 s, <= 300 MB');
    if (peer && models <= 10000) {
      const dfDir = path.join(out, `dataform-${models}`);
      generate(dfDir, models, 'dataform');
      const cliDir = path.join(out, 'dataform-cli');
      if (!existsSync(path.join(cliDir, 'node_modules', '.bin', 'dataform'))) {
        mkdirSync(cliDir, { recursive: true });
        execFileSync('npm', ['install', '--prefix', cliDir, '--no-audit', '--no-fund', '@dataform/cli@3.0.69'], { stdio: 'ignore' });
      }
      try {
        const bin = path.join(cliDir, 'node_modules', '.bin', 'dataform');
        spawnSync(bin, ['install', dfDir], { stdio: 'ignore' });
        const df = timed(bin, ['compile', dfDir, '--json'], { maxBuffer: 1 << 30 });
        record(`Dataform CLI 3.0.69 compile, ${models} models (peer)`, `${df.wall.toFixed(2)} s, peak RSS ${df.rssMb.toFixed(0)} MB`, '');
      } catch (err) {
        record(`Dataform CLI 3.0.69 compile, ${models} models (peer)`, 'failed', '', String(err.message).split('\n')[0]);
      }
    }
  }
}

function runBench() {
  const dir = path.join(out, 'run-1000');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'models'), { recursive: true });
  writeFileSync(path.join(dir, 'basin.yml'), 'name: runbench\nwarehouse:\n  type: duckdb\n  path: bench.duckdb\nthreads: 4\n');
  for (let i = 0; i < 1000; i++) {
    const parent = i < 10 ? undefined : `m_${String((i * 7919) % i).padStart(4, '0')}`;
    const sql = parent ? `select id + 1 as id from {{ ref('${parent}') }}` : `select ${i} as id`;
    writeFileSync(path.join(dir, 'models', `m_${String(i).padStart(4, '0')}.sql`), `${sql}\n`);
  }
  const first = timed(process.execPath, [basinBin, 'run', '--project', dir]);
  const second = timed(process.execPath, [basinBin, 'run', '--project', dir]);
  const empty = timed(process.execPath, [basinBin, 'run', '--project', dir, '--select', 'm_0000']);
  const overheadMs = ((second.wall - empty.wall) / 999) * 1000;
  record('basin run, 1,000 view models on DuckDB (first build)', `${first.wall.toFixed(2)} s, peak RSS ${first.rssMb.toFixed(0)} MB`, '<= 5 s');
  record('basin run, 1,000 view models on DuckDB (rebuild)', `${second.wall.toFixed(2)} s`, '<= 5 s');
  record('per-node time (rebuild minus a 1-node run, / 999)', `${overheadMs.toFixed(2)} ms`, '<= 5 ms');
}

mkdirSync(out, { recursive: true });
if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
  console.error('dist/ is missing: run npm install (or npm run build) first');
  process.exit(2);
}
if (!only || only === 'compile') compileBench();
if (!only || only === 'run') runBench();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nMachine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| benchmark | figure | target |');
console.log('|---|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.figure}${r.note ? ` (${r.note})` : ''} | ${r.target} |`);
