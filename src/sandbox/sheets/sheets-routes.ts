/**
 * The Sheets v4 read routes: `GET /v4/spreadsheets/{id}`,
 * `GET /v4/spreadsheets/{id}/values/{range}` and
 * `GET /v4/spreadsheets/{id}/values:batchGet?ranges=..&ranges=..`.
 * Returns the JSON body, or throws GoogleApiError; undefined for a path
 * that is not one of them.
 */
import { GoogleApiError, invalidArgument, notFound } from '../google/google-errors.js';
import { applyFieldMask, parseFieldMask } from './field-mask.js';
import { spreadsheetResource } from './sheets-metadata.js';
import { readRange, valueOptions } from './sheets-values.js';
import type { SandboxSpreadsheet } from './spreadsheet-model.js';

/** What a route needs. */
export interface SheetsRouteInput {
  method: string;
  /** Path segments below the prefix, URL-decoded. */
  segments: string[];
  params: URLSearchParams;
  now: number;
  malformed: boolean;
  spreadsheet(id: string): SandboxSpreadsheet | undefined;
}

function openSpreadsheet(input: SheetsRouteInput, id: string): SandboxSpreadsheet {
  const spreadsheet = input.spreadsheet(id);
  if (!spreadsheet) throw notFound('Requested entity was not found.');
  if (!spreadsheet.shared) throw new GoogleApiError(403, 'The caller does not have permission', 'PERMISSION_DENIED');
  return spreadsheet;
}

function withFields(body: unknown, params: URLSearchParams): unknown {
  const fields = params.get('fields');
  if (fields === null || fields === '') return body;
  const mask = parseFieldMask(fields);
  if (!mask) throw invalidArgument(`Invalid field selection ${fields}`);
  return applyFieldMask(body, mask);
}

/** Answers a Sheets request. */
export function routeSheets(input: SheetsRouteInput): unknown {
  const [v4, collection, id, ...rest] = input.segments;
  if (v4 !== 'v4' || collection !== 'spreadsheets' || id === undefined || id === '') return undefined;
  if (input.method !== 'GET') throw new GoogleApiError(405, `Method ${input.method} is not allowed on this sandbox resource (the sandbox is read-only).`, 'UNIMPLEMENTED');
  const params = input.params;
  if (rest.length === 0) {
    const spreadsheet = openSpreadsheet(input, id);
    const includeGridData = params.get('includeGridData') ?? 'false';
    if (includeGridData !== 'true' && includeGridData !== 'false') {
      throw invalidArgument(`Invalid value at 'include_grid_data' (TYPE_BOOL), "${includeGridData}"`);
    }
    const options = { ranges: params.getAll('ranges'), includeGridData: includeGridData === 'true' };
    return withFields(spreadsheetResource(spreadsheet, input.now, options), params);
  }
  if (rest.length === 1 && rest[0] === 'values:batchGet') {
    const spreadsheet = openSpreadsheet(input, id);
    const options = valueOptions(params);
    const ranges = params.getAll('ranges');
    const body: Record<string, unknown> = { spreadsheetId: spreadsheet.spreadsheetId };
    if (ranges.length > 0) body['valueRanges'] = ranges.map((r, k) => readRange(spreadsheet, r, options, input.now, input.malformed && k === 0));
    return withFields(body, params);
  }
  if (rest[0] === 'values' && rest.length >= 2) {
    const spreadsheet = openSpreadsheet(input, id);
    return withFields(readRange(spreadsheet, rest.slice(1).join('/'), valueOptions(params), input.now, input.malformed), params);
  }
  return undefined;
}
