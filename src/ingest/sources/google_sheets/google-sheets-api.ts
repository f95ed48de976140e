/**
 * The Sheets API calls the connector makes: spreadsheet metadata
 * (`spreadsheets.get` narrowed by `fields`) and `values:batchGet` (every
 * range of one spreadsheet in one request), and the runtime the streams of
 * one connection share (one client, one quota).
 */
import type { Logger } from '../../../core/logger.js';
import type { HttpClient } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import type { ValueRange } from './sheet-records.js';

/** What the streams of one connection share. */
export interface SheetsRuntime {
  client: HttpClient;
  valueRender: 'UNFORMATTED_VALUE' | 'FORMATTED_VALUE' | 'FORMULA';
  dateTimeRender: 'SERIAL_NUMBER' | 'FORMATTED_STRING';
  logger: Logger;
}

/** What check() reads of a spreadsheet. */
export interface SpreadsheetInfo {
  title: string;
  sheets: string[];
}

const spreadsheetPath = (id: string): string => `/v4/spreadsheets/${encodeURIComponent(id)}`;

/** The spreadsheet's title and sheet names. */
export async function fetchSpreadsheet(rt: SheetsRuntime, id: string, signal: AbortSignal): Promise<SpreadsheetInfo> {
  const body = await rt.client.getJson<{ properties?: { title?: unknown }; sheets?: Array<{ properties?: { title?: unknown } }> }>(
    { url: spreadsheetPath(id), query: { fields: 'spreadsheetId,properties.title,sheets.properties(sheetId,title)' } },
    { signal },
  );
  return {
    title: String(body?.properties?.title ?? id),
    sheets: (body?.sheets ?? []).map((s) => s.properties?.title).filter((t): t is string => typeof t === 'string'),
  };
}

/** The values of `ranges` of spreadsheet `id`, in order, in one request. */
export async function batchGetValues(rt: SheetsRuntime, id: string, ranges: readonly string[], signal: AbortSignal): Promise<ValueRange[]> {
  const response = await rt.client.request(
    {
      url: `${spreadsheetPath(id)}/values:batchGet`,
      query: { ranges, majorDimension: 'ROWS', valueRenderOption: rt.valueRender, dateTimeRenderOption: rt.dateTimeRender },
    },
    { signal },
  );
  const body = response.json<{ valueRanges?: unknown } | undefined>();
  const valueRanges = Array.isArray(body?.valueRanges) ? (body.valueRanges as unknown[]) : [];
  const valid = valueRanges.every(
    (v) => typeof v === 'object' && v !== null && typeof (v as ValueRange).range === 'string' && ((v as ValueRange).values === undefined || Array.isArray((v as ValueRange).values)),
  );
  if (valueRanges.length !== ranges.length || !valid) {
    throw new HttpError('HTTP_RESPONSE', `${response.url}: not a batchGet answer for ${ranges.length} range(s)`, {
      url: response.url,
      method: 'GET',
      status: response.status,
    });
  }
  return valueRanges as ValueRange[];
}
