import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasinError, ConfigError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import type { Source, Stream, StreamState } from '../../source.js';
import { readAll } from '../sql/test-support/read-all.js';
import { postgresSource } from './postgres-source.js';

const schema = `basin_src_${randomBytes(4).toString('hex')}`;
const base = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
const signal = new AbortController().signal;
let admin: pg.Client;

function source(streams: Record<string, Record<string, unknown>>, config: Record<string, unknown> = {}): Source {
  const parsed = postgresSource.configSchema.parse({ ...base, schema, ...config });
  return postgresSource.create(parsed, { projectDir: '/tmp', connection: 'pg', streams, logger: silentLogger });
}

async function stream(streams: Record<string, Record<string, unknown>>, name: string, config: Record<string, unknown> = {}): Promise<Stream> {
  const found = (await source(streams, config).streams(signal)).find((s) => s.definition.name === name);
  if (!found) throw new Error(`no stream ${name}`);
  return found;
}

beforeAll(async () => {
  admin = new pg.Client(base);
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`CREATE TABLE ${schema}.events (id int PRIMARY KEY, updated_at timestamptz NOT NULL, v text)`);
  // 30 rows, 5 per timestamp: ties cross every chunk boundary at chunk_size 4
  await admin.query(
    `INSERT INTO ${schema}.events SELECT g, timestamptz '2024-01-01' + (g / 5) * interval '1 hour', 'v' || g FROM generate_series(0, 29) g`,
  );
  await admin.query(`CREATE TABLE ${schema}.plain (a int, b text)`);
  await admin.query(`INSERT INTO ${schema}.plain VALUES (1, 'x'), (2, 'y')`);
});

