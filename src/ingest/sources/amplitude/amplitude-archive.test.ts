import { gzipSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readExportArchive, type ArchivePiece } from './amplitude-archive.js';

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let k = 0; k < bytes.length; k += size) yield bytes.subarray(k, k + size);
}

async function readAll(bytes: Uint8Array, size = 7): Promise<ArchivePiece[]> {
  const out: ArchivePiece[] = [];
  for await (const piece of readExportArchive(chunked(bytes, size), 'test export')) out.push(piece);
  return out;
}

const ndjson = (n: number, from = 0): Uint8Array =>
  gzipSync(strToU8(Array.from({ length: n }, (_, k) => JSON.stringify({ uuid: `u${from + k}`, event_properties: { n: from + k, ok: true } })).join('\n') + '\n'));

describe('readExportArchive', () => {
  it('reads stored and deflated entries, split across tiny chunks, in archive order', async () => {
    const zip = zipSync({ 'p/p_2025-01-01_0#0.json.gz': [ndjson(30), { level: 0 }], 'p/p_2025-01-01_0#1.json.gz': [ndjson(5, 30), { level: 6 }] });
    const pieces = await readAll(zip);
    const records = pieces.flatMap((p) => p.records);
    expect(records.map((r) => r['uuid'])).toEqual(Array.from({ length: 35 }, (_, k) => `u${k}`));
    expect(records[31]).toEqual({ uuid: 'u31', event_properties: { n: 31, ok: true } });
    expect(pieces.flatMap((p) => p.finished)).toEqual(['p/p_2025-01-01_0#0.json.gz', 'p/p_2025-01-01_0#1.json.gz']);
    expect(pieces.length).toBeGreaterThan(2);
  });

  it('fails with HTTP_RESPONSE on a truncated archive, a file that is not gzip, or a line that is not an event', async () => {
    const zip = zipSync({ 'p/a.json.gz': [ndjson(50), { level: 0 }] });
    for (const cut of [10, 60, Math.floor(zip.length / 2), zip.length - 10]) {
      await expect(readAll(zip.subarray(0, zip.length - cut)), `cut ${cut}`).rejects.toMatchObject({ code: 'HTTP_RESPONSE' });
    }
    await expect(readAll(zipSync({ 'p/a.json.gz': [strToU8('not gzip at all'), { level: 0 }] }))).rejects.toMatchObject({ code: 'HTTP_RESPONSE' });
    await expect(readAll(zipSync({ 'p/a.json.gz': [gzipSync(strToU8('{"uuid":1}\n[1,2]\n')), { level: 0 }] }))).rejects.toThrow(/not a JSON event/);
  });
});
