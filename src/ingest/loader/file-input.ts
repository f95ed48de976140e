/**
 * A data file's bytes as a stream, decompressed by its extension: `.gz`
 * (zlib) and `.zst` (fzstd, as Node 20's zlib has no zstd). Other files are
 * read as they are.
 */
import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';

/** A Transform that inflates a zstd stream (any number of frames). */
function zstdDecompressor(): Transform {
  let push: ((chunk: Uint8Array) => void) | undefined;
  const inflater = new Decompress((chunk) => push?.(chunk));
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      push = (out) => this.push(Buffer.from(out));
      try {
        inflater.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done) {
      push = (out) => this.push(Buffer.from(out));
      try {
        inflater.push(new Uint8Array(0), true);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
}

/** The compression a file name declares. */
export function compressionOf(file: string): 'gzip' | 'zstd' | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.gz')) return 'gzip';
  if (lower.endsWith('.zst')) return 'zstd';
  return undefined;
}

/** Opens `file` for reading, decompressing `.gz` / `.zst`. */
export function openFileInput(file: string): Readable {
  const raw = createReadStream(file);
  const compression = compressionOf(file);
  if (compression === undefined) return raw;
  const inflate = compression === 'gzip' ? createGunzip() : zstdDecompressor();
  raw.on('error', (err) => inflate.destroy(err));
  return raw.pipe(inflate);
}
