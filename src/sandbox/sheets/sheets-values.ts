/**
 * `spreadsheets.values.get` and `values:batchGet`: a range's cells rendered
 * as the request asks, in rows or columns, with trailing empty cells and
 * rows left out (rows are ragged; an empty row inside the range is `[]`)
 * and `values` absent when the range holds nothing. The answer's `range` is
 * the requested range bounded to the sheet's grid.
 */
import { invalidArgument } from '../google/google-errors.js';
import { boundRange, formatRange, parseA1, quoteSheetName, type GridBounds } from './a1-notation.js';
import { renderCell, type CellRow, type DateTimeRenderOption, type ValueRenderOption } from './sheet-cells.js';
import { gridRowCount, type SandboxSheet, type SandboxSpreadsheet } from './spreadsheet-model.js';

type Value = string | number | boolean;

/** A ValueRange as the API returns it. */
export interface ValueRange {
  range: string;
  majorDimension: 'ROWS' | 'COLUMNS';
  values?: Value[][];
}

/** How to render values. */
export interface ValueOptions {
  majorDimension: 'ROWS' | 'COLUMNS';
  valueRenderOption: ValueRenderOption;
  dateTimeRenderOption: DateTimeRenderOption;
}

function enumParam<T extends string>(params: URLSearchParams, name: string, field: string, type: string, allowed: readonly T[], fallback: T): T {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw invalidArgument(`Invalid value at '${field}' (type.googleapis.com/google.apps.sheets.v4.${type}), "${raw}"`);
}

/** Reads and checks the rendering parameters of a values request. */
export function valueOptions(params: URLSearchParams): ValueOptions {
  const major = enumParam(params, 'majorDimension', 'major_dimension', 'Dimension', ['ROWS', 'COLUMNS', 'DIMENSION_UNSPECIFIED'], 'ROWS');
  return {
    majorDimension: major === 'COLUMNS' ? 'COLUMNS' : 'ROWS',
    valueRenderOption: enumParam(params, 'valueRenderOption', 'value_render_option', 'ValueRenderOption', ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'], 'FORMATTED_VALUE'),
    dateTimeRenderOption: enumParam(params, 'dateTimeRenderOption', 'date_time_render_option', 'DateTimeRenderOption', ['SERIAL_NUMBER', 'FORMATTED_STRING'], 'SERIAL_NUMBER'),
  };
}

/** The sheet a range names (case-insensitively, as Sheets matches names), or undefined. */
export function findSheet(spreadsheet: SandboxSpreadsheet, name: string): SandboxSheet | undefined {
  return spreadsheet.sheets.find((s) => s.title === name) ?? spreadsheet.sheets.find((s) => s.title.toLowerCase() === name.toLowerCase());
}

function trimEnd<T>(items: T[], isEmpty: (item: T) => boolean): T[] {
  let n = items.length;
  while (n > 0 && isEmpty(items[n - 1] as T)) n--;
  return n === items.length ? items : items.slice(0, n);
}

function grid(rows: readonly CellRow[], bounds: GridBounds, options: ValueOptions): Value[][] {
  const out: Value[][] = [];
  const lastRow = Math.min(bounds.endRow, rows.length);
  for (let r = bounds.startRow; r < lastRow; r++) {
    const cells = rows[r] ?? [];
    const line: Value[] = [];
    for (let c = bounds.startColumn; c < Math.min(bounds.endColumn, cells.length); c++) {
      const cell = cells[c];
      line.push(cell ? renderCell(cell, options.valueRenderOption, options.dateTimeRenderOption) : '');
    }
    out.push(trimEnd(line, (v) => v === ''));
  }
  return out;
}

function transpose(rows: Value[][], width: number): Value[][] {
  const columns: Value[][] = [];
  for (let c = 0; c < width; c++) columns.push(trimEnd(rows.map((row) => row[c] ?? ''), (v) => v === ''));
  return columns;
}

/** Replaces one number of the answer with a spreadsheet error value, as a broken formula shows it. */
function corrupt(values: Value[][]): void {
  for (let r = Math.floor(values.length / 2); r < values.length; r++) {
    const row = values[r] ?? [];
    const c = row.findIndex((v) => typeof v === 'number' || (typeof v === 'string' && v.startsWith('$')));
    if (c >= 0) {
      row[c] = '#REF!';
      return;
    }
  }
}

/** One range of `spreadsheet` at sandbox time `now`. Throws GoogleApiError 400 for a range it cannot read. */
export function readRange(spreadsheet: SandboxSpreadsheet, text: string, options: ValueOptions, now: number, malformed = false): ValueRange {
  const parsed = parseA1(text, (name) => findSheet(spreadsheet, name) !== undefined);
  const sheet = parsed ? (parsed.sheet === undefined ? spreadsheet.sheets[0] : findSheet(spreadsheet, parsed.sheet)) : undefined;
  if (!parsed || !sheet) throw invalidArgument(`Unable to parse range: ${text}`);
  const rows = sheet.rows(now);
  const rowCount = gridRowCount(rows.length);
  if (parsed.startRow >= rowCount || parsed.startColumn >= sheet.columnCount) {
    throw invalidArgument(`Range (${quoteSheetName(sheet.title)}!${text.slice(text.lastIndexOf('!') + 1)}) exceeds grid limits. Max rows: ${rowCount}, max columns: ${sheet.columnCount}`);
  }
  const bounds = boundRange(parsed, rowCount, sheet.columnCount);
  let values = trimEnd(grid(rows, bounds, options), (row) => row.length === 0);
  if (options.majorDimension === 'COLUMNS') {
    values = trimEnd(transpose(values, bounds.endColumn - bounds.startColumn), (col) => col.length === 0);
  }
  if (malformed) corrupt(values);
  const answer: ValueRange = { range: formatRange(sheet.title, bounds, parsed.singleCell), majorDimension: options.majorDimension };
  if (values.length > 0) answer.values = values;
  return answer;
}
