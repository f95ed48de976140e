import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasinError, ConfigError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import type { Source, Stream, StreamState } from '../../source.js';
import { readAll } from '../sql/test-support/read-all.js';
import { mysqlSource } from './mysql-source.js';

const db = `basin_src_${randomBytes(4).toString('hex')}`;
const base = { host: '127.0.0.1', port: 3306, user: 'root' };
const signal = new AbortController().signal;
let admin: mysql.Connection;

function source(streams: Record<string, Record<string, unknown>>, config: Record<string, unknown> = {}): Source {
  const parsed = mysqlSource.configSchema.parse({ ...base, database: db, ...config });
  return mysqlSource.create(parsed, { projectDir: '/tmp', connection: 'my', streams, logger: silentLogger });
}

async function stream(streams: Record<string, Record<string, unknown>>, name: string): Promise<Stream> {
  const found = (await source(streams).streams(signal)).find((s) => s.definition.name === name);
  if (!found) throw new Error(`no stream ${name}`);
  return found;
}

beforeAll(async () => {
  admin = await mysql.createConnection({ ...base, multipleStatements: true });
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.query(`USE ${db}`);
  await admin.query(`CREATE TABLE events (id INT PRIMARY KEY, updated_at DATETIME(6) NOT NULL, v VARCHAR(20))`);
  const rows = Array.from({ length: 30 }, (_, g) => [g, `2024-01-01 ${String(Math.floor(g / 5)).padStart(2, '0')}:00:00`, `v${g}`]);
  await admin.query(`INSERT INTO events VALUES ?`, [rows]);
  await admin.query(`CREATE TABLE plain (a INT, b TEXT)`);
  await admin.query(`INSERT INTO plain VALUES (1, 'x'), (2, 'y')`);
});

afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS ${db}`);
  await admin.end();
});

describe('mysql source', () => {
  it('reads a whole table without a cursor (replace, key from the catalog, no state)', async () => {
    const s = await stream({ events: { table: 'events', chunk_size: 7 } }, 'events');
    expect(s.definition).toMatchObject({ primaryKey: ['id'], write: 'replace', cursorField: undefined });
    expect(s.definition.columns).toEqual({ id: 'integer', updated_at: 'timestamp', v: 'text' });
    const r = await readAll(s);
    expect(r.records).toHaveLength(30);
    expect(r.batches.map((b) => b.records.length)).toEqual([7, 7, 7, 7, 2]);
    expect(r.states.every((x) => x === undefined)).toBe(true);
  });

  it('reads incrementally with ties across chunk boundaries, resumes from any checkpoint, sees late ties', async () => {
    const s = await stream({ events: { table: `${db}.events`, cursor: 'updated_at', chunk_size: 4 } }, 'events');
    expect(s.definition.write).toBe('merge');
    const full = await readAll(s);
    expect(full.records.map((r) => r.id)).toEqual([...Array(30).keys()]);
    for (let k = 1; k < full.batches.length; k++) {
      const before = full.batches.slice(0, k).flatMap((b) => b.records.map((r) => r.id));
      const resumed = await readAll(s, { state: full.states[k - 1] });
      expect([...before, ...resumed.records.map((r) => r.id)]).toEqual([...Array(30).keys()]);
    }
    // the keyset form of the state (after more than 10 000 ties): rows at the value with a larger key, then later values
    const keyset = await readAll(s, { state: { cursor: '2024-01-01T04:00:00.000000', after: [22] } });
    expect(keyset.records.map((r) => r.id)).toEqual([23, 24, 25, 26, 27, 28, 29]);
    const last = full.states.at(-1) as StreamState;
    expect(last).toMatchObject({ cursor: '2024-01-01T05:00:00.000000', keys: ['[25]', '[26]', '[27]', '[28]', '[29]'] });
    expect((await readAll(s, { state: last })).records).toEqual([]);
    await admin.query(`INSERT INTO events VALUES (-1, '2024-01-01 05:00:00', 'late')`);
    await admin.query(`UPDATE events SET updated_at = '2024-01-02', v = 'changed' WHERE id = 3`);
    const next = await readAll(s, { state: last });
    expect(next.records.map((r) => [r.id, r.v])).toEqual([[-1, 'late'], [3, 'changed']]);
    expect((await readAll(s, { state: next.states.at(-1) })).records).toEqual([]);
    expect((await readAll(s, { state: last, fullRefresh: true })).records).toHaveLength(31);
  });

  it('reads a custom query incrementally', async () => {
    const q = `SELECT id, v, updated_at AS ts FROM events WHERE id % 2 = 0;`;
    const s = await stream({ evens: { query: q, cursor: 'ts', primary_key: ['id'] } }, 'evens');
    const r = await readAll(s);
    expect(r.records).toHaveLength(15);
    expect(r.records.every((x) => (x.id as number) % 2 === 0)).toBe(true);
    expect(Object.keys(r.records[0] ?? {})).toEqual(['id', 'v', 'ts']);
  });

  it('passes a text cursor that looks like a timestamp back unchanged', async () => {
    await admin.query(`CREATE TABLE texts (id INT PRIMARY KEY, at VARCHAR(30))`);
    await admin.query(`INSERT INTO texts VALUES (1, '2024-01-01T00:00:00'), (2, '2024-01-01T10:00:00')`);
    const s = await stream({ texts: { table: 'texts', cursor: 'at' } }, 'texts');
    const first = await readAll(s);
    expect(first.records).toHaveLength(2);
    expect((await readAll(s, { state: first.states.at(-1) })).records).toEqual([]);
  });

  it('discovers the tables of the database without streams', async () => {
    const streams = await source({}).streams(signal);
    expect(streams.map((s) => [s.definition.name, s.definition.primaryKey, s.definition.write])).toEqual([
      ['events', ['id'], 'replace'],
      ['plain', [], 'replace'],
      ['texts', ['id'], 'replace'],
    ]);
  });

  it('maps MySQL types to faithful JS values', async () => {
    await admin.query(`CREATE TABLE types (
      ti TINYINT, bo BOOLEAN, si SMALLINT, i INT, iu INT UNSIGNED, bi BIGINT, big BIGINT UNSIGNED, f FLOAT, d DOUBLE,
      n DECIMAL(20,4), c CHAR(3), vc VARCHAR(10), t TEXT, e ENUM('a','b'), dt DATE, tm TIME(3), dtm DATETIME(3),
      ts TIMESTAMP(6) NULL, y YEAR, j JSON, bl BLOB, vb VARBINARY(4), bt BIT(4), nul INT)`);
    await admin.query(`SET time_zone = '+02:00'`);
    await admin.query(`INSERT INTO types VALUES (
      -3, TRUE, 300, 70000, 4000000000, 9007199254740991, 18446744073709551615, 1.5, 2.25, 12345678901234.5678,
      'abc', 'vc', 'text', 'b', '2024-02-29', '12:34:56.5', '2024-01-02 03:04:05.123', '2024-01-02 03:04:05.5', 2024,
      '{"a": {"b": [1, 2]}}', x'0102ff', x'00', b'1010', NULL)`);
    const s = await stream({ types: { table: 'types' } }, 'types');
    const [row] = (await readAll(s)).records;
    expect(row).toEqual({
      ti: -3, bo: true, si: 300, i: 70000, iu: 4000000000, bi: 9007199254740991, big: '18446744073709551615', f: 1.5,
      d: 2.25, n: '12345678901234.5678', c: 'abc', vc: 'vc', t: 'text', e: 'b', dt: '2024-02-29', tm: '12:34:56.500',
      dtm: '2024-01-02T03:04:05.123', ts: '2024-01-02T01:04:05.500000Z', y: 2024, j: { a: { b: [1, 2] } },
      bl: Buffer.from([1, 2, 255]).toString('base64'), vb: 'AA==', bt: 10, nul: null,
    });
    expect(s.definition.columns).toMatchObject({ bo: 'boolean', iu: 'bigint', bi: 'bigint', n: 'decimal', dtm: 'timestamp', ts: 'timestamptz', vc: 'text' });
    expect(s.definition.columns?.big).toBeUndefined();
  });

  it('checks the connection and every stream', async () => {
    const ok = await source({ events: { table: 'events' } }).check(signal);
    expect(ok.ok).toBe(true);
    expect(ok.message).toMatch(/127\.0\.0\.1:3306\//);
    const missing = await source({ nope: { table: 'nope' } }).check(signal);
    expect(missing.ok).toBe(false);
    expect(missing.message).toMatch(/nope/);
  });

  it('fails clearly on bad credentials without showing the password', async () => {
    const bad = await source({}, { user: 'basin_no_such_user', password: 'hunter2-secret' }).check(signal);
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/could not connect to mysql at 127\.0\.0\.1:3306\//);
    expect(bad.message).not.toMatch(/hunter2-secret/);
    await expect(source({}, { port: 1 }).streams(signal)).rejects.toBeInstanceOf(BasinError);
  });

  it('stops with ABORTED when the signal fires during a read', async () => {
    const s = await stream({ events: { table: 'events', chunk_size: 5 } }, 'events');
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
    expect(() => source({ x: {} })).toThrow(/streams\.x: set exactly one/);
    expect(() => source({ x: { table: 't', write: 'upsert' } })).toThrow(ConfigError);
    expect(() => source({ x: { table: 't', write: 'upsert' } })).toThrow(/streams\.x\.write/);
    await expect(source({ x: { table: 'events', primary_key: ['nope'] } }).streams(signal)).rejects.toThrow(/streams\.x\.primary_key/);
  });
});
