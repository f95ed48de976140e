/**
 * A1 notation as the Sheets API reads and writes it: `Sheet1!A1:D5`,
 * `'Revenue targets'!A:F` (names quoted with `'`, a quote doubled inside),
 * whole sheets (`Sheet1`), open-ended ranges (`A2:D`, `A:D`, `2:5`), single
 * cells (`B3`), R1C1 cells (`R2C1:R10C4`), and ranges without a sheet
 * name (the first sheet). Parsing
 * yields the sheet name and the grid bounds; the API's answer names the
 * range bounded to the sheet's grid, which `formatRange` writes.
 */

/** A parsed range: which sheet, and which part of it (0-based, end exclusive; undefined = to the grid's edge). */
export interface A1Range {
  /** The sheet's name as written (unquoted), or undefined for "the first sheet". */
  sheet: string | undefined;
  startRow: number;
  startColumn: number;
  endRow: number | undefined;
  endColumn: number | undefined;
  /** True when the range is a single cell (`B3`): the answer names one cell. */
  singleCell: boolean;
}

/** A range resolved against a sheet's grid (0-based, end exclusive). */
export interface GridBounds {
  startRow: number;
  startColumn: number;
  endRow: number;
  endColumn: number;
}

interface CellRef {
  column: number | undefined;
  row: number | undefined;
}

/** Column letters of a 0-based column index (0 -> A, 26 -> AA). */
export function columnLetters(index: number): string {
  let out = '';
  let n = index + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** 0-based column index of column letters (A -> 0, AA -> 26). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const MAX_COLUMNS = 18_278; // ZZZ
const MAX_ROWS = 10_000_000;

function parseCellRef(text: string): CellRef | undefined {
  // A1 (`B3`, `$B$3`, `B`, `3`), or an R1C1 cell (`R3C2`: row 3, column 2).
  const a1 = /^\$?([A-Za-z]{0,3})\$?([0-9]{0,8})$/.exec(text);
  const r1c1 = a1 ? undefined : /^[Rr]([0-9]{1,8})[Cc]([0-9]{1,5})$/.exec(text);
  if (r1c1) {
    const row = Number(r1c1[1]) - 1;
    const column = Number(r1c1[2]) - 1;
    return row < 0 || column < 0 || row >= MAX_ROWS || column >= MAX_COLUMNS ? undefined : { column, row };
  }
  const m = a1;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const column = m[1] ? columnIndex(m[1]) : undefined;
  const row = m[2] ? Number(m[2]) - 1 : undefined;
  if (row !== undefined && (row < 0 || row >= MAX_ROWS)) return undefined;
  if (column !== undefined && column >= MAX_COLUMNS) return undefined;
  return { column, row };
}

/** Parses the cell part (`A1:B2`, `A:B`, `2:3`, `B3`); undefined when it is not one. */
function parseCells(text: string): Omit<A1Range, 'sheet'> | undefined {
  const parts = text.split(':');
  if (parts.length > 2) return undefined;
  const start = parseCellRef(parts[0] ?? '');
  if (!start) return undefined;
  if (parts.length === 1) {
    // A lone reference is a cell only when it names both column and row.
    if (start.column === undefined || start.row === undefined) return undefined;
    return { startRow: start.row, startColumn: start.column, endRow: start.row + 1, endColumn: start.column + 1, singleCell: true };
  }
  const end = parseCellRef(parts[1] ?? '');
  if (!end) return undefined;
  // `A:1` mixes a column with a row: not a range.
  if (start.column === undefined && end.column !== undefined && end.row === undefined) return undefined;
  if (start.row === undefined && start.column !== undefined && end.column === undefined) return undefined;
  const r0 = start.row ?? 0;
  const c0 = start.column ?? 0;
  const r1 = end.row === undefined ? undefined : end.row + 1;
  const c1 = end.column === undefined ? undefined : end.column + 1;
  // Reversed corners are normalized, as the API does.
  return {
    startRow: r1 === undefined ? r0 : Math.min(r0, r1 - 1),
    startColumn: c1 === undefined ? c0 : Math.min(c0, c1 - 1),
    endRow: r1 === undefined ? undefined : Math.max(r0 + 1, r1),
    endColumn: c1 === undefined ? undefined : Math.max(c0 + 1, c1),
    singleCell: false,
  };
}

function unquote(name: string): string | undefined {
  if (!name.startsWith("'")) return name;
  if (name.length < 2 || !name.endsWith("'")) return undefined;
  const inner = name.slice(1, -1);
  if (inner.replace(/''/g, '').includes("'")) return undefined;
  return inner.replace(/''/g, "'");
}

/**
 * Parses `text`. `isSheet` tells whether a name is one of the spreadsheet's
 * sheets (a bare `A1` is a sheet when such a sheet exists, as in the API).
 * Returns undefined when the text is not a range ("Unable to parse range").
 */
export function parseA1(text: string, isSheet: (name: string) => boolean): A1Range | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const bang = trimmed.lastIndexOf('!');
  const quotedWhole = trimmed.startsWith("'") && trimmed.endsWith("'") && bang < 0;
  if (bang < 0) {
    const name = unquote(trimmed);
    if (name !== undefined && (quotedWhole || isSheet(name))) {
      return { sheet: name, startRow: 0, startColumn: 0, endRow: undefined, endColumn: undefined, singleCell: false };
    }
    const cells = parseCells(trimmed);
    return cells ? { sheet: undefined, ...cells } : undefined;
  }
  const sheet = unquote(trimmed.slice(0, bang));
  const cells = parseCells(trimmed.slice(bang + 1));
  if (sheet === undefined || sheet === '' || !cells) return undefined;
  return { sheet, ...cells };
}

/** A sheet name as the API writes it in ranges: quoted unless it is a plain identifier that cannot be read as a cell. */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The range bounded to a grid of `rows` x `columns`. */
export function boundRange(range: A1Range, rows: number, columns: number): GridBounds {
  return {
    startRow: range.startRow,
    startColumn: range.startColumn,
    endRow: Math.min(range.endRow ?? rows, rows),
    endColumn: Math.min(range.endColumn ?? columns, columns),
  };
}

/** The A1 text of `bounds` on sheet `title`, as the API answers it (`'My sheet'!A1:F1000`, `Sheet1!B3`). */
export function formatRange(title: string, bounds: GridBounds, singleCell: boolean): string {
  const start = `${columnLetters(bounds.startColumn)}${bounds.startRow + 1}`;
  const end = `${columnLetters(Math.max(bounds.startColumn, bounds.endColumn - 1))}${Math.max(bounds.startRow, bounds.endRow - 1) + 1}`;
  return `${quoteSheetName(title)}!${singleCell ? start : `${start}:${end}`}`;
}
