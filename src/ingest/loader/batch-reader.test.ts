import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileBatch } from '../source.js';
import { readBatchChunks, type BatchItem } from './batch-reader.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'basin-batch-reader-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function items(batch: FileBatch, chunkSize?: number): Promise<BatchItem[][]> {
  const out: BatchItem[][] = [];
  for await (const chunk of readBatchChunks(batch, chunkSize)) out.push(chunk);
  return out;
}

const records = (chunks: BatchItem[][]): unknown[] => chunks.flat().map((i) => (i.kind === 'record' ? i.record : i));

/** Writes a Parquet file with DuckDB (what users' Parquet files usually come from). */
async function parquet(name: string, select: string, options = "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 2"): Promise<string> {
  const file = join(dir, name);
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`COPY (${select}) TO '${file}' (${options})`);
  conn.closeSync();
  db.closeSync();
  return file;
}

describe('batch reader', () => {
  it('inflates gzip JSONL and CSV by extension', async () => {
    const jsonl = join(dir, 'a.jsonl.gz');
    writeFileSync(jsonl, gzipSync('{"id":1}\n\nnot json\n{"id":2}\n'));
    const got = records(await items({ kind: 'file', format: 'jsonl', path: jsonl }));
    expect(got).toEqual([{ id: 1 }, { kind: 'malformed', raw: 'not json', reason: expect.stringContaining('line 3: invalid JSON') }, { id: 2 }]);
    const csv = join(dir, 'b.csv.gz');
    writeFileSync(csv, gzipSync('id,name\n1,ann\n2,bo\n'));
    expect(records(await items({ kind: 'file', format: 'csv', path: csv, csv: { header: true } }))).toEqual([
      { id: '1', name: 'ann' },
      { id: '2', name: 'bo' },
    ]);
  });

  it('inflates zstd files', async () => {
    const file = await parquet('z.csv', "SELECT 1 AS id, 'x' AS v UNION ALL SELECT 2, 'y'", 'FORMAT csv, HEADER true');
    const zst = join(dir, 'z.csv.zst');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (SELECT * FROM read_csv('${file}') ORDER BY id) TO '${zst}' (FORMAT csv, HEADER true, COMPRESSION zstd)`);
    conn.closeSync();
    db.closeSync();
    expect(records(await items({ kind: 'file', format: 'csv', path: zst, csv: { header: true } }))).toEqual([
      { id: '1', v: 'x' },
      { id: '2', v: 'y' },
    ]);
  });

  it('reads Parquet row groups as records with nested values and JS types', async () => {
    const file = await parquet(
      'charges.parquet',
      `SELECT * FROM (VALUES
         (1::BIGINT, 12.50::DECIMAL(10,2), TIMESTAMPTZ '2024-03-01 10:00:00+00', DATE '2024-03-01', {'id': 'cus_1', 'metadata': {'plan': 'pro'}}, ['a', 'b'], [{'sku': 's1', 'qty': 2}], true, NULL::VARCHAR),
         (2, 3.00, TIMESTAMPTZ '2024-03-02 11:30:00+00', DATE '2024-03-02', {'id': 'cus_2', 'metadata': {'plan': 'free'}}, [], [], false, 'note'),
         (9007199254740993, 0.10, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
       ) t(id, amount, created, day, customer, tags, items, paid, note)`,
    );
    const chunks = await items({ kind: 'file', format: 'parquet', path: file }, 1);
    expect(chunks).toHaveLength(3); // chunkSize 1
    const [first, second, third] = records(chunks) as Array<Record<string, unknown>>;
    expect(first).toMatchObject({
      id: 1,
      amount: 12.5,
      customer: { id: 'cus_1', metadata: { plan: 'pro' } },
      tags: ['a', 'b'],
      items: [{ sku: 's1', qty: 2 }],
      paid: true,
    });
    expect(first?.['created']).toEqual(new Date('2024-03-01T10:00:00Z'));
    expect(first?.['day']).toEqual(new Date('2024-03-01T00:00:00Z'));
    expect(second).toMatchObject({ id: 2, amount: 3, tags: [], note: 'note', paid: false });
    expect(third).toMatchObject({ id: '9007199254740993', amount: 0.1, customer: null });
  });

  it('names the file when it is not Parquet', async () => {
    const file = join(dir, 'bad.parquet');
    writeFileSync(file, 'PAR1 this is not parquet');
    await expect(items({ kind: 'file', format: 'parquet', path: file })).rejects.toThrow(/bad\.parquet: not a readable Parquet file/);
  });
});
