/**
 * Seeded, stateless randomness. Every synthetic value in the sandbox is a pure
 * function of (seed, entity, salt), so any object can be computed on its own,
 * in any order, without generating the ones before it. No Math.random.
 */

/** Finalizes a 32-bit hash (murmur3's fmix32). */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a list of non-negative integers (each below 2^53). */
export function hashInts(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    const lo = v >>> 0;
    const hi = Math.floor(v / 0x100000000) >>> 0;
    h = mix32(h ^ lo);
    h = mix32((h + Math.imul(hi, 0x27d4eb2f) + 0x165667b1) >>> 0);
  }
  return h;
}

/** A 32-bit hash of a string (FNV-1a, then mixed). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) {
    h ^= text.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h >>> 0);
}

/** A uniform number in [0, 1) determined by the given integers. */
export function unit(...values: number[]): number {
  return hashInts(...values) / 0x100000000;
}

/** A uniform integer in [0, n) determined by the given integers. */
export function pick(n: number, ...values: number[]): number {
  return Math.floor(unit(...values) * n);
}

/** An element of `items` chosen by the given integers. */
export function choose<T>(items: readonly T[], ...values: number[]): T {
  const item = items[pick(items.length, ...values)];
  if (item === undefined) throw new Error('choose: empty list');
  return item;
}
