/**
 * "Basin exports": the sandbox's one spreadsheet the service account may
 * edit, where Sheets syncs write. Its sheets start empty and hold what the
 * write routes put there, so every read route (values, batchGet, metadata,
 * grid data) shows the writes. The grid grows to fit what is written (rows
 * by the thousand, as the model's other sheets; columns past Z as needed).
 */
import type { Cell } from './sheet-cells.js';
import { DEFAULT_GRID_COLUMNS, type SandboxSheet, type SandboxSpreadsheet } from './spreadsheet-model.js';

/** "Basin exports": sheets "Sheet1" (id 0) and "Account health" (id 1), both empty at start; editable. */
export const SHEETS_EXPORTS_ID = '1Bx5-ExpRtsB4sinSandb0xWr1tabLe_9kQ7mZ2pL0aE';

/** A sheet whose cells writes change. */
export interface WritableSheet extends SandboxSheet {
  /** The cells, row by row (0-based); holes are empty cells. */
  readonly grid: (Cell | undefined)[][];
  /** Sets (or, with undefined, empties) one cell, growing the grid. */
  set(row: number, column: number, cell: Cell | undefined): void;
  /** Sets the grid's column count (never below the columns holding cells). */
  resizeColumns(count: number): void;
  title: string;
  hidden: boolean;
}

/** A spreadsheet whose sheets are all writable; spreadsheets.batchUpdate adds and deletes sheets. */
export interface WritableSpreadsheet extends SandboxSpreadsheet {
  readonly sheets: WritableSheet[];
}

/** A new, empty writable sheet. */
export function writableSheet(sheetId: number, title: string, options: { columnCount?: number; hidden?: boolean } = {}): WritableSheet {
  const grid: (Cell | undefined)[][] = [];
  let columns = options.columnCount ?? DEFAULT_GRID_COLUMNS;
  return {
    sheetId,
    title,
    hidden: options.hidden ?? false,
    get columnCount() {
      return columns;
    },
    resizeColumns(count) {
      columns = Math.max(count, ...grid.map((line) => line.length));
    },
    frozenRowCount: 0,
    grid,
    rows: () => grid,
    set(row, column, cell) {
      while (grid.length <= row) grid.push([]);
      const line = grid[row] as (Cell | undefined)[];
      if (cell === undefined && column >= line.length) return;
      while (line.length <= column) line.push(undefined);
      line[column] = cell;
      columns = Math.max(columns, column + 1);
    },
  };
}

/** A fresh "Basin exports" spreadsheet (each fake instance has its own). */
export function createExportsSpreadsheet(): WritableSpreadsheet {
  return {
    spreadsheetId: SHEETS_EXPORTS_ID,
    title: 'Basin exports',
    shared: true,
    sheets: [writableSheet(0, 'Sheet1'), writableSheet(1, 'Account health')],
  };
}
