/**
 * Document ids of the Firestore fake. Organizations and users keep the
 * company's product ids (`SyntheticCompany.productId`, the ids other
 * sources such as Amplitude report), found by a scan. Spaces and their
 * collections get 20-character auto-id-looking ids that decode back to
 * their position (organization, space, collection), so a get or a
 * subcollection query finds them by arithmetic.
 */
import { decodeId, encodeId } from '../id-codec.js';
import { hashInts } from '../prng.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BODY = 14; // what encodeId puts after its prefix
const TAIL = 6;
/** Spaces per organization and collections per space stay below these (lanes are space * 16 + collection). */
export const MAX_SPACES = 256;
export const MAX_COLLECTIONS = 16;

function tail(kind: string, seed: number, body: string): string {
  let out = '';
  for (let c = 0; c < TAIL; c++) out += ALPHABET[hashInts(seed, kind.charCodeAt(0), body.charCodeAt(c) ?? 0, body.charCodeAt(BODY - 1 - c), c) % 62];
  return out;
}

function encode(kind: 'spc' | 'col', seed: number, lane: number, index: number): string {
  const body = encodeId(kind, seed, lane, index).slice(kind.length + 1);
  return body + tail(kind, seed, body);
}

function decode(kind: 'spc' | 'col', seed: number, id: string): { lane: number; index: number } | undefined {
  if (id.length !== BODY + TAIL) return undefined;
  const body = id.slice(0, BODY);
  if (tail(kind, seed, body) !== id.slice(BODY)) return undefined;
  return decodeId(kind, seed, `${kind}_${body}`);
}

/** Id of space `k` of organization `i`. */
export function spaceId(seed: number, i: number, k: number): string {
  return encode('spc', seed, k, i);
}

/** The (organization, space) a space id names, or undefined. */
export function decodeSpaceId(seed: number, id: string): { i: number; k: number } | undefined {
  const d = decode('spc', seed, id);
  return d && d.lane < MAX_SPACES ? { i: d.index, k: d.lane } : undefined;
}

/** Id of collection `c` of space `k` of organization `i`. */
export function collectionDocId(seed: number, i: number, k: number, c: number): string {
  return encode('col', seed, k * MAX_COLLECTIONS + c, i);
}

/** The (organization, space, collection) a collection id names, or undefined. */
export function decodeCollectionDocId(seed: number, id: string): { i: number; k: number; c: number } | undefined {
  const d = decode('col', seed, id);
  return d ? { i: d.index, k: Math.floor(d.lane / MAX_COLLECTIONS), c: d.lane % MAX_COLLECTIONS } : undefined;
}
