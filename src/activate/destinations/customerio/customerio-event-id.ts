/**
 * The `id` of an event Basin sends: a ULID, as Customer.io requires for the
 * ids it deduplicates events by, made deterministic so a resend after a
 * crash or a failed batch carries the same id: the 48-bit time part is the
 * event's timestamp, the 80-bit random part the first bytes of
 * SHA-256(sync, key).
 */
import { createHash } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 128 bits (6 time bytes + 10 hash bytes) as 26 Crockford base32 characters. */
function encode(bytes: Uint8Array): string {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = CROCKFORD[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

/** The event id of record `key` of `sync`, at `timestampMs` (clamped to the ULID's 48-bit range). */
export function eventUlid(sync: string, key: string, timestampMs: number): string {
  const time = BigInt(Math.max(0, Math.min(Math.floor(timestampMs), 2 ** 48 - 1)));
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 6; i++) bytes[i] = Number((time >> BigInt(8 * (5 - i))) & 0xffn);
  bytes.set(createHash('sha256').update(sync).update('\0').update(key).digest().subarray(0, 10), 6);
  return encode(bytes);
}
