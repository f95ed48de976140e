/**
 * Vendor-looking identifiers that encode a position in the synthetic data.
 * `encodeId('cus', lane, index)` gives e.g. `cus_4XbQ1zK9mPq2Rv`: random to the
 * eye, but reversible, so a GET by id or a `starting_after` cursor finds the
 * object by arithmetic instead of a lookup table. A 5-character check tail
 * makes made-up ids decode to nothing (404) instead of some other object.
 */
import { hashInts, hashString, mix32 } from './prng.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const PAYLOAD_CHARS = 9; // 62^9 > 2^48
const CHECK_CHARS = 5;
const HALF = 0x1000000; // 2^24

/** What an id encodes: a lane (kind of object and slot, < 2^16) and an index (< 2^32). */
export interface DecodedId {
  lane: number;
  index: number;
}

function feistel(value: number, key: number, rounds: readonly number[]): number {
  let left = Math.floor(value / HALF);
  let right = value % HALF;
  for (const r of rounds) {
    const f = mix32((right ^ key ^ r) >>> 0) % HALF;
    [left, right] = [right, (left ^ f) >>> 0];
  }
  return left * HALF + right;
}

function unfeistel(value: number, key: number, rounds: readonly number[]): number {
  let left = Math.floor(value / HALF);
  let right = value % HALF;
  for (let k = rounds.length - 1; k >= 0; k--) {
    const f = mix32((left ^ key ^ (rounds[k] ?? 0)) >>> 0) % HALF;
    [left, right] = [(right ^ f) >>> 0, left];
  }
  return left * HALF + right;
}

const ROUNDS = [0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c];

function toBase62(value: number, width: number): string {
  let out = '';
  let v = value;
  for (let k = 0; k < width; k++) {
    out = ALPHABET[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out;
}

function fromBase62(text: string): number | undefined {
  let v = 0;
  for (const ch of text) {
    const d = ALPHABET.indexOf(ch);
    if (d < 0) return undefined;
    v = v * 62 + d;
  }
  return v;
}

/** Encodes (lane, index) as `<prefix>_<14 chars>`, scrambled by `key` (the seed). */
export function encodeId(prefix: string, key: number, lane: number, index: number): string {
  const plain = (lane % 0x10000) * 0x100000000 + index;
  const scrambled = feistel(plain, key >>> 0, ROUNDS);
  // Spread over the high digits too (< 31 * 2^48 < 2^53), so ids do not all start with 0 or 1.
  const payload = toBase62(scrambled + (mix32(scrambled % HALF) % 31) * 2 ** 48, PAYLOAD_CHARS);
  const check = toBase62(hashInts(hashString(prefix + payload), key >>> 0) % 916132832, CHECK_CHARS);
  return `${prefix}_${payload}${check}`;
}

/** Decodes an id made by `encodeId` with the same prefix and key; undefined for anything else. */
export function decodeId(prefix: string, key: number, id: string): DecodedId | undefined {
  if (!id.startsWith(`${prefix}_`)) return undefined;
  const body = id.slice(prefix.length + 1);
  if (body.length !== PAYLOAD_CHARS + CHECK_CHARS) return undefined;
  const payload = body.slice(0, PAYLOAD_CHARS);
  const check = toBase62(hashInts(hashString(prefix + payload), key >>> 0) % 916132832, CHECK_CHARS);
  if (check !== body.slice(PAYLOAD_CHARS)) return undefined;
  const spread = fromBase62(payload);
  if (spread === undefined || spread >= 31 * 2 ** 48) return undefined;
  const scrambled = spread % 2 ** 48;
  if (Math.floor(spread / 2 ** 48) !== mix32(scrambled % HALF) % 31) return undefined;
  const plain = unfeistel(scrambled, key >>> 0, ROUNDS);
  return { lane: Math.floor(plain / 0x100000000), index: plain % 0x100000000 };
}
