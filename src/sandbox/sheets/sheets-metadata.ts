/**
 * `spreadsheets.get` without grid data: the spreadsheet's properties and
 * each sheet's properties (id, title, index, type, grid size), as the
 * `Spreadsheet` resource has them; `fields` narrows the answer.
 */
import type { SandboxSpreadsheet } from './spreadsheet-model.js';
import { gridRowCount } from './spreadsheet-model.js';

/** The `Spreadsheet` resource of `spreadsheet` at sandbox time `now`. */
export function spreadsheetResource(spreadsheet: SandboxSpreadsheet, now: number): Record<string, unknown> {
  return {
    spreadsheetId: spreadsheet.spreadsheetId,
    properties: { title: spreadsheet.title, locale: 'en_US', autoRecalc: 'ON_CHANGE', timeZone: 'Etc/GMT' },
    sheets: spreadsheet.sheets.map((sheet, index) => {
      const gridProperties: Record<string, number> = { rowCount: gridRowCount(sheet.rows(now).length), columnCount: sheet.columnCount };
      if (sheet.frozenRowCount > 0) gridProperties['frozenRowCount'] = sheet.frozenRowCount;
      return { properties: { sheetId: sheet.sheetId, title: sheet.title, index, sheetType: 'GRID', gridProperties } };
    }),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${spreadsheet.spreadsheetId}/edit`,
  };
}
