import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import type { Row } from '../../../core/types.js';
import { createDuckDbWarehouse } from '../../../warehouse/duckdb/index.js';
import type { Warehouse } from '../../../warehouse/warehouse.js';
import { openStreamLoader } from '../../loader/stream-loader.js';
import type { Stream } from '../../source.js';
import { postgresSource } from './postgres-source.js';

/**
 * The spooled CSV path (COPY to files, DuckDB read_csv) against the record
 * path: the same Postgres streams loaded both ways give identical tables,
 * states and load counters.
 */
const pgSchema = `basin_csv_${randomBytes(4).toString('hex')}`;
const base = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
const SKIP = new Set(['_basin_load_id', '_basin_loaded_at']);
type Mode = 'records' | 'csv-force' | 'csv-js' | 'csv-auto';
const MODES: Mode[] = ['records', 'csv-force', 'csv-js'];

let admin: pg.Client;
let wh: Warehouse;
let spool: string;
let runNo = 0;

async function streamOf(settings: Record<string, unknown>, chunk = 7): Promise<Stream> {
  const config = postgresSource.configSchema.parse({ ...base, schema: pgSchema, chunk_size: chunk });
  const source = postgresSource.create(config, { projectDir: '/tmp', connection: 'pg', streams: { s: settings }, logger: silentLogger });
  const [s] = await source.streams(new AbortController().signal);
  return s!;
}

/** One ingest run of the stream into `schema` (stops after `maxBatches` loads without finishing: a crash). */
async function ingest(schema: string, stream: Stream, mode: Mode, opts: { maxBatches?: number; fullRefresh?: boolean } = {}): Promise<number> {
  const loader = await openStreamLoader({
    warehouse: wh,
    schema,
    stream: stream.definition,
    loadId: `load_${++runNo}`,
    fullRefresh: opts.fullRefresh ?? false,
    spoolDir: spool,
    logger: silentLogger,
    fastPath: mode === 'csv-force' ? 'force' : mode === 'csv-js' ? 'off' : 'auto',
  });
  let batches = 0;
  const context = { state: loader.initialState, fullRefresh: opts.fullRefresh ?? false, signal: new AbortController().signal, logger: silentLogger };
  for await (const batch of stream.read({ ...context, spoolDir: mode === 'records' ? undefined : spool })) {
    if (mode === 'records' || mode === 'csv-force') expect(batch.kind).toBe(mode === 'records' ? 'records' : 'file');
    await loader.load(batch);
    if (++batches === opts.maxBatches) return batches;
  }
  await loader.finish('succeeded');
  return batches;
}

async function snapshot(schema: string): Promise<Record<string, { columns: string[]; rows: Row[] }>> {
  const d = wh.dialect;
  const out: Record<string, { columns: string[]; rows: Row[] }> = {};
  for (const { name } of (await wh.listRelations(schema)).sort((a, b) => a.name.localeCompare(b.name))) {
    const cols = (await wh.getColumns({ schema, name }))!.filter((c) => !SKIP.has(c.name));
    const list = cols.map((c) => d.quoteIdentifier(c.name)).join(', ');
    const order = name.startsWith('_basin_') ? 'stream' : list;
    const { rows } = await wh.query(`SELECT ${list} FROM ${d.relation({ schema, name })} ORDER BY ${order}`);
    const clean =
      name === '_basin_loads'
        ? rows.map((r) => ({ ...r, started_at: null, finished_at: null, load_id: null }))
        : name === '_basin_state'
          ? rows.map((r) => ({ ...r, updated_at: null, load_id: null }))
          : rows;
    out[name] = { columns: cols.map((c) => `${c.name} ${c.type}`), rows: clean };
  }
  return out;
}

