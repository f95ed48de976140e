/**
 * The Sheets v4 write routes, on "Basin exports" only (the other sandbox
 * spreadsheets are shared read-only: 403 PERMISSION_DENIED):
 * `PUT /v4/spreadsheets/{id}/values/{range}` (values.update),
 * `POST .../values/{range}:clear`, `POST .../values:batchUpdate`,
 * `POST .../values:batchClear`, and `POST /v4/spreadsheets/{id}:batchUpdate`
 * (sheets-batch-update.ts). Answers are UpdateValuesResponse,
 * ClearValuesResponse, BatchUpdateValuesResponse and BatchClearValuesResponse
 * as the discovery document has them (proto3 JSON: zero counts are left out).
 */
import { GoogleApiError, invalidArgument, notFound } from '../google/google-errors.js';
import { batchUpdateSpreadsheet } from './sheets-batch-update.js';
import { boundRange, columnLetters, formatRange, parseA1, type A1Range } from './a1-notation.js';
import type { WritableSheet, WritableSpreadsheet } from './sheets-exports.js';
import { cellWrite, valueInputOption, type ValueInputOption } from './sheets-input.js';
import { findSheet, readRange, valueOptions, type ValueRange } from './sheets-values.js';
import { gridRowCount, type SandboxSpreadsheet } from './spreadsheet-model.js';

/** Google's documented write quota: 60 write requests per minute per user per project. */
export const SHEETS_WRITES_PER_MINUTE_PER_USER = 60;

/** What a write route needs. */
export interface SheetsWriteInput {
  method: string;
  /** Path segments below the prefix, URL-decoded. */
  segments: string[];
  params: URLSearchParams;
  body: string;
  now: number;
  spreadsheet(id: string): SandboxSpreadsheet | undefined;
  writable(id: string): WritableSpreadsheet | undefined;
}

/** Whether a request is one of the write routes. */
export function isSheetsWrite(method: string, segments: readonly string[]): boolean {
  const [v4, collection, id = '', ...rest] = segments;
  if (v4 !== 'v4' || collection !== 'spreadsheets') return false;
  if (rest.length === 0) return method === 'POST' && id.endsWith(':batchUpdate');
  if (method === 'PUT') return rest[0] === 'values' && rest.length >= 2;
  if (method !== 'POST') return false;
  if (rest.length === 1) return rest[0] === 'values:batchUpdate' || rest[0] === 'values:batchClear';
  return rest[0] === 'values' && rest.length >= 2 && (rest[rest.length - 1] ?? '').endsWith(':clear');
}

/** A per-principal write quota in fixed one-minute windows (429 past it). */
export function createWriteQuota(perMinute: number, wallClock: () => number): { admit(principal: string): void } {
  let window = -1;
  const counts = new Map<string, number>();
  return {
    admit(principal) {
      const current = Math.floor(wallClock() / 60_000);
      if (current !== window) {
        window = current;
        counts.clear();
      }
      const n = (counts.get(principal) ?? 0) + 1;
      counts.set(principal, n);
      if (n > perMinute) {
        throw new GoogleApiError(429, "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com'.");
      }
    },
  };
}

function target(input: SheetsWriteInput, id: string): WritableSpreadsheet {
  const writable = input.writable(id);
  if (writable) return writable;
  if (!input.spreadsheet(id)) throw notFound('Requested entity was not found.');
  throw new GoogleApiError(403, 'The caller does not have permission', 'PERMISSION_DENIED');
}

function parseJson(body: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(body || '{}') as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw invalidArgument('Invalid JSON payload received. Unexpected token.');
}

function resolve(spreadsheet: WritableSpreadsheet, text: string): [WritableSheet, A1Range] {
  const parsed = parseA1(text, (name) => findSheet(spreadsheet, name) !== undefined);
  const sheet = parsed ? (parsed.sheet === undefined ? spreadsheet.sheets[0] : (findSheet(spreadsheet, parsed.sheet) as WritableSheet | undefined)) : undefined;
  if (!parsed || !sheet) throw invalidArgument(`Unable to parse range: ${text}`);
  return [sheet, parsed];
}

