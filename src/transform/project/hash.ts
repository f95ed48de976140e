/** Hex digests used for checksums and dbt-compatible generated names. */
import { createHash } from 'node:crypto';

/** sha256 hex of text or bytes (file checksums). */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** md5 hex of a UTF-8 string (dbt's `dbt.utils.md5`). */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