/** Runs `steps` once per mode into fresh schemas and expects every snapshot equal to the record path's. */
async function expectSameTables(steps: (schema: string, mode: Mode) => Promise<void>, modes: Mode[] = MODES): Promise<Record<string, { columns: string[]; rows: Row[] }>> {
  const snaps = [];
  for (const mode of modes) {
    const schema = `raw_${++runNo}`;
    await steps(schema, mode);
    snaps.push(await snapshot(schema));
  }
  const [first, ...rest] = snaps;
  for (const other of rest) {
    expect(Object.keys(other)).toEqual(Object.keys(first!));
    for (const table of Object.keys(first!)) expect({ table, ...other[table] }).toEqual({ table, ...first![table] });
  }
  expect(readdirSync(spool)).toEqual([]);
  return first!;
}

beforeAll(async () => {
  admin = new pg.Client(base);
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${pgSchema}`);
  await admin.query(`CREATE TABLE ${pgSchema}.t (
    id int PRIMARY KEY, i2 smallint, i8 bigint, big bigint, n numeric(20,4), f8 double precision, f4 real, b boolean,
    t text, vc varchar(20), u uuid, d date, ts timestamp, tstz timestamptz, tm time, iv interval, late text, updated_at timestamptz)`);
  await admin.query(`INSERT INTO ${pgSchema}.t
    SELECT g, (g % 300)::smallint, g::bigint * 1000000000, CASE WHEN g % 5 = 0 THEN 9007199254740993 + g END, (g * 1.2345)::numeric(20,4),
      g / 3.0, (g / 7.0)::real, CASE WHEN g % 3 = 0 THEN NULL ELSE g % 2 = 0 END,
      (ARRAY['plain', 'a,b', 'say "hi"', e'two\\nlines', e'cr\\r\\nlf', '', NULL, '\\N', 'ünï ✓', ' padded '])[1 + g % 10],
      'v' || g, md5(g::text)::uuid, date '2024-02-29' + g, timestamp '2024-01-01 03:04:05.123456' + g * interval '1 minute',
      timestamptz '2024-01-01 00:00:00.5+02' + (g / 4) * interval '1 hour', time '12:34:56.5' + g * interval '1 second',
      g * interval '1 day 2 hours', CASE WHEN g > 25 THEN 'late ' || g END, timestamptz '2024-01-01' + (g / 4) * interval '1 hour'
    FROM generate_series(1, 40) g`);
});

afterAll(async () => {
  await admin.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
  await admin.end();
  await wh.close();
  rmSync(spool, { recursive: true, force: true });
});

beforeAll(async () => {
  wh = await createDuckDbWarehouse({ path: ':memory:', threads: 2 }, { logger: silentLogger });
  spool = mkdtempSync(join(tmpdir(), 'basin-pg-csv-'));
});

describe('postgres CSV spool + DuckDB CSV fast path vs the record path', () => {
  it('loads every supported type identically (replace; NULL vs empty string, quotes, newlines, late columns)', async () => {
    const stream = await streamOf({ table: 't' });
    const snap = await expectSameTables((schema, mode) => ingest(schema, stream, mode).then(() => undefined));
    const rows = snap['s']!.rows;
    expect(rows).toHaveLength(40);
    expect(snap['s']!.columns.slice(0, 6)).toEqual(['_basin_id VARCHAR', 'id BIGINT', 'i2 BIGINT', 'i8 BIGINT', 'n DECIMAL(38,9)', 'f8 DOUBLE']);
    // columns whose first row is NULL come where their first value is, as in the record path
    expect(snap['s']!.columns.slice(-2)).toEqual(['big BIGINT', 'late VARCHAR']);
    const byId = new Map(rows.map((r) => [r['id'], r]));
    expect(byId.get(5)).toMatchObject({ t: '', big: 9007199254740998n });
    expect(byId.get(6)).toMatchObject({ t: null });
    expect(byId.get(7)).toMatchObject({ t: '\\N', tm: '12:35:03.5', iv: 'P7DT14H' });
    expect(byId.get(3)).toMatchObject({ t: 'two\nlines', b: null });
  });

  it('merges incrementally with duplicate keys in a chunk, ties across chunks, and resumes after a crash', async () => {
    const query = `SELECT id % 13 AS id, t, f8, updated_at FROM ${pgSchema}.t`;
    const stream = await streamOf({ query, primary_key: 'id', cursor: 'updated_at' }, 6);
    await expectSameTables(async (schema, mode) => {
      await ingest(schema, stream, mode, { maxBatches: 3 });
      await ingest(schema, stream, mode, { maxBatches: 1 });
      await ingest(schema, stream, mode);
      await admin.query(`INSERT INTO ${pgSchema}.t (id, t, f8, updated_at) VALUES (1013, 'new', 1.5, '2024-01-01 10:00:00Z')`);
      await ingest(schema, stream, mode);
      await admin.query(`DELETE FROM ${pgSchema}.t WHERE id >= 1000`);
    });
  });

  it('follows schema drift between runs (new column, changed type falls back to JavaScript)', async () => {
    await admin.query(`CREATE TABLE ${pgSchema}.drift (id bigint PRIMARY KEY, a int, s text)`);
    await admin.query(`INSERT INTO ${pgSchema}.drift VALUES (1, 10, 'x'), (2, NULL, NULL)`);
    try {
      await expectSameTables(
        async (schema, mode) => {
          await admin.query(`DROP TABLE IF EXISTS ${pgSchema}.drift2; CREATE TABLE ${pgSchema}.drift2 AS SELECT * FROM ${pgSchema}.drift`);
          await admin.query(`ALTER TABLE ${pgSchema}.drift2 ADD PRIMARY KEY (id)`);
          const settings = { table: 'drift2', write: 'merge' };
          await ingest(schema, await streamOf(settings), mode);
          await admin.query(`ALTER TABLE ${pgSchema}.drift2 ADD COLUMN c date, ALTER COLUMN a TYPE text`);
          await admin.query(`INSERT INTO ${pgSchema}.drift2 VALUES (3, 'abc', 'y', '2024-05-01'), (4, '44', NULL, NULL)`);
          await ingest(schema, await streamOf(settings), mode);
          await admin.query(`ALTER TABLE ${pgSchema}.drift2 ALTER COLUMN a TYPE double precision USING NULL`);
          await admin.query(`INSERT INTO ${pgSchema}.drift2 VALUES (5, 'NaN', 'z', NULL)`);
          await ingest(schema, await streamOf(settings), mode);
        },
        ['records', 'csv-auto', 'csv-js'],
      );
    } finally {
      await admin.query(`DROP TABLE IF EXISTS ${pgSchema}.drift, ${pgSchema}.drift2`);
    }
  });

  it('keeps streams with json or array columns on the record path, and force refuses odd values', async () => {
    await admin.query(`CREATE TABLE ${pgSchema}.j (id int PRIMARY KEY, meta jsonb, tags text[])`);
    await admin.query(`INSERT INTO ${pgSchema}.j VALUES (1, '{"a": {"b": 1}}', '{x,y}')`);
    const stream = await streamOf({ table: 'j' });
    const kinds: string[] = [];
    for await (const b of stream.read({ state: undefined, fullRefresh: false, signal: new AbortController().signal, logger: silentLogger, spoolDir: spool })) kinds.push(b.kind);
    expect(kinds).toEqual(['records']);
    await admin.query(`CREATE TABLE ${pgSchema}.odd (id int PRIMARY KEY, f double precision, d date, ts timestamp)`);
    await admin.query(`INSERT INTO ${pgSchema}.odd VALUES (1, 'Infinity', 'infinity', NULL), (2, 1, '2024-01-01', '0044-03-15 10:00:00 BC'), (3, 'NaN', '10000-01-01', '2024-01-01 00:00:00')`);
    await expect(ingest('raw_odd', await streamOf({ table: 'odd' }), 'csv-force')).rejects.toThrow(/cannot load .* in SQL/);
    await expectSameTables((schema, mode) => ingest(schema, stream, mode).then(() => undefined), ['records', 'csv-auto']);
    const odd = await streamOf({ table: 'odd' });
    const snap = await expectSameTables((schema, mode) => ingest(schema, odd, mode).then(() => undefined), ['records', 'csv-auto', 'csv-js']);
    // 'Infinity' is no double for the JavaScript rules: both columns are text (first value wins)
    expect(snap['s']!.columns).toEqual(expect.arrayContaining(['f VARCHAR', 'd VARCHAR']));
  });
});
