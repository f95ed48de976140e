/** Calendar months (UTC) for sheets kept one row per month: first days, and the months between two instants. */

/** Epoch ms of the first day (UTC midnight) of the month containing `t`, moved by `offset` months. */
export function monthStart(t: number, offset = 0): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}

/** Whole months from the month of `from` to the month of `to` (0 when the same month). */
export function monthsBetween(from: number, to: number): number {
  const a = new Date(from);
  const b = new Date(to);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}
