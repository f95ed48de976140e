import { describe, expect, it } from 'vitest';
import { stagingPrefix, swapRequests } from './sheet-staging.js';
import { parseSheetTarget } from './sheet-target.js';

describe('swapRequests', () => {
  const sheet = { sheetId: 42, title: 'Account health', gridProperties: { rowCount: 1000, columnCount: 26 } };

  it('clears the owned range, pastes the staged table at the start cell and deletes the staging sheet', () => {
    const target = parseSheetTarget('Account health!B3');
    expect(swapRequests({ target, sheet, stagingId: 7, height: 4, width: 3, option: 'RAW' })).toEqual([
      { updateCells: { range: { sheetId: 42, startRowIndex: 2, endRowIndex: 1000, startColumnIndex: 1, endColumnIndex: 26 }, fields: 'userEnteredValue' } },
      {
        copyPaste: {
          source: { sheetId: 7, startRowIndex: 2, endRowIndex: 6, startColumnIndex: 1, endColumnIndex: 4 },
          destination: { sheetId: 42, startRowIndex: 2, endRowIndex: 6, startColumnIndex: 1, endColumnIndex: 4 },
          pasteType: 'PASTE_VALUES',
          pasteOrientation: 'NORMAL',
        },
      },
      { deleteSheet: { sheetId: 7 } },
    ]);
  });

  it('grows the grid first when the table needs more rows or columns, and pastes whole cells with USER_ENTERED', () => {
    const target = parseSheetTarget('Account health!Y999');
    const requests = swapRequests({ target, sheet, stagingId: 7, height: 5, width: 4, option: 'USER_ENTERED' });
    expect(requests.slice(0, 2)).toEqual([
      { appendDimension: { sheetId: 42, dimension: 'ROWS', length: 3 } },
      { appendDimension: { sheetId: 42, dimension: 'COLUMNS', length: 2 } },
    ]);
    expect(requests[3]).toMatchObject({ copyPaste: { pasteType: 'PASTE_NORMAL' } });
  });

  it('names staging sheets after the target sheet id', () => {
    expect(stagingPrefix(42)).toBe('basin-staging-42-');
  });
});
