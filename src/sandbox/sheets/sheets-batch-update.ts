/**
 * `POST /v4/spreadsheets/{id}:batchUpdate` (spreadsheets.batchUpdate) on the
 * writable spreadsheet, all or nothing as Google applies it: the requests
 * run in order on the spreadsheet, and when one is refused every change the
 * earlier ones made is undone before the 400 is answered. Requests served:
 * `addSheet` (title, sheetId, index, hidden, gridProperties.columnCount;
 * the grid's rows follow the sandbox model: 1,000, grown as written),
 * `deleteSheet`, `appendDimension`, `updateCells` without `rows` (clears
 * the `fields` of the range: `userEnteredValue` empties cells; the model
 * has no formatted empty cell, so a cleared cell loses its number format,
 * which Google keeps) and
 * `copyPaste` (PASTE_NORMAL, PASTE_VALUES, PASTE_FORMULA; NORMAL
 * orientation; the source repeated over a destination a multiple of its
 * size). Any other request kind is answered 400 naming it. The answer is a
 * BatchUpdateSpreadsheetResponse: one reply per request (`{}` for those
 * without one; addSheet's holds the new sheet's properties).
 */
import { invalidArgument } from '../google/google-errors.js';
import type { Cell } from './sheet-cells.js';
import { writableSheet, type WritableSheet, type WritableSpreadsheet } from './sheets-exports.js';
import { gridRowCount } from './spreadsheet-model.js';

type Json = Record<string, unknown>;

const PASTE_TYPES = ['PASTE_NORMAL', 'PASTE_VALUES', 'PASTE_FORMULA'] as const;
type PasteType = (typeof PASTE_TYPES)[number];

const objectAt = (value: unknown, field: string): Json => {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidArgument(`Invalid value at '${field}': expected an object`);
  return value as Json;
};

function integerAt(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw invalidArgument(`Invalid value at '${field}' (TYPE_INT32), ${JSON.stringify(value)}`);
  return n;
}

const rowCountOf = (sheet: WritableSheet): number => gridRowCount(sheet.grid.length);

function sheetById(spreadsheet: WritableSpreadsheet, id: number | undefined, field: string): WritableSheet {
  const sheet = spreadsheet.sheets.find((s) => s.sheetId === (id ?? 0));
  if (!sheet) throw invalidArgument(`Invalid ${field}: No grid with id: ${id ?? 0}`);
  return sheet;
}

interface Area {
  sheet: WritableSheet;
  startRow: number;
  endRow: number;
  startColumn: number;
  endColumn: number;
}

/** A GridRange, its unbounded sides at the grid's edges; 400 when it leaves the grid. */
function area(spreadsheet: WritableSpreadsheet, raw: unknown, field: string): Area {
  const range = objectAt(raw, field);
  const sheet = sheetById(spreadsheet, integerAt(range['sheetId'], `${field}.sheet_id`), field);
  const rows = rowCountOf(sheet);
  const startRow = integerAt(range['startRowIndex'], `${field}.start_row_index`) ?? 0;
  const endRow = integerAt(range['endRowIndex'], `${field}.end_row_index`) ?? rows;
  const startColumn = integerAt(range['startColumnIndex'], `${field}.start_column_index`) ?? 0;
  const endColumn = integerAt(range['endColumnIndex'], `${field}.end_column_index`) ?? sheet.columnCount;
  if (endRow < startRow || endColumn < startColumn) throw invalidArgument(`Invalid ${field}: the end index is before the start index`);
  if (endRow > rows || endColumn > sheet.columnCount) {
    throw invalidArgument(`Invalid ${field}: Range ('${sheet.title}'!R${startRow + 1}C${startColumn + 1}:R${endRow}C${endColumn}) exceeds grid limits. Max rows: ${rows}, max columns: ${sheet.columnCount}`);
  }
  return { sheet, startRow, endRow, startColumn, endColumn };
}

const cellAt = (sheet: WritableSheet, row: number, column: number): Cell | undefined => sheet.grid[row]?.[column];

