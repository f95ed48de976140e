/**
 * The CSV download's file name. The CSV itself comes from the server
 * (POST /api/query/csv, the whole result, streamed).
 */

/** A file name for a result downloaded at `at`: `query-2026-11-28-0912.csv`. */
export function csvFileName(at: Date): string {
  const iso = at.toISOString();
  return `query-${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}.csv`;
}
