/**
 * What the Sheets fake serves: spreadsheets made of sheets whose rows are
 * computed from the synthetic company at a sandbox time (nothing stored).
 * A spreadsheet that is not shared with the sandbox service account answers
 * 403, as Google does for a file the caller cannot open.
 */
import type { CellRow } from './sheet-cells.js';

/** One sheet (tab) of a spreadsheet. */
export interface SandboxSheet {
  /** Google's sheet id (`gid` in the sheet's URL); the first sheet of a new spreadsheet has 0. */
  sheetId: number;
  title: string;
  columnCount: number;
  /** Frozen header rows. */
  frozenRowCount: number;
  /** Hidden from the spreadsheet's UI (sheets added with `hidden: true`). */
  hidden?: boolean;
  /** The sheet's rows at sandbox time `now`, from the grid's first row; empty cells undefined. */
  rows(now: number): CellRow[];
}

/** One spreadsheet. */
export interface SandboxSpreadsheet {
  spreadsheetId: string;
  title: string;
  /** Whether the sandbox service account can open it. */
  shared: boolean;
  sheets: readonly SandboxSheet[];
}

/** Rows of a new sheet's grid. */
export const DEFAULT_GRID_ROWS = 1000;
/** Columns of a new sheet's grid (A to Z). */
export const DEFAULT_GRID_COLUMNS = 26;

/** The grid's row count for `used` filled rows: a new sheet's 1,000, grown by a thousand at a time as rows are appended. */
export function gridRowCount(used: number): number {
  return Math.max(DEFAULT_GRID_ROWS, Math.ceil(used / 1000) * 1000);
}
