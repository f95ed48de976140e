#!/usr/bin/env node
/**
 * kill -9 test of the ingest loader (uses the built dist/: run `npm run build` first).
 *
 * Spawns a child process that ingests N generated records into a DuckDB FILE
 * in checkpoints (each batch carries its state: the next offset), SIGKILLs it
 * at random moments, reruns until one run completes, then checks that the
 * final tables equal the source exactly. Append and merge modes.
 *
 * With `--source postgres` the records come from a Postgres table (PGHOST...,
 * default 127.0.0.1:5432 postgres/test, schema basin_kill_src) through the
 * postgres source with a spool folder: CSV chunk files loaded by the DuckDB
 * CSV fast path (append: cursor `seq`; merge: every id twice, key `id`,
 * cursor `seq`); a run killed mid-chunk resumes from the committed cursor state.
 *
 *   node scripts/ingest-kill-test.mjs [--n 200000] [--kills 20] [--batch 5000] [--mode append|merge|both] [--min-delay-ms 250] [--max-delay-ms 1500] [--source postgres]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]?.startsWith('--') || all[i + 1] === undefined ? 'true' : all[i + 1]]] : acc), []),
);
const N = Number(args.n ?? 200_000);
const BATCH = Number(args.batch ?? 5000);
const dist = new URL('../dist/', import.meta.url);
const FROM_POSTGRES = args.source === 'postgres';
const pgConn = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  database: process.env.PGDATABASE ?? 'test',
};
const PG_SCHEMA = 'basin_kill_src';

/** The Postgres form of the source (`--source postgres`): one table per mode, the query stream that reads it. */
async function createPostgresSource(mode) {
  const pg = (await import('pg')).default;
  const admin = new pg.Client(pgConn);
  await admin.connect();
  const m = N / 2;
  const row =
    mode === 'append'
      ? `g AS id, 'r' || g AS v, 'a,"q"' || E'\\n' || g AS note, g AS seq`
      : `g % ${m} AS id, 'r' || (g % ${m}) || 'v' || (g / ${m}) AS v, g / ${m} AS version, g AS seq`;
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${PG_SCHEMA}; DROP TABLE IF EXISTS ${PG_SCHEMA}.t_${mode}`);
  await admin.query(`CREATE TABLE ${PG_SCHEMA}.t_${mode} AS SELECT ${row} FROM generate_series(0, ${N - 1}) g`);
  await admin.end();
}

async function dropPostgresSource() {
  const pg = (await import('pg')).default;
  const admin = new pg.Client(pgConn);
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE`);
  await admin.end();
}

/** The child's postgres stream (chunks of BATCH rows). */
async function postgresStream(mode) {
  const { postgresSource } = await import(new URL('ingest/sources/postgres/index.js', dist));
  const { silentLogger } = await import(new URL('core/logger.js', dist));
  const settings = mode === 'append' ? { table: `${PG_SCHEMA}.t_append`, cursor: 'seq' } : { table: `${PG_SCHEMA}.t_merge`, primary_key: 'id', cursor: 'seq' };
  const source = postgresSource.create(postgresSource.configSchema.parse({ ...pgConn, chunk_size: BATCH }), {
    projectDir: process.cwd(),
    connection: 'kill',
    streams: { t: settings },
    logger: silentLogger,
  });
  const [stream] = await source.streams(new AbortController().signal);
  return stream;
}

/** The source: record `s` of the stream. Merge mode sends every id twice (a second, newer version). */
function sourceRecord(mode, s) {
  if (mode === 'append') return { id: s, v: `r${s}`, nested: { a: s % 7, b: { c: `c${s % 3}` } }, items: [s, s + 1] };
  const m = N / 2;
  const id = s % m;
  const version = Math.floor(s / m);
  return { id, v: `r${id}v${version}`, version, nested: { a: id % 7 }, items: version === 0 ? [id, id, id] : [id, id + 1] };
}

async function child() {
  const mode = args.mode;
  const { createDuckDbWarehouse } = await import(new URL('warehouse/duckdb/index.js', dist));
  const { openStreamLoader } = await import(new URL('ingest/loader/index.js', dist));
  const { silentLogger } = await import(new URL('core/logger.js', dist));
  const wh = await createDuckDbWarehouse({ path: args.db, threads: 2 }, { logger: silentLogger });
  if (FROM_POSTGRES) {
    const stream = await postgresStream(mode);
    const loader = await openStreamLoader({
      warehouse: wh, schema: 'raw', stream: stream.definition, loadId: `load_${process.pid}_${Date.now()}`, fullRefresh: false, spoolDir: args.spool, logger: silentLogger,
    });
    const context = { state: loader.initialState, fullRefresh: false, signal: new AbortController().signal, logger: silentLogger, spoolDir: args.spool };
    for await (const batch of stream.read(context)) await loader.load(batch);
    await loader.finish('succeeded');
    await wh.close();
    process.stdout.write('done\n');
    return;
  }
  const loader = await openStreamLoader({
    warehouse: wh,
    schema: 'raw',
    stream: { name: 't', primaryKey: ['id'], cursorField: mode === 'merge' ? 'version' : undefined, write: mode },
    loadId: `load_${process.pid}_${Date.now()}`,
    fullRefresh: false,
    spoolDir: args.spool,
    logger: silentLogger,
  });
  let offset = Number(loader.initialState?.offset ?? 0);
  while (offset < N) {
    const end = Math.min(N, offset + BATCH);
    const records = [];
    for (let s = offset; s < end; s++) records.push(sourceRecord(mode, s));
    await loader.load({ kind: 'records', records, state: { offset: end } });
    offset = end;
  }
  await loader.finish('succeeded');
  await wh.close();
  process.stdout.write('done\n');
}