function addSheet(spreadsheet: WritableSpreadsheet, body: Json, field: string): Json {
  const properties = objectAt(body['properties'], `${field}.properties`);
  const ids = new Set(spreadsheet.sheets.map((s) => s.sheetId));
  const requestedId = integerAt(properties['sheetId'], `${field}.properties.sheet_id`);
  if (requestedId !== undefined && ids.has(requestedId)) throw invalidArgument(`Invalid ${field}: A sheet with the id ${requestedId} already exists`);
  let sheetId = requestedId ?? 1 + Math.max(0, ...ids);
  while (ids.has(sheetId)) sheetId++;
  const title = properties['title'] ?? `Sheet${spreadsheet.sheets.length + 1}`;
  if (typeof title !== 'string' || title.trim() === '') throw invalidArgument(`Invalid ${field}: the sheet title must not be empty`);
  if (spreadsheet.sheets.some((s) => s.title.toLowerCase() === title.toLowerCase())) {
    throw invalidArgument(`Invalid ${field}: A sheet with the name "${title}" already exists. Please enter another name.`);
  }
  const grid = objectAt(properties['gridProperties'], `${field}.properties.grid_properties`);
  const columnCount = integerAt(grid['columnCount'], `${field}.properties.grid_properties.column_count`);
  const hidden = properties['hidden'] === true;
  const index = integerAt(properties['index'], `${field}.properties.index`) ?? spreadsheet.sheets.length;
  const sheet = writableSheet(sheetId, title, { hidden, ...(columnCount === undefined ? {} : { columnCount: Math.max(1, columnCount) }) });
  spreadsheet.sheets.splice(Math.min(index, spreadsheet.sheets.length), 0, sheet);
  const out: Json = {
    sheetId,
    title,
    index: spreadsheet.sheets.indexOf(sheet),
    sheetType: 'GRID',
    gridProperties: { rowCount: rowCountOf(sheet), columnCount: sheet.columnCount },
  };
  if (hidden) out['hidden'] = true;
  return { addSheet: { properties: out } };
}

function deleteSheet(spreadsheet: WritableSpreadsheet, body: Json, field: string): Json {
  const sheet = sheetById(spreadsheet, integerAt(body['sheetId'], `${field}.sheet_id`), field);
  if (spreadsheet.sheets.filter((s) => !s.hidden && s !== sheet).length === 0) {
    throw invalidArgument(`Invalid ${field}: You can't remove all the visible sheets in a document.`);
  }
  spreadsheet.sheets.splice(spreadsheet.sheets.indexOf(sheet), 1);
  return {};
}

function appendDimension(spreadsheet: WritableSpreadsheet, body: Json, field: string): Json {
  const sheet = sheetById(spreadsheet, integerAt(body['sheetId'], `${field}.sheet_id`), field);
  const length = integerAt(body['length'], `${field}.length`) ?? 0;
  if (length < 1) throw invalidArgument(`Invalid ${field}: length must be at least 1`);
  if (body['dimension'] === 'COLUMNS') sheet.resizeColumns(sheet.columnCount + length);
  else if (body['dimension'] === 'ROWS') {
    // Empty rows up to the new row count (the model's grid rounds up to whole thousands).
    const target = rowCountOf(sheet) + length;
    while (sheet.grid.length < target) sheet.grid.push([]);
  } else throw invalidArgument(`Invalid value at '${field}.dimension' (type.googleapis.com/google.apps.sheets.v4.Dimension), ${JSON.stringify(body['dimension'])}`);
  return {};
}

function updateCells(spreadsheet: WritableSpreadsheet, body: Json, field: string): Json {
  if (body['rows'] !== undefined || body['start'] !== undefined) throw invalidArgument(`Invalid ${field}: the sandbox serves updateCells with a range and no rows (clearing) only`);
  const fields = body['fields'];
  if (typeof fields !== 'string' || fields.trim() === '') throw invalidArgument(`Invalid ${field}: At least one field must be specified.`);
  const names = fields.split(',').map((f) => f.trim());
  const values = names.some((f) => f === '*' || f === 'userEnteredValue');
  const formats = names.some((f) => f === '*' || f === 'userEnteredFormat' || f.startsWith('userEnteredFormat.'));
  const known = names.every((f) => f === '*' || f === 'userEnteredValue' || f === 'userEnteredFormat' || f.startsWith('userEnteredFormat.') || f === 'note');
  if (!known) throw invalidArgument(`Invalid ${field}.fields: the sandbox clears userEnteredValue, userEnteredFormat and note only, not "${fields}"`);
  const a = area(spreadsheet, body['range'], `${field}.range`);
  for (let r = a.startRow; r < Math.min(a.endRow, a.sheet.grid.length); r++) {
    for (let c = a.startColumn; c < Math.min(a.endColumn, a.sheet.grid[r]?.length ?? 0); c++) {
      const cell = cellAt(a.sheet, r, c);
      if (!cell) continue;
      if (values) a.sheet.set(r, c, undefined);
      else if (formats) a.sheet.set(r, c, { value: cell.value, formula: cell.formula });
    }
  }
  return {};
}

