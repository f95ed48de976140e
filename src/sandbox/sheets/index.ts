/** The Google Sheets v4 fake and the synthetic company's spreadsheets. */
export { createSheetsFake, SHEETS_READ_SCOPES, SHEETS_WRITE_SCOPES, type SheetsFake, type SheetsFakeOptions } from './sheets-fake.js';
export { SHEETS_EXPORTS_ID } from './sheets-exports.js';
export { SHEETS_WRITES_PER_MINUTE_PER_USER } from './sheets-write-routes.js';
export {
  SHEETS_REVENUE_TARGETS_ID,
  SHEETS_ACCOUNT_MANAGERS_ID,
  SHEETS_MARKETING_SPEND_ID,
  SHEETS_UNSHARED_ID,
  sandboxSpreadsheets,
} from './sheets-catalog.js';
export { SHEETS_READS_PER_MINUTE_PER_USER } from './sheets-quota.js';
export { LARGE_ACCOUNT_SEATS } from './account-managers.js';
export { dateSerial, serialDate } from './sheet-cells.js';
export { columnLetters, columnIndex, quoteSheetName } from './a1-notation.js';
