/**
 * The little A1 notation the connector needs: the sheet a configured range
 * names (to check it exists), and the first cell of the range the API
 * answers with (`'Revenue targets'!A2:F1000` -> row 2, column A), so rows
 * get their number in the sheet.
 */

/** Column letters of a 0-based column index (0 -> A, 26 -> AA). */
export function columnLettersOf(index: number): string {
  let out = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** The sheet named by `range` (unquoted), or undefined when it names none (the first sheet) or is a bare sheet name. */
export function sheetOfRange(range: string): string | undefined {
  const bang = range.lastIndexOf('!');
  const name = bang < 0 ? range.trim() : range.slice(0, bang).trim();
  if (name.startsWith("'") && name.endsWith("'") && name.length >= 2) return name.slice(1, -1).replace(/''/g, "'");
  if (bang < 0 && /^\$?[A-Za-z]{0,3}\$?[0-9]*(:\$?[A-Za-z]{0,3}\$?[0-9]*)?$/.test(name)) return undefined;
  return name;
}

/** The first cell of an answered range: 1-based row and 0-based column (row 1, column 0 when the range has no cells part). */
export function rangeStart(range: string): { row: number; column: number } {
  const cells = range.slice(range.lastIndexOf('!') + 1);
  const m = /^\$?([A-Za-z]*)\$?([0-9]*)/.exec(cells);
  let column = 0;
  for (const ch of (m?.[1] ?? '').toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: m?.[2] ? Number(m[2]) : 1, column: Math.max(0, column - 1) };
}