function dropZeros(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== 0 && v !== undefined));
}

interface Written {
  response: Record<string, unknown>;
  rows: number;
  columns: number;
  cells: number;
}

/** Writes one ValueRange at `text`; returns the UpdateValuesResponse and its counts. */
function writeRange(
  spreadsheet: WritableSpreadsheet,
  text: string,
  valueRange: Record<string, unknown>,
  option: ValueInputOption,
  response: { include: boolean; params: URLSearchParams },
  now: number,
): Written {
  const [sheet, parsed] = resolve(spreadsheet, text);
  // A single cell names where the values start, not a bound (the API's "top-left cell" form).
  const range = parsed.singleCell ? { ...parsed, endRow: undefined, endColumn: undefined } : parsed;
  if (typeof valueRange['range'] === 'string' && valueRange['range'] !== '' && valueRange['range'] !== text) {
    throw invalidArgument(`Invalid ValueRange range ${valueRange['range']} does not match URL range ${text}`);
  }
  const major = valueRange['majorDimension'] ?? 'ROWS';
  if (major !== 'ROWS' && major !== 'COLUMNS' && major !== 'DIMENSION_UNSPECIFIED') {
    throw invalidArgument(`Invalid value at 'data.major_dimension' (type.googleapis.com/google.apps.sheets.v4.Dimension), "${String(major)}"`);
  }
  const raw = valueRange['values'] ?? [];
  if (!Array.isArray(raw) || raw.some((line) => !Array.isArray(line))) throw invalidArgument("Invalid value at 'data.values': expected a list of lists");
  const lines = raw as unknown[][];
  const across = (k: number, j: number): [number, number] => (major === 'COLUMNS' ? [j, k] : [k, j]);
  const height = major === 'COLUMNS' ? Math.max(0, ...lines.map((l) => l.length)) : lines.length;
  const width = major === 'COLUMNS' ? lines.length : Math.max(0, ...lines.map((l) => l.length));
  const bounded = (end: number | undefined, start: number, size: number): boolean => end === undefined || start + size <= end;
  if (!bounded(range.endRow, range.startRow, height)) {
    throw invalidArgument(`Requested writing within range [${text}], but tried writing to row [${(range.endRow ?? 0) + 1}]`);
  }
  if (!bounded(range.endColumn, range.startColumn, width)) {
    throw invalidArgument(`Requested writing within range [${text}], but tried writing to column [${columnLetters(range.endColumn ?? 0)}]`);
  }
  // Validate every value before changing anything.
  const writes = lines.map((line, k) => line.map((value, j) => cellWrite(value, option, ...across(k, j))));
  const rowsTouched = new Set<number>();
  const columnsTouched = new Set<number>();
  let cells = 0;
  writes.forEach((line, k) =>
    line.forEach((w, j) => {
      if (w.kind === 'skip') return;
      const [r, c] = across(k, j);
      sheet.set(range.startRow + r, range.startColumn + c, w.kind === 'set' ? w.cell : undefined);
      rowsTouched.add(r);
      columnsTouched.add(c);
      cells++;
    }),
  );
  const bounds = { startRow: range.startRow, startColumn: range.startColumn, endRow: range.startRow + Math.max(1, height), endColumn: range.startColumn + Math.max(1, width) };
  const updatedRange = formatRange(sheet.title, bounds, height <= 1 && width <= 1 && range.singleCell);
  const body: Record<string, unknown> = {
    spreadsheetId: spreadsheet.spreadsheetId,
    updatedRange,
    updatedRows: rowsTouched.size,
    updatedColumns: columnsTouched.size,
    updatedCells: cells,
  };
  if (response.include) {
    const options = valueOptions(
      new URLSearchParams({
        valueRenderOption: response.params.get('responseValueRenderOption') ?? 'FORMATTED_VALUE',
        dateTimeRenderOption: response.params.get('responseDateTimeRenderOption') ?? 'SERIAL_NUMBER',
      }),
    );
    const data: ValueRange = readRange(spreadsheet, updatedRange, options, now);
    body['updatedData'] = data;
  }
  return { response: dropZeros(body), rows: rowsTouched.size, columns: columnsTouched.size, cells };
}

