/**
 * Reads an Export API archive as it streams in: a zip (fflate's streaming
 * Unzip, stored or deflated entries) of gzipped NDJSON files, one or more per
 * hour. Each network chunk is pushed through unzip -> gunzip -> line
 * splitting, and the events parsed from it are yielded before the next chunk
 * is read, so memory holds one chunk's worth of events, whatever the
 * archive's size. Events are yielded as parsed (JSON-native values). An
 * archive that ends early (no end-of-central-directory record) is an error,
 * not a shorter export.
 */
import { Gunzip, Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { BasinError } from '../../../core/errors.js';

/** What one pushed chunk produced. */
export interface ArchivePiece {
  records: Array<Record<string, unknown>>;
  /** Names of the files that ended in this piece. */
  finished: string[];
}

/** Yields the events of the archive's files, in archive order. */
export async function* readExportArchive(chunks: AsyncIterable<Uint8Array>, label: string): AsyncGenerator<ArchivePiece> {
  let piece: ArchivePiece = { records: [], finished: [] };
  let failure: Error | undefined;
  const open = new Set<string>();
  const fail = (message: string, cause?: unknown): void => {
    failure ??= new BasinError('HTTP_RESPONSE', `${label}: ${message}`, { cause });
  };

  const unzip = new Unzip((file: UnzipFile) => {
    open.add(file.name);
    const decoder = new TextDecoder();
    let rest = '';
    const lines = (text: string, final: boolean): void => {
      const parts = (rest + text).split('\n');
      rest = final ? '' : (parts.pop() ?? '');
      for (const line of parts) {
        if (line.trim() === '') continue;
        try {
          const value: unknown = JSON.parse(line);
          if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
          piece.records.push(value as Record<string, unknown>);
        } catch (err) {
          fail(`${file.name}: a line is not a JSON event (${(err as Error).message})`, err);
        }
      }
    };
    const gunzip = new Gunzip((data, final) => {
      lines(decoder.decode(data, { stream: !final }), final);
      if (final) {
        open.delete(file.name);
        piece.finished.push(file.name);
      }
    });
    file.ondata = (err, data, final) => {
      if (err) return fail(`${file.name}: ${err.message}`, err);
      try {
        gunzip.push(data, final);
      } catch (e) {
        fail(`${file.name} is not valid gzip (${(e as Error).message})`, e);
      }
    };
    if (!file.name.endsWith('.json.gz')) fail(`unexpected file ${file.name} in the export archive`);
    file.start();
  });
  unzip.register(UnzipInflate);

  const push = (data: Uint8Array, final: boolean): void => {
    try {
      unzip.push(data, final);
    } catch (err) {
      fail(`not a valid zip archive (${(err as Error).message})`, err);
    }
  };
  let tail: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    tail = keepTail(tail, chunk);
    push(chunk, false);
    if (failure) throw failure;
    if (piece.records.length > 0 || piece.finished.length > 0) {
      const out = piece;
      piece = { records: [], finished: [] };
      yield out;
    }
  }
  push(new Uint8Array(0), true);
  if (!failure && open.size > 0) fail(`the archive ended inside ${[...open].join(', ')}`);
  if (!failure && !endsWithDirectory(tail)) fail('the archive is truncated (no end of central directory)');
  if (failure) throw failure;
  if (piece.records.length > 0 || piece.finished.length > 0) yield piece;
}

/** The end-of-central-directory record: 22 bytes plus a comment of up to 65,535. */
const TAIL_BYTES = 22 + 65_535;

function keepTail(tail: Uint8Array, chunk: Uint8Array): Uint8Array {
  if (chunk.length >= TAIL_BYTES) return chunk.slice(chunk.length - TAIL_BYTES);
  const keep = Math.min(tail.length, TAIL_BYTES - chunk.length);
  const out = new Uint8Array(keep + chunk.length);
  out.set(tail.subarray(tail.length - keep));
  out.set(chunk, keep);
  return out;
}

/** Whether the archive's last bytes hold an end-of-central-directory record whose comment runs to the end. */
function endsWithDirectory(tail: Uint8Array): boolean {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) {
      const commentLength = (tail[i + 20] ?? 0) | ((tail[i + 21] ?? 0) << 8);
      if (i + 22 + commentLength === tail.length) return true;
    }
  }
  return false;
}
