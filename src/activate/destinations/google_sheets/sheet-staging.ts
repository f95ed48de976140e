/**
 * Replacing a sheet's table atomically through a staging sheet. Google
 * applies one spreadsheets.batchUpdate all or nothing, but a table of many
 * megabytes takes several requests; so the table is first written to a new
 * hidden sheet (`basin-staging-<target sheetId>-<random>`, at the same start
 * cell, so relative formulas of USER_ENTERED text need no shifting), and
 * only then swapped in with one batchUpdate: grow the target's grid when
 * the table needs more rows or columns, clear the values of the range the
 * sync owns (start cell to the grid's last cell), copyPaste the staged table
 * onto the start cell (PASTE_VALUES with RAW, keeping the target's
 * formatting; PASTE_NORMAL with USER_ENTERED, carrying the formulas and the
 * number formats Sheets detected), and delete the staging sheet. The target
 * sheet is never deleted or renamed: its id, and the charts and formulas
 * elsewhere that refer to it, survive (deleting it would turn references to
 * it into #REF!). Staging sheets a crashed run left for the same target are
 * deleted in the request that adds the new one.
 */
import { randomUUID } from 'node:crypto';
import { BasinError, errorMessage } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import { SHEETS_MAX_REQUEST_BYTES } from './google-sheets-destination-config.js';
import { chunkRows, type CellValue, type ValueInputOption } from './sheet-table.js';
import { cellName, quotedSheet, type SheetTarget } from './sheet-target.js';

/** The properties of a sheet as spreadsheets.get returns them. */
export interface SheetProperties {
  sheetId?: number;
  title?: string;
  index?: number;
  gridProperties?: { rowCount?: number; columnCount?: number };
}

/** What a staged replace needs: the parsed target, its sheet, every sheet, the table, and the two calls it makes. */
export interface StagedReplace {
  target: SheetTarget;
  sheet: SheetProperties;
  sheets: readonly SheetProperties[];
  table: CellValue[][];
  option: ValueInputOption;
  /** spreadsheets.batchUpdate with these requests; resolves to its JSON answer. */
  batchUpdate(requests: unknown[]): Promise<unknown>;
  /** values:batchUpdate of `rows` from the top-left cell `range`. */
  writeValues(range: string, rows: CellValue[][]): Promise<unknown>;
  logger: Logger;
}

/** The title prefix of the staging sheets of the sheet with id `sheetId`. */
export function stagingPrefix(sheetId: number): string {
  return `basin-staging-${sheetId}-`;
}

const gridRange = (sheetId: number, startRow: number, endRow: number, startColumn: number, endColumn: number) => ({
  sheetId,
  startRowIndex: startRow,
  endRowIndex: endRow,
  startColumnIndex: startColumn,
  endColumnIndex: endColumn,
});

function addedSheetId(answer: unknown): number {
  const replies = (answer as { replies?: Array<{ addSheet?: { properties?: { sheetId?: unknown } } }> } | undefined)?.replies;
  const id = replies?.at(-1)?.addSheet?.properties?.sheetId;
  if (typeof id !== 'number') throw new BasinError('HTTP_RESPONSE', 'spreadsheets.batchUpdate answered addSheet without the new sheet id');
  return id;
}

/** The requests that put the staged table (`height` x `width` at the start cell of sheet `stagingId`) in place of the target's owned range, in one batch. */
export function swapRequests(input: { target: SheetTarget; sheet: SheetProperties; stagingId: number; height: number; width: number; option: ValueInputOption }): unknown[] {
  const { target, height, width } = input;
  const sheetId = input.sheet.sheetId ?? 0;
  const rows = input.sheet.gridProperties?.rowCount ?? 0;
  const columns = input.sheet.gridProperties?.columnCount ?? 0;
  const requests: unknown[] = [];
  const needRows = target.row + height - rows;
  const needColumns = target.column + width - columns;
  if (needRows > 0) requests.push({ appendDimension: { sheetId, dimension: 'ROWS', length: needRows } });
  if (needColumns > 0) requests.push({ appendDimension: { sheetId, dimension: 'COLUMNS', length: needColumns } });
  requests.push({ updateCells: { range: gridRange(sheetId, target.row, rows, target.column, columns), fields: 'userEnteredValue' } });
  const area = (id: number) => gridRange(id, target.row, target.row + height, target.column, target.column + width);
  requests.push({ copyPaste: { source: area(input.stagingId), destination: area(sheetId), pasteType: input.option === 'RAW' ? 'PASTE_VALUES' : 'PASTE_NORMAL', pasteOrientation: 'NORMAL' } });
  requests.push({ deleteSheet: { sheetId: input.stagingId } });
  return requests;
}

/** Writes `table` to a staging sheet, then swaps it into the target in one batchUpdate; on a failure before the swap the target is untouched and the error is thrown. */
export async function stagedReplace(input: StagedReplace): Promise<void> {
  const { target, table } = input;
  const sheetId = input.sheet.sheetId ?? 0;
  const prefix = stagingPrefix(sheetId);
  const leftovers = input.sheets.filter((s) => s.title?.startsWith(prefix) === true && typeof s.sheetId === 'number');
  const title = `${prefix}${randomUUID().slice(0, 8)}`;
  const height = table.length;
  const width = Math.max(1, table[0]?.length ?? 0);
  const added = await input.batchUpdate([
    ...leftovers.map((s) => ({ deleteSheet: { sheetId: s.sheetId } })),
    { addSheet: { properties: { title, hidden: true, gridProperties: { rowCount: target.row + height, columnCount: target.column + width } } } },
  ]);
  const stagingId = addedSheetId(added);
  const chunks = chunkRows(table, SHEETS_MAX_REQUEST_BYTES);
  try {
    for (const chunk of chunks) await input.writeValues(`${quotedSheet(title)}!${cellName(target.row + chunk.offset, target.column)}`, chunk.rows);
    await input.batchUpdate(swapRequests({ target, sheet: input.sheet, stagingId, height, width, option: input.option }));
  } catch (err) {
    // The target is as it was; drop the staging sheet (else the next run does).
    await input.batchUpdate([{ deleteSheet: { sheetId: stagingId } }]).catch((cleanup: unknown) =>
      input.logger.warn('google sheets: staging sheet left for the next run to delete', { sheet: title, error: errorMessage(cleanup) }),
    );
    throw err;
  }
  input.logger.debug('google sheets: sheet replaced', { sheet: target.sheet, staging: title, leftovers: leftovers.length, rows: height - 1, requests: chunks.length + 2 });
}