/** What `type` pastes of `source` over `target`. */
function pasted(source: Cell | undefined, target: Cell | undefined, type: PasteType): Cell | undefined {
  if (type === 'PASTE_NORMAL') return source;
  if (!source) return undefined;
  const format = target?.format;
  if (type === 'PASTE_VALUES') return { value: source.value, format };
  return { value: source.value, format, formula: source.formula };
}

function copyPaste(spreadsheet: WritableSpreadsheet, body: Json, field: string): Json {
  const type = body['pasteType'] ?? 'PASTE_NORMAL';
  if (!PASTE_TYPES.includes(type as PasteType)) throw invalidArgument(`Invalid ${field}.paste_type: the sandbox pastes ${PASTE_TYPES.join(', ')}, not ${JSON.stringify(type)}`);
  if ((body['pasteOrientation'] ?? 'NORMAL') !== 'NORMAL') throw invalidArgument(`Invalid ${field}.paste_orientation: the sandbox pastes NORMAL only`);
  const source = area(spreadsheet, body['source'], `${field}.source`);
  const destination = area(spreadsheet, body['destination'], `${field}.destination`);
  const height = source.endRow - source.startRow;
  const width = source.endColumn - source.startColumn;
  const repeat = (span: number, size: number): number => (size > 0 && span >= size && span % size === 0 ? span / size : 1);
  const down = repeat(destination.endRow - destination.startRow, height);
  const across = repeat(destination.endColumn - destination.startColumn, width);
  const rows = destination.startRow + height * down;
  const columns = destination.startColumn + width * across;
  if (rows > rowCountOf(destination.sheet) || columns > destination.sheet.columnCount) {
    throw invalidArgument(`Invalid ${field}: the paste exceeds the grid of '${destination.sheet.title}' (${rowCountOf(destination.sheet)} rows, ${destination.sheet.columnCount} columns)`);
  }
  // Read the whole source before writing: source and destination may overlap.
  const cells = Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => cellAt(source.sheet, source.startRow + r, source.startColumn + c)));
  for (let i = 0; i < down; i++) {
    for (let j = 0; j < across; j++) {
      cells.forEach((line, r) =>
        line.forEach((cell, c) => {
          const row = destination.startRow + i * height + r;
          const column = destination.startColumn + j * width + c;
          destination.sheet.set(row, column, pasted(cell, cellAt(destination.sheet, row, column), type as PasteType));
        }),
      );
    }
  }
  return {};
}

const HANDLERS: Record<string, (spreadsheet: WritableSpreadsheet, body: Json, field: string) => Json> = {
  addSheet,
  deleteSheet,
  appendDimension,
  updateCells,
  copyPaste,
};

/** Everything a batch may change, to put back when one of its requests is refused. */
function snapshot(spreadsheet: WritableSpreadsheet): () => void {
  const sheets = spreadsheet.sheets.slice();
  const saved = sheets.map((sheet) => ({ sheet, rows: sheet.grid.map((line) => line.slice()), columns: sheet.columnCount, title: sheet.title, hidden: sheet.hidden }));
  return () => {
    spreadsheet.sheets.splice(0, spreadsheet.sheets.length, ...sheets);
    for (const { sheet, rows, columns, title, hidden } of saved) {
      sheet.grid.splice(0, sheet.grid.length, ...rows);
      sheet.resizeColumns(columns);
      sheet.title = title;
      sheet.hidden = hidden;
    }
  };
}

/** Answers spreadsheets.batchUpdate (body: a BatchUpdateSpreadsheetRequest) on `spreadsheet`, all requests or none. */
export function batchUpdateSpreadsheet(spreadsheet: WritableSpreadsheet, body: Json): Json {
  const requests = body['requests'];
  if (!Array.isArray(requests) || requests.length === 0) throw invalidArgument('Invalid requests: Must specify at least one request.');
  const undo = snapshot(spreadsheet);
  try {
    const replies = requests.map((raw: unknown, k: number) => {
      const request = objectAt(raw, `requests[${k}]`);
      const kinds = Object.keys(request);
      const kind = kinds[0] ?? '';
      const handler = HANDLERS[kind];
      if (kinds.length !== 1 || !handler) throw invalidArgument(`Invalid requests[${k}]: the sandbox serves ${Object.keys(HANDLERS).join(', ')}; got ${kinds.join(', ') || 'an empty request'}`);
      return handler(spreadsheet, objectAt(request[kind], `requests[${k}].${kind}`), `requests[${k}].${kind}`);
    });
    return { spreadsheetId: spreadsheet.spreadsheetId, replies };
  } catch (err) {
    undo();
    throw err;
  }
}
