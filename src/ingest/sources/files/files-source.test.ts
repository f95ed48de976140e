import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import type { FileBatch, Source, Stream, StreamState } from '../../source.js';
import { filesSource } from './files-source.js';

let project: string;
const signal = new AbortController().signal;

function source(streams: Record<string, Record<string, unknown>>, config: Record<string, unknown> = {}): Source {
  return filesSource.create(filesSource.configSchema.parse(config), {
    projectDir: project,
    connection: 'landing',
    streams,
    logger: silentLogger,
  });
}

async function only(streams: Record<string, Record<string, unknown>>): Promise<Stream> {
  const [s] = await source(streams).streams(signal);
  if (!s) throw new Error('no stream');
  return s;
}

async function read(stream: Stream, state?: StreamState, fullRefresh = false): Promise<FileBatch[]> {
  const out: FileBatch[] = [];
  for await (const b of stream.read({ state, fullRefresh, signal, logger: silentLogger })) {
    if (b.kind !== 'file') throw new Error('expected a file batch');
    out.push(b);
  }
  return out;
}

async function put(rel: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(project, rel)), { recursive: true });
  await writeFile(path.join(project, rel), text);
}

beforeEach(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'basin-files-'));
});
afterEach(() => rm(project, { recursive: true, force: true }));

describe('files source', () => {
  it('yields one file batch per matching file, sorted, with formats from the extensions', async () => {
    await put('data/b.csv', 'id\n1\n');
    await put('data/a.tsv', 'id\n2\n');
    await put('data/c.jsonl', '{"id":3}\n');
    await put('data/d.parquet', 'PAR1');
    await put('data/e.csv.gz', '');
    const s = await only({ all: { path: 'data/*.{csv,tsv,jsonl,parquet,gz}' } });
    expect(s.definition).toMatchObject({ name: 'all', primaryKey: [], write: 'append' });
    const batches = await read(s);
    expect(batches.map((b) => [path.basename(b.path), b.format, b.csv])).toEqual([
      ['a.tsv', 'csv', { header: true, delimiter: '\t' }],
      ['b.csv', 'csv', { header: true }],
      ['c.jsonl', 'jsonl', undefined],
      ['d.parquet', 'parquet', undefined],
      ['e.csv.gz', 'csv', { header: true }],
    ]);
    expect(batches.every((b) => path.isAbsolute(b.path))).toBe(true);
  });

  it('uses the configured format and csv options, and absolute paths', async () => {
    await put('exports/x.txt', 'id;v\n1;a\n');
    const s = await only({
      x: { path: path.join(project, 'exports/x.txt'), format: 'csv', csv: { delimiter: ';' }, primary_key: 'id', cursor: 'v' },
    });
    expect(s.definition).toMatchObject({ primaryKey: ['id'], write: 'merge', cursorField: 'v' });
    const [b] = await read(s);
    expect(b).toMatchObject({ format: 'csv', csv: { delimiter: ';', header: true } });
  });

  it('loads only new or changed files on a rerun (incremental by file)', async () => {
    await put('in/1.jsonl', '{"id":1}\n');
    await put('in/2.jsonl', '{"id":2}\n');
    const s = await only({ c: { path: 'in/*.jsonl', primary_key: ['id'] } });
    const first = await read(s);
    expect(first).toHaveLength(2);
    const state = first.at(-1)?.state as StreamState;
    expect(Object.keys((state as { files: object }).files)).toEqual(['in/1.jsonl', 'in/2.jsonl']);
    expect(first[0]?.state).toEqual({ files: { 'in/1.jsonl': expect.objectContaining({ size: 9 }) } });

    expect(await read(s, state)).toEqual([]);

    await put('in/3.jsonl', '{"id":3}\n');
    await put('in/1.jsonl', '{"id":1,"v":"changed"}\n');
    const second = await read(s, state);
    expect(second.map((b) => path.basename(b.path))).toEqual(['1.jsonl', '3.jsonl']);
    const state2 = second.at(-1)?.state as StreamState;
    expect(Object.keys((state2 as { files: object }).files)).toEqual(['in/1.jsonl', 'in/2.jsonl', 'in/3.jsonl']);
    expect(await read(s, state2)).toEqual([]);

    // touched but identical content: not reloaded
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(project, 'in/2.jsonl'), later, later);
    expect(await read(s, state2)).toEqual([]);

    expect(await read(s, state2, true)).toHaveLength(3);
  });

  it('always reads every file for write: replace', async () => {
    await put('r/1.csv', 'a\n1\n');
    const s = await only({ r: { path: 'r/*.csv', write: 'replace' } });
    const [b] = await read(s);
    expect(await read(s, b?.state)).toHaveLength(1);
  });

  it('errors on a missing path naming the stream; warns (no batches) on a glob with no match', async () => {
    const s = await only({ charges: { path: 'data/charges.jsonl' } });
    await expect(read(s)).rejects.toThrow(/streams\.charges\.path: data\/charges\.jsonl does not exist/);
    await expect(read(s)).rejects.toBeInstanceOf(ConfigError);
    expect(await read(await only({ charges: { path: 'data/*.jsonl' } }))).toEqual([]);
    await put('data/x.xlsx', '');
    await expect(read(await only({ charges: { path: 'data/*' } }))).rejects.toThrow(/streams\.charges\.format/);
  });

  it('checks that every stream matches readable files', async () => {
    await put('ok/a.csv', 'a\n1\n');
    expect(await source({ a: { path: 'ok/*.csv' } }).check(signal)).toEqual({ ok: true, message: '1 file readable in 1 stream' });
    const bad = await source({ a: { path: 'ok/*.csv' }, b: { path: 'none/*.csv' }, c: { path: 'x.csv' } }).check(signal);
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/stream b: no file matches/);
    expect(bad.message).toMatch(/streams\.c\.path/);
  });

  it('resolves relative paths against base_dir', async () => {
    await put('landing/a.jsonl', '{}\n');
    const [s] = await source({ a: { path: 'a.jsonl' } }, { base_dir: 'landing' }).streams(signal);
    expect((await read(s as Stream)).map((b) => b.state)).toEqual([{ files: { 'landing/a.jsonl': expect.any(Object) } }]);
  });

  it('rejects bad stream settings naming the stream and key', () => {
    expect(() => source({ s: {} })).toThrow(/streams\.s\.path/);
    expect(() => source({ s: { path: 'a.csv', format: 'xls' } })).toThrow(/streams\.s\.format/);
    expect(() => source({ s: { path: 'a.csv', write: 'merge' } })).toThrow(/streams\.s\.primary_key: merge needs/);
    expect(() => source({ s: { path: 'a.csv', csv: { quote: '"' } } })).toThrow(/streams\.s\.csv/);
    expect(() => source({ s: { path: 'a.csv' } }, { nope: 1 })).toThrow();
  });
});
