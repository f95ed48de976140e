/** The Google Sheets connector (`type: google_sheets`). */
export { googleSheetsSource, createGoogleSheetsSource, SHEETS_READONLY_SCOPE, type GoogleSheetsSourceOptions } from './google-sheets-source.js';
export { googleSheetsConfigSchema, type GoogleSheetsConfig, type SheetStreamConfig } from './google-sheets-config.js';
export { snakeCase, columnNames, ROW_NUMBER_COLUMN } from './header-names.js';