function run(mode, db, spool, killAfterMs) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', '--mode', mode, '--db', db, '--spool', spool, '--n', String(N), '--batch', String(BATCH), ...(FROM_POSTGRES ? ['--source', 'postgres'] : [])], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (c) => (out += c));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => p.kill('SIGKILL'), killAfterMs);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ completed: out.includes('done'), code, signal });
    });
  });
}

async function verify(mode, db) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(db);
  const c = await inst.connect();
  const one = async (sql) => Number((await c.runAndReadAll(sql)).getRows()[0][0]);
  const problems = [];
  const check = async (label, sql, expected) => {
    const got = await one(sql);
    if (got !== expected) problems.push(`${label}: expected ${expected}, got ${got}`);
  };
  if (FROM_POSTGRES && mode === 'append') {
    await check('rows', 'SELECT count(*) FROM raw.t', N);
    await check('distinct ids', 'SELECT count(DISTINCT id) FROM raw.t', N);
    await check('wrong values', `SELECT count(*) FROM raw.t WHERE v <> 'r' || id OR note <> 'a,"q"' || chr(10) || id OR seq <> id`, 0);
  } else if (FROM_POSTGRES) {
    const m = N / 2;
    await check('rows', 'SELECT count(*) FROM raw.t', m);
    await check('distinct ids', 'SELECT count(DISTINCT id) FROM raw.t', m);
    await check('latest versions', `SELECT count(*) FROM raw.t WHERE version = 1 AND v = 'r' || id || 'v1' AND seq = id + ${m}`, m);
  } else if (mode === 'append') {
    await check('rows', 'SELECT count(*) FROM raw.t', N);
    await check('distinct ids', 'SELECT count(DISTINCT id) FROM raw.t', N);
    await check('id range', 'SELECT max(id) - min(id) + 1 FROM raw.t', N);
    await check('wrong values', `SELECT count(*) FROM raw.t WHERE v <> 'r' || id OR nested__a <> id % 7 OR nested__b__c <> 'c' || (id % 3)`, 0);
    await check('child rows', 'SELECT count(*) FROM raw.t__items', 2 * N);
    await check('wrong child rows', 'SELECT count(*) FROM raw.t__items c LEFT JOIN raw.t p ON c._basin_parent_id = p._basin_id WHERE p.id IS NULL OR c.value <> p.id + c._basin_list_idx', 0);
  } else {
    const m = N / 2;
    await check('rows', 'SELECT count(*) FROM raw.t', m);
    await check('distinct ids', 'SELECT count(DISTINCT id) FROM raw.t', m);
    await check('latest versions', `SELECT count(*) FROM raw.t WHERE version = 1 AND v = 'r' || id || 'v1'`, m);
    await check('child rows', 'SELECT count(*) FROM raw.t__items', 2 * m);
    await check('wrong child rows', 'SELECT count(*) FROM raw.t__items c LEFT JOIN raw.t p ON c._basin_parent_id = p._basin_id WHERE p.id IS NULL OR c.value <> p.id + c._basin_list_idx', 0);
  }
  await check('staging tables left', "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '\\_basin\\_stg\\_%' ESCAPE '\\'", 0);
  const loads = (await c.runAndReadAll("SELECT status, count(*) FROM raw._basin_loads GROUP BY status ORDER BY status")).getRows();
  c.disconnectSync();
  inst.closeSync();
  return { problems, loads: Object.fromEntries(loads.map(([s, n]) => [s, Number(n)])) };
}

async function parent() {
  const kills = Number(args.kills ?? 20);
  const maxDelay = Number(args['max-delay-ms'] ?? 1500);
  const minDelay = Math.min(maxDelay - 1, Number(args['min-delay-ms'] ?? 250));
  const modes = (args.mode ?? 'both') === 'both' ? ['append', 'merge'] : [args.mode];
  let failed = false;
  for (const mode of modes) {
    const dir = mkdtempSync(join(tmpdir(), 'basin-kill-'));
    const db = join(dir, 'kill.duckdb');
    const spool = join(dir, 'spool');
    mkdirSync(spool);
    if (FROM_POSTGRES) await createPostgresSource(mode);
    let spooled = 0;
    const started = Date.now();
    let killed = 0;
    let completedEarly = 0;
    try {
      // Kill until `kills` runs died mid-ingest; a run that completes first ends the kill phase.
      for (let attempts = 0; killed < kills && attempts < kills * 3; attempts++) {
        const r = await run(mode, db, spool, minDelay + Math.floor(Math.random() * (maxDelay - minDelay)));
        // files a killed child left behind (the next run's stream overwrites or leaves them; runIngest removes the folder)
        spooled = Math.max(spooled, readdirSync(spool).length);
        if (r.completed) {
          completedEarly++;
          break;
        } else if (r.signal === 'SIGKILL') killed++;
        else throw new Error(`child failed with code ${r.code}`);
      }
      const last = await run(mode, db, spool, undefined);
      if (!last.completed) throw new Error(`final run failed with code ${last.code}`);
      const { problems, loads } = await verify(mode, db);
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`${mode}: N=${N} batch=${BATCH} kills=${killed} (a run finished before its kill: ${completedEarly > 0 ? 'yes' : 'no'}) loads=${JSON.stringify(loads)} time=${secs}s${FROM_POSTGRES ? ` spool files left by a kill: max ${spooled}` : ''} -> ${problems.length === 0 ? 'OK: tables equal the source' : 'MISMATCH'}`);
      for (const p of problems) console.log(`  ${p}`);
      if (problems.length > 0) failed = true;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (FROM_POSTGRES) await dropPostgresSource();
  process.exitCode = failed ? 1 : 0;
}

if (args.child) await child();
else await parent();