function clearRange(spreadsheet: WritableSpreadsheet, text: string): string {
  const [sheet, range] = resolve(spreadsheet, text);
  const bounds = boundRange(range, gridRowCount(sheet.grid.length), sheet.columnCount);
  for (let r = bounds.startRow; r < Math.min(bounds.endRow, sheet.grid.length); r++) {
    for (let c = bounds.startColumn; c < Math.min(bounds.endColumn, sheet.grid[r]?.length ?? 0); c++) sheet.set(r, c, undefined);
  }
  return formatRange(sheet.title, bounds, range.singleCell);
}

function booleanParam(params: URLSearchParams, name: string, field: string): boolean {
  const raw = params.get(name) ?? 'false';
  if (raw !== 'true' && raw !== 'false') throw invalidArgument(`Invalid value at '${field}' (TYPE_BOOL), "${raw}"`);
  return raw === 'true';
}

/** Answers a write request (see isSheetsWrite) with its JSON body. */
export function routeSheetsWrite(input: SheetsWriteInput): unknown {
  const [, , id = '', ...rest] = input.segments;
  if (rest.length === 0) return batchUpdateSpreadsheet(target(input, id.slice(0, -':batchUpdate'.length)), parseJson(input.body));
  const spreadsheet = target(input, id);
  if (input.method === 'PUT') {
    const text = rest.slice(1).join('/');
    const include = booleanParam(input.params, 'includeValuesInResponse', 'include_values_in_response');
    const option = valueInputOption(input.params.get('valueInputOption'));
    return writeRange(spreadsheet, text, parseJson(input.body), option, { include, params: input.params }, input.now).response;
  }
  if (rest[0] === 'values:batchUpdate') {
    const body = parseJson(input.body);
    const option = valueInputOption(body['valueInputOption']);
    const data = body['data'] ?? [];
    if (!Array.isArray(data)) throw invalidArgument("Invalid value at 'data': expected a list");
    const params = new URLSearchParams();
    for (const name of ['responseValueRenderOption', 'responseDateTimeRenderOption']) if (typeof body[name] === 'string') params.set(name, body[name] as string);
    const include = body['includeValuesInResponse'] === true;
    const ranges = data.map((d: unknown, k: number) => {
      const vr = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
      if (typeof vr['range'] !== 'string' || vr['range'] === '') throw invalidArgument(`Invalid data[${k}]: range is required`);
      return vr;
    });
    const results = ranges.map((vr) => writeRange(spreadsheet, vr['range'] as string, vr, option, { include, params }, input.now));
    const sheetsTouched = new Set(results.filter((r) => r.cells > 0).map((r) => String(r.response['updatedRange']).replace(/![^!]*$/, '')));
    return dropZeros({
      spreadsheetId: spreadsheet.spreadsheetId,
      totalUpdatedRows: results.reduce((n, r) => n + r.rows, 0),
      totalUpdatedColumns: results.reduce((n, r) => n + r.columns, 0),
      totalUpdatedCells: results.reduce((n, r) => n + r.cells, 0),
      totalUpdatedSheets: sheetsTouched.size,
      responses: results.map((r) => r.response),
    });
  }
  if (rest[0] === 'values:batchClear') {
    const ranges = parseJson(input.body)['ranges'] ?? [];
    if (!Array.isArray(ranges) || ranges.some((r) => typeof r !== 'string')) throw invalidArgument("Invalid value at 'ranges': expected a list of strings");
    return { spreadsheetId: spreadsheet.spreadsheetId, clearedRanges: (ranges as string[]).map((r) => clearRange(spreadsheet, r)) };
  }
  const last = rest.slice(1).join('/');
  return { spreadsheetId: spreadsheet.spreadsheetId, clearedRange: clearRange(spreadsheet, last.slice(0, -':clear'.length)) };
}