afterAll(async () => {
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

describe('postgres source', () => {
  it('reads a whole table without a cursor (replace, key from the catalog, no state)', async () => {
    const s = await stream({ events: { table: `${schema}.events`, chunk_size: 7 } }, 'events');
    expect(s.definition).toMatchObject({ primaryKey: ['id'], write: 'replace', cursorField: undefined });
    expect(s.definition.columns).toEqual({ id: 'integer', updated_at: 'timestamptz', v: 'text' });
    const r = await readAll(s);
    expect(r.records).toHaveLength(30);
    expect(r.batches.map((b) => b.records.length)).toEqual([7, 7, 7, 7, 2]);
    expect(r.states.every((x) => x === undefined)).toBe(true);
  });

  it('reads incrementally with ties across chunk boundaries, resumes from any checkpoint, sees late ties', async () => {
    const s = await stream({ events: { table: 'events', cursor: 'updated_at', chunk_size: 4 } }, 'events');
    expect(s.definition.write).toBe('merge');
    const full = await readAll(s);
    expect(full.records.map((r) => r.id)).toEqual([...Array(30).keys()]);
    // a crash after each checkpoint, then a resume: every row exactly once
    for (let k = 1; k < full.batches.length; k++) {
      const before = full.batches.slice(0, k).flatMap((b) => b.records.map((r) => r.id));
      const resumed = await readAll(s, { state: full.states[k - 1] });
      expect([...before, ...resumed.records.map((r) => r.id)]).toEqual([...Array(30).keys()]);
    }
    // the keyset form of the state (after more than 10 000 ties): rows at the value with a larger key, then later values
    const keyset = await readAll(s, { state: { cursor: '2024-01-01T04:00:00Z', after: [22] } });
    expect(keyset.records.map((r) => r.id)).toEqual([23, 24, 25, 26, 27, 28, 29]);
    const last = full.states.at(-1) as StreamState;
    expect(last).toMatchObject({ cursor: '2024-01-01T05:00:00Z', keys: ['[25]', '[26]', '[27]', '[28]', '[29]'] });
    expect((await readAll(s, { state: last })).records).toEqual([]);
    // a row arriving later at the last cursor value, with a smaller key, and an update
    await admin.query(`INSERT INTO ${schema}.events VALUES (-1, '2024-01-01T05:00:00Z', 'late')`);
    await admin.query(`UPDATE ${schema}.events SET updated_at = '2024-01-02', v = 'changed' WHERE id = 3`);
    const next = await readAll(s, { state: last });
    expect(next.records.map((r) => [r.id, r.v])).toEqual([[-1, 'late'], [3, 'changed']]);
    expect((await readAll(s, { state: next.states.at(-1) })).records).toEqual([]);
    expect((await readAll(s, { state: last, fullRefresh: true })).records).toHaveLength(31);
  });

  it('reads a custom query incrementally', async () => {
    const q = `SELECT id, v, updated_at AS ts FROM ${schema}.events WHERE id % 2 = 0;`;
    const s = await stream({ evens: { query: q, cursor: 'ts', primary_key: 'id', chunk_size: 100 } }, 'evens');
    const r = await readAll(s);
    expect(r.records.every((x) => (x.id as number) % 2 === 0)).toBe(true);
    expect(r.records).toHaveLength(15);
    expect(Object.keys(r.records[0] ?? {})).toEqual(['id', 'v', 'ts']);
  });

  it('reads a keyless table incrementally, telling tied rows apart by content', async () => {
    const s = await stream({ plain: { table: 'plain', cursor: 'a' } }, 'plain');
    expect(s.definition).toMatchObject({ primaryKey: [], write: 'append' });
    const first = await readAll(s);
    expect(first.records).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    await admin.query(`INSERT INTO ${schema}.plain VALUES (2, 'z'), (2, 'y')`);
    const second = await readAll(s, { state: first.states.at(-1) });
    expect(second.records.map((r) => r.b).sort()).toEqual(['y', 'z']);
    expect((await readAll(s, { state: second.states.at(-1) })).records).toEqual([]);
    await admin.query(`DELETE FROM ${schema}.plain WHERE a = 2; INSERT INTO ${schema}.plain VALUES (2, 'y')`);
  });

  it('discovers the tables of the schema without streams', async () => {
    const streams = await source({}).streams(signal);
    expect(streams.map((s) => [s.definition.name, s.definition.primaryKey, s.definition.write])).toEqual([
      ['events', ['id'], 'replace'],
      ['plain', [], 'replace'],
    ]);
  });

  it('maps Postgres types to faithful JS values', async () => {
    await admin.query(`CREATE TABLE ${schema}.types (
      i2 smallint, i4 int, i8 bigint, big bigint, f4 real, f8 double precision, nan double precision, n numeric(20,4),
      b boolean, t text, vc varchar(5), u uuid, d date, tm time, ts timestamp, tstz timestamptz, iv interval,
      j json, jb jsonb, ba bytea, ai int[], at text[], e text)`);
    await admin.query(`INSERT INTO ${schema}.types VALUES (
      1, 2, 3, 9007199254740993, 1.5, 2.25, 'NaN', 12345678901234.5678, true, 'txt', 'ab', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      '2024-02-29', '12:34:56.5', '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05.5+02', '1 day 2 hours',
      '{"a": {"b": [1, 2]}}', '{"k": "v", "n": null}', '\\x0102ff', '{1,2}', '{x,NULL}', NULL)`);
    const s = await stream({ types: { table: 'types' } }, 'types');
    const [row] = (await readAll(s)).records;
    expect(row).toEqual({
      i2: 1, i4: 2, i8: 3, big: '9007199254740993', f4: 1.5, f8: 2.25, nan: 'NaN', n: '12345678901234.5678',
      b: true, t: 'txt', vc: 'ab', u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', d: '2024-02-29', tm: '12:34:56.5',
      ts: '2024-01-02T03:04:05.123456', tstz: '2024-01-02T01:04:05.5Z', iv: 'P1DT2H',
      j: { a: { b: [1, 2] } }, jb: { k: 'v', n: null }, ba: Buffer.from([1, 2, 255]).toString('base64'),
      ai: [1, 2], at: ['x', null], e: null,
    });
    expect(s.definition.columns).toMatchObject({ i8: 'bigint', n: 'decimal', d: 'date', ts: 'timestamp', tstz: 'timestamptz', b: 'boolean' });
  });

  it('checks the connection and every stream', async () => {
    const ok = await source({ events: { table: 'events' } }).check(signal);
    expect(ok.ok).toBe(true);
    expect(ok.message).toMatch(/127\.0\.0\.1:5432\/test/);
    const missing = await source({ nope: { table: 'nope' } }).check(signal);
    expect(missing).toMatchObject({ ok: false });
    expect(missing.message).toMatch(/nope/);
  });

  it('fails clearly on bad credentials without showing the password', async () => {
    const bad = await source({}, { user: 'basin_no_such_user', password: 'hunter2-secret' }).check(signal);
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/127\.0\.0\.1:5432\/test/);
    expect(bad.message).not.toMatch(/hunter2-secret/);
    const refused = await source({}, { port: 1, password: 'hunter2-secret' }).check(signal);
    expect(refused.message).toMatch(/could not connect to postgres at 127\.0\.0\.1:1\/test/);
    await expect(source({}, { database: 'basin_no_such_db' }).streams(signal)).rejects.toBeInstanceOf(BasinError);
  });

  it('stops with ABORTED when the signal fires during a read', async () => {
    const s = await stream({ events: { table: `${schema}.events`, chunk_size: 5 } }, 'events');
    const controller = new AbortController();
    const seen: number[] = [];
    const run = async (): Promise<void> => {
      for await (const b of s.read({ state: undefined, fullRefresh: false, signal: controller.signal, logger: silentLogger })) {
        seen.push(b.kind === 'records' ? b.records.length : 0);
        controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ code: 'ABORTED' });
    expect(seen).toEqual([5]);
  });

  it('rejects bad stream settings naming the stream and key', async () => {
    expect(() => source({ x: { table: 't', query: 'select 1' } })).toThrow(/streams\.x: set exactly one/);
    expect(() => source({ x: { table: 't', chunk: 5 } })).toThrow(ConfigError);
    expect(() => source({ x: { table: 't', chunk: 5 } })).toThrow(/streams\.x/);
    await expect(source({ x: { table: 'events', cursor: 'nope' } }).streams(signal)).rejects.toThrow(/streams\.x\.cursor/);
    await expect(source({ x: { table: 'plain', write: 'merge' } }).streams(signal)).rejects.toThrow(/streams\.x\.primary_key/);
  });
});
