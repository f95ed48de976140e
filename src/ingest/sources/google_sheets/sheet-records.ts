/**
 * A range's values as records: the header row names the columns (see
 * header-names.ts), rows shorter than the widest row are padded with nulls
 * (the API leaves trailing empty cells out), empty cells are null, fully
 * empty rows are skipped, and each record carries `_row_number`, its row in
 * the sheet. Columns typed `date` / `timestamp` turn serial numbers (days
 * since 1899-12-30) into ISO text; other values stay as the API rendered them.
 */
import { ROW_NUMBER_COLUMN, columnNames } from './header-names.js';
import type { SheetColumnType } from './google-sheets-stream-settings.js';
import { rangeStart } from './sheet-range.js';

/** A ValueRange as the API answers it. */
export interface ValueRange {
  range: string;
  values?: unknown[][] | undefined;
}

/** What a range becomes. */
export interface SheetTable {
  /** Column names (without `_row_number`), in sheet order. */
  columns: string[];
  records: Array<Record<string, unknown>>;
}

const DAY_MS = 86_400_000;
const EPOCH_SERIAL = 25_569;

/** The ISO date of a serial number (`2024-01-01`). */
export function serialToDate(serial: number): string {
  return new Date(Math.floor(serial - EPOCH_SERIAL) * DAY_MS).toISOString().slice(0, 10);
}

/** The ISO timestamp (UTC) of a serial date-time (`2024-01-01T12:00:00.000Z`). */
export function serialToTimestamp(serial: number): string {
  return new Date(Math.round((serial - EPOCH_SERIAL) * DAY_MS)).toISOString();
}

function convert(value: unknown, type: SheetColumnType | undefined): unknown {
  if (value === '' || value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (type === 'date') return serialToDate(value);
    if (type === 'timestamp') return serialToTimestamp(value);
  }
  return value;
}

const isEmptyRow = (row: readonly unknown[]): boolean => row.every((v) => v === '' || v === null || v === undefined);

/** The records of `valueRange` whose header is its `headerRow`-th row (1 = its first). */
export function sheetRecords(valueRange: ValueRange, headerRow: number, types: Readonly<Record<string, SheetColumnType>>): SheetTable {
  const start = rangeStart(valueRange.range);
  const values = valueRange.values ?? [];
  const header = values[headerRow - 1] ?? [];
  const data = values.slice(headerRow);
  const width = data.reduce((w, row) => Math.max(w, row.length), header.length);
  const columns = columnNames(header, width, start.column);
  const records: Array<Record<string, unknown>> = [];
  data.forEach((row, k) => {
    if (isEmptyRow(row)) return;
    const record: Record<string, unknown> = { [ROW_NUMBER_COLUMN]: start.row + headerRow + k };
    columns.forEach((name, c) => {
      record[name] = convert(row[c], types[name]);
    });
    records.push(record);
  });
  return { columns, records };
}
