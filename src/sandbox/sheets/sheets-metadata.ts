/**
 * `spreadsheets.get`: the spreadsheet's properties and each sheet's
 * properties (id, title, index, type, grid size), as the `Spreadsheet`
 * resource has them. `ranges` keeps only the sheets they name, and
 * `includeGridData=true` adds each sheet's cells (the ranges' cells, or the
 * whole sheet) as `data`. `fields` narrowing is applied by the route.
 */
import { invalidArgument } from '../google/google-errors.js';
import { boundRange, parseA1, type GridBounds } from './a1-notation.js';
import { gridData } from './sheets-grid-data.js';
import { findSheet } from './sheets-values.js';
import { gridRowCount, type SandboxSheet, type SandboxSpreadsheet } from './spreadsheet-model.js';

/** What `spreadsheets.get` was asked for. */
export interface MetadataOptions {
  /** A1 ranges (`ranges=` parameters); empty = every sheet, whole. */
  ranges: readonly string[];
  includeGridData: boolean;
}

function sheetProperties(sheet: SandboxSheet, index: number, rowCount: number): Record<string, unknown> {
  const gridProperties: Record<string, number> = { rowCount, columnCount: sheet.columnCount };
  if (sheet.frozenRowCount > 0) gridProperties['frozenRowCount'] = sheet.frozenRowCount;
  return { sheetId: sheet.sheetId, title: sheet.title, index, sheetType: 'GRID', gridProperties, ...(sheet.hidden === true ? { hidden: true } : {}) };
}

/** The requested areas of each sheet (all of it when no ranges were given), in spreadsheet order. */
function areas(spreadsheet: SandboxSpreadsheet, ranges: readonly string[], rowCounts: ReadonlyMap<SandboxSheet, number>): Map<SandboxSheet, GridBounds[]> {
  const out = new Map<SandboxSheet, GridBounds[]>();
  const rowsOf = (sheet: SandboxSheet): number => rowCounts.get(sheet) ?? 0;
  if (ranges.length === 0) {
    for (const sheet of spreadsheet.sheets) out.set(sheet, [{ startRow: 0, startColumn: 0, endRow: rowsOf(sheet), endColumn: sheet.columnCount }]);
    return out;
  }
  for (const text of ranges) {
    const parsed = parseA1(text, (name) => findSheet(spreadsheet, name) !== undefined);
    const sheet = parsed ? (parsed.sheet === undefined ? spreadsheet.sheets[0] : findSheet(spreadsheet, parsed.sheet)) : undefined;
    if (!parsed || !sheet) throw invalidArgument(`Unable to parse range: ${text}`);
    out.set(sheet, [...(out.get(sheet) ?? []), boundRange(parsed, rowsOf(sheet), sheet.columnCount)]);
  }
  return new Map(spreadsheet.sheets.filter((s) => out.has(s)).map((s) => [s, out.get(s) ?? []]));
}

/** The `Spreadsheet` resource of `spreadsheet` at sandbox time `now`. */
export function spreadsheetResource(spreadsheet: SandboxSpreadsheet, now: number, options: MetadataOptions = { ranges: [], includeGridData: false }): Record<string, unknown> {
  const rowCounts = new Map(spreadsheet.sheets.map((sheet) => [sheet, gridRowCount(sheet.rows(now).length)]));
  const selected = areas(spreadsheet, options.ranges, rowCounts);
  return {
    spreadsheetId: spreadsheet.spreadsheetId,
    properties: { title: spreadsheet.title, locale: 'en_US', autoRecalc: 'ON_CHANGE', timeZone: 'Etc/GMT' },
    sheets: [...selected].map(([sheet, bounds]) => {
      const out: Record<string, unknown> = {
        properties: sheetProperties(sheet, spreadsheet.sheets.indexOf(sheet), rowCounts.get(sheet) ?? 0),
      };
      if (options.includeGridData) out['data'] = bounds.map((b) => gridData(sheet, b, now));
      return out;
    }),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${spreadsheet.spreadsheetId}/edit`,
  };
}
