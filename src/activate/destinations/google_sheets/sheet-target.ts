/**
 * Where a sync writes in a spreadsheet: `object:` is a sheet (tab) name,
 * optionally with the A1 cell the table starts at (`Account health!B3`,
 * `'Q1 ''24'!A1`; default A1). A name holding `!` or starting with a quote
 * must be quoted as A1 notation quotes it (`'...'`, a quote doubled inside).
 * Pure: parsing and the A1 text of cells and sheet names.
 */
import { BasinError } from '../../../core/errors.js';

/** A parsed `object:`: the sheet and the 0-based cell the header goes to. */
export interface SheetTarget {
  sheet: string;
  row: number;
  column: number;
}

/** Google's grid bounds: columns up to ZZZ, rows up to 10 million (the spreadsheet cell limit). */
const MAX_COLUMNS = 18_278;
const MAX_ROWS = 10_000_000;

/** Column letters of a 0-based column index (0 -> A, 26 -> AA). */
export function columnLetters(index: number): string {
  let out = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A sheet name as A1 notation needs it in a range: always quoted (valid for every name), inner quotes doubled. */
export function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The A1 text of a 0-based cell (`B3`). */
export function cellName(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

function invalid(object: string, why: string): BasinError {
  return new BasinError('CONFIG_INVALID', `object "${object}": ${why}; expected a sheet name, optionally with a start cell (Sheet1, 'Account health'!B3)`);
}

function parseCell(object: string, text: string): { row: number; column: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,8})$/.exec(text.trim());
  if (!m) throw invalid(object, `"${text}" is not a cell in A1 notation`);
  const column = columnIndex(m[1] ?? '');
  const row = Number(m[2]) - 1;
  if (row < 0 || row >= MAX_ROWS || column >= MAX_COLUMNS) throw invalid(object, `cell ${text} is outside a sheet's grid`);
  return { row, column };
}

/** Parses `object:`; CONFIG_INVALID naming it when it is not a sheet name with an optional start cell. */
export function parseSheetTarget(object: string): SheetTarget {
  const text = object.trim();
  if (text === '') throw invalid(object, 'empty');
  if (text.startsWith("'")) {
    const m = /^'((?:[^']|'')+)'(?:!(.*))?$/.exec(text);
    if (!m) throw invalid(object, 'the quoted sheet name is not closed');
    const sheet = (m[1] ?? '').replace(/''/g, "'");
    return { sheet, ...(m[2] === undefined ? { row: 0, column: 0 } : parseCell(object, m[2])) };
  }
  const bang = text.lastIndexOf('!');
  if (bang < 0) return { sheet: text, row: 0, column: 0 };
  const sheet = text.slice(0, bang).trim();
  if (sheet === '') throw invalid(object, 'no sheet name before "!"');
  return { sheet, ...parseCell(object, text.slice(bang + 1)) };
}
