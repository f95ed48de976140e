/** Helpers of the brute-force references. */

/** The median, interpolated between the two middle values (null for none). */
export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function mean(xs: number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** The smallest non-null string by code points. */
export function minText(xs: Array<string | null>): string | null {
  let best: string | null = null;
  for (const x of xs) if (x !== null && (best === null || x < best)) best = x;
  return best;
}

/** The UTC day of a time in ms, as YYYY-MM-DD. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
