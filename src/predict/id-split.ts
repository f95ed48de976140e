/** FNV-1a over the UTF-16 code units of `text`, as an unsigned 32-bit integer. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The text an id hashes as: numbers and bigints in decimal, dates in ISO-8601, the rest as strings. */
const idText = (id: unknown): string => (id instanceof Date ? id.toISOString() : String(id));

/**
 * Whether a row belongs to the test split: a hash of the seed and the id
 * (FNV-1a, 32 bits) falls below `testShare` of the hash range. The same id,
 * seed and share always land in the same split, whatever the row order or
 * the other rows.
 */
export function inTestSplit(id: unknown, seed: number, testShare: number): boolean {
  return fnv1a(`${seed}:${idText(id)}`) / 2 ** 32 < testShare;
}
