/**
 * API token values: how one is made, how it is hashed for storage, and how a
 * presented token is compared with stored hashes (constant time).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every token starts with this, so a leaked one is easy to recognise (and to scan for). */
export const TOKEN_PREFIX = 'basin_';

/** Prefix of a stored hash, naming its algorithm. */
const HASH_PREFIX = 'sha256:';

/** A new token: the prefix and 32 random bytes in base64url (43 characters). */
export function newTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** A new token id: 8 hex characters, shown by `basin tokens list` and accepted by `revoke`. */
export function newTokenId(): string {
  return randomBytes(4).toString('hex');
}

/** The stored form of a token: `sha256:<hex>`. */
export function hashTokenSecret(token: string): string {
  return `${HASH_PREFIX}${sha256(token).toString('hex')}`;
}

/** True when `token` hashes to `storedHash`; the comparison takes the same time wherever the hashes differ. */
export function tokenMatches(token: string, storedHash: string): boolean {
  return digestMatches(sha256(token), storedHash);
}

/** As tokenMatches, with the presented token already hashed (one hash per request, many comparisons). */
export function digestMatches(digest: Buffer, storedHash: string): boolean {
  if (!storedHash.startsWith(HASH_PREFIX)) return false;
  const stored = Buffer.from(storedHash.slice(HASH_PREFIX.length), 'hex');
  return stored.length === digest.length && timingSafeEqual(stored, digest);
}

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
