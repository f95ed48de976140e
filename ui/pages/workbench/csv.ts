/**
 * CSV of a query result (RFC 4180): a header of column names, then one line
 * per row; fields with a comma, quote or line break are quoted, quotes
 * doubled; NULL is an empty field; objects and arrays as JSON. Lines end in CRLF.
 */

function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text of `rows` with `columns` in order. */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const lines = [columns.map(field).join(',')];
  for (const row of rows) lines.push(columns.map((c) => field(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name for a result downloaded at `at`: `query-2026-11-28-0912.csv`. */
export function csvFileName(at: Date): string {
  const iso = at.toISOString();
  return `query-${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}.csv`;
}
