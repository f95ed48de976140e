/**
 * What identifies a version of a file for incremental-by-file loads: size,
 * modification time and the SHA-256 of the content.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Stats } from 'node:fs';

/** A file's fingerprint as stored in the stream state. */
export interface FileFingerprint {
  size: number;
  /** Modification time, ISO-8601. */
  mtime: string;
  sha256: string;
}

/** True when size and mtime match (the content is then assumed unchanged, without hashing). */
export function sameStat(previous: FileFingerprint | undefined, st: Stats): boolean {
  return previous !== undefined && previous.size === st.size && previous.mtime === st.mtime.toISOString();
}

/** Hashes a file's content (streamed). */
export async function sha256File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
