/**
 * The rows a sheet receives: a header of the mapped fields, then one row per
 * record, every value converted to what a Sheets cell holds, and split into
 * requests of bounded size. Pure.
 *
 * Conversion: numbers stay numbers (NaN and infinities, which JSON cannot
 * carry, become their text); integers beyond 2^53 (bigint) become text so no
 * digit is lost; booleans stay booleans; null becomes an empty cell;
 * timestamps (Date) become ISO 8601 text in UTC with RAW
 * (`2024-01-02T03:04:05.123Z`) and `2024-01-02 03:04:05.123` with
 * USER_ENTERED, which Sheets reads as a date-time; dates (`YYYY-MM-DD`) and
 * other text are sent as they are; binary becomes base64; JSON values
 * (objects, arrays) become their JSON text.
 */
import { BasinError } from '../../../core/errors.js';
import type { DestinationRecord } from '../../destination.js';
import { SHEETS_MAX_CELL_CHARS, SHEETS_MAX_CELLS } from './google-sheets-destination-config.js';

/** What one cell is sent as. */
export type CellValue = string | number | boolean;

/** How Sheets reads written values (`valueInputOption`). */
export type ValueInputOption = 'RAW' | 'USER_ENTERED';

function timestampText(date: Date, option: ValueInputOption): string {
  const iso = date.toISOString();
  if (option === 'RAW') return iso;
  const [day, time = ''] = iso.split('T');
  const clock = time.replace(/Z$/, '').replace(/\.000$/, '');
  return `${day ?? ''} ${clock}`;
}

/** One value as a cell (see the module comment); text longer than a cell holds is returned as is and refused by `sheetTable`. */
export function cellValue(value: unknown, option: ValueInputOption): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : timestampText(value, option);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return JSON.stringify(value) ?? '';
}

/**
 * The header and rows of `records` (fields in `fields` order). Throws
 * INPUT_INVALID, before anything is written, when the table holds more cells
 * than a spreadsheet can, or a value longer than a cell can hold.
 */
export function sheetTable(records: readonly DestinationRecord[], fields: readonly string[], option: ValueInputOption): CellValue[][] {
  const cells = (records.length + 1) * fields.length;
  if (cells > SHEETS_MAX_CELLS) {
    throw new BasinError('INPUT_INVALID', `${records.length} rows of ${fields.length} fields make ${cells} cells: a spreadsheet holds at most ${SHEETS_MAX_CELLS}`);
  }
  const rows: CellValue[][] = [[...fields]];
  for (const record of records) {
    rows.push(
      fields.map((field) => {
        const cell = cellValue(record.fields[field], option);
        if (typeof cell === 'string' && cell.length > SHEETS_MAX_CELL_CHARS) {
          throw new BasinError('INPUT_INVALID', `row ${record.key}, field ${field}: ${cell.length} characters, more than the ${SHEETS_MAX_CELL_CHARS} a cell holds`);
        }
        return cell;
      }),
    );
  }
  return rows;
}

/**
 * Slices of `rows` whose JSON is at most `maxBytes` each (a row bigger than
 * that goes alone), each with the offset of its first row. Every slice after
 * the first starts with the last row of the one before (written twice, the
 * same values): Sheets refuses a write whose start cell lies past the
 * sheet's last row, and the sheet ends where the previous write ended.
 */
export function chunkRows(rows: readonly CellValue[][], maxBytes: number): Array<{ offset: number; rows: CellValue[][] }> {
  const chunks: Array<{ offset: number; rows: CellValue[][] }> = [];
  const sizes = rows.map((row) => Buffer.byteLength(JSON.stringify(row)) + 1);
  let current: CellValue[][] = [];
  let offset = 0;
  let bytes = 2;
  rows.forEach((row, k) => {
    const size = sizes[k] ?? 0;
    if (current.length > (chunks.length > 0 ? 1 : 0) && bytes + size > maxBytes) {
      chunks.push({ offset, rows: current });
      offset = k - 1;
      current = [rows[k - 1] ?? []];
      bytes = 2 + (sizes[k - 1] ?? 0);
    }
    current.push(row);
    bytes += size;
  });
  if (current.length > (chunks.length > 0 ? 1 : 0)) chunks.push({ offset, rows: current });
  return chunks;
}
