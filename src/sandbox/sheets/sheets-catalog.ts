/**
 * The synthetic company's hand-kept spreadsheets ("handcrafted data": the
 * sheets teams plug into the warehouse) and their fixed ids, shared with the
 * sandbox service account, plus one spreadsheet that is not shared (403).
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { accountManagersSheet } from './account-managers.js';
import { marketingSpendSheet } from './marketing-spend.js';
import { assumptionsSheet, revenueTargetsSheet } from './revenue-targets.js';
import type { SandboxSpreadsheet } from './spreadsheet-model.js';

/** "Revenue targets": sheets "Revenue targets" and "Assumptions". */
export const SHEETS_REVENUE_TARGETS_ID = '1CrG-x2GpHYbfMv3wFtrGf4PMk7AkO_A-KOtucf3HQ07';
/** "Account managers": sheet "Account managers". */
export const SHEETS_ACCOUNT_MANAGERS_ID = '1wEyxTA75jY4eryzlMTkmcir5OhOZJ6_H7-UdggedFhY';
/** "Marketing spend": sheet "Marketing spend". */
export const SHEETS_MARKETING_SPEND_ID = '1am9y7FAl6Eg1lzgYaHyOSQwgnWgHVUZqS3J_Xvi-4Cc';
/** "Board reporting": exists, but is not shared with the sandbox service account (403). */
export const SHEETS_UNSHARED_ID = '11YNubF2Nl_EK7tlGiaaS-MlRGdk-PlgVpdeAZ9VaY2A';

/** Every spreadsheet of the sandbox. */
export function sandboxSpreadsheets(company: SyntheticCompany): SandboxSpreadsheet[] {
  return [
    { spreadsheetId: SHEETS_REVENUE_TARGETS_ID, title: 'Revenue targets', shared: true, sheets: [revenueTargetsSheet(company), assumptionsSheet()] },
    { spreadsheetId: SHEETS_ACCOUNT_MANAGERS_ID, title: 'Account managers', shared: true, sheets: [accountManagersSheet(company)] },
    { spreadsheetId: SHEETS_MARKETING_SPEND_ID, title: 'Marketing spend', shared: true, sheets: [marketingSpendSheet(company)] },
    {
      spreadsheetId: SHEETS_UNSHARED_ID,
      title: 'Board reporting',
      shared: false,
      sheets: [{ sheetId: 0, title: 'Sheet1', columnCount: 26, frozenRowCount: 0, rows: () => [] }],
    },
  ];
}
