/**
 * The official @googleapis/sheets client, unchanged but for `rootUrl`, on the
 * fake's write side: values.update, values.clear, values.batchUpdate and
 * spreadsheets.batchUpdate, with a service-account token scoped for spreadsheets.
 */
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleServiceAccount } from '../../ingest/http/auth/google-service-account.js';
import { createGoogleOAuthFake } from '../google/google-oauth-fake.js';
import { sandboxServiceAccountKey } from '../google/sandbox-service-account.js';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { SHEETS_EXPORTS_ID } from './sheets-exports.js';
import { createSheetsFake } from './sheets-fake.js';
import { SHEETS_REVENUE_TARGETS_ID } from './sheets-catalog.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ scale: 0.3, vendors: [(c) => createGoogleOAuthFake(c), (c) => createSheetsFake(c)] });
});
afterAll(async () => {
  await sandbox.close();
});

function client(scope = 'https://www.googleapis.com/auth/spreadsheets') {
  const key = sandboxServiceAccountKey(sandbox.baseUrl('google-oauth'));
  const jwt = googleServiceAccount({ key, scopes: [scope] }).client;
  const auth = jwt as unknown as sheets_v4.Options['auth'];
  return sheets({ version: 'v4', auth, rootUrl: `${sandbox.baseUrl('sheets')}/` });
}

describe('@googleapis/sheets writes against the sandbox', () => {
  it('values.update, values.get, values.batchUpdate, values.clear', async () => {
    const api = client();
    const updated = await api.spreadsheets.values.update({
      spreadsheetId: SHEETS_EXPORTS_ID,
      range: "'Account health'!A1",
      valueInputOption: 'USER_ENTERED',
      requestBody: { values: [['org', 'score'], ['acme', '0.93']] },
    });
    expect(updated.data).toEqual({ spreadsheetId: SHEETS_EXPORTS_ID, updatedRange: "'Account health'!A1:B2", updatedRows: 2, updatedColumns: 2, updatedCells: 4 });
    const read = await api.spreadsheets.values.get({ spreadsheetId: SHEETS_EXPORTS_ID, range: "'Account health'!A1:B2", valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(read.data.values).toEqual([['org', 'score'], ['acme', 0.93]]);
    const batch = await api.spreadsheets.values.batchUpdate({
      spreadsheetId: SHEETS_EXPORTS_ID,
      requestBody: { valueInputOption: 'RAW', data: [{ range: 'Sheet1!A1', values: [['x']] }, { range: 'Sheet1!B1', values: [['y']] }] },
    });
    expect(batch.data.totalUpdatedCells).toBe(2);
    const cleared = await api.spreadsheets.values.clear({ spreadsheetId: SHEETS_EXPORTS_ID, range: "'Account health'!A2:B2" });
    expect(cleared.data.clearedRange).toBe("'Account health'!A2:B2");
    const after = await api.spreadsheets.values.get({ spreadsheetId: SHEETS_EXPORTS_ID, range: "'Account health'" });
    expect(after.data.values).toEqual([['org', 'score']]);
  });

  it('spreadsheets.batchUpdate: addSheet, then appendDimension, updateCells, copyPaste and deleteSheet in one request', async () => {
    const api = client();
    const added = await api.spreadsheets.batchUpdate({
      spreadsheetId: SHEETS_EXPORTS_ID,
      requestBody: { requests: [{ addSheet: { properties: { title: 'basin-staging-0-client', hidden: true, gridProperties: { rowCount: 2, columnCount: 27 } } } }] },
    });
    const stagingId = added.data.replies?.[0]?.addSheet?.properties?.sheetId;
    expect(typeof stagingId).toBe('number');
    await api.spreadsheets.values.batchUpdate({ spreadsheetId: SHEETS_EXPORTS_ID, requestBody: { valueInputOption: 'RAW', data: [{ range: "'basin-staging-0-client'!A1", values: [['h1', 'h2'], ['v1', 'v2']] }] } });
    const swapped = await api.spreadsheets.batchUpdate({
      spreadsheetId: SHEETS_EXPORTS_ID,
      requestBody: {
        requests: [
          { appendDimension: { sheetId: 0, dimension: 'COLUMNS', length: 1 } },
          { updateCells: { range: { sheetId: 0, startRowIndex: 0, startColumnIndex: 0 }, fields: 'userEnteredValue' } },
          { copyPaste: { source: { sheetId: stagingId, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2 }, destination: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2 }, pasteType: 'PASTE_VALUES' } },
          { deleteSheet: { sheetId: stagingId } },
        ],
      },
    });
    expect(swapped.data).toEqual({ spreadsheetId: SHEETS_EXPORTS_ID, replies: [{}, {}, {}, {}] });
    const read = await api.spreadsheets.values.get({ spreadsheetId: SHEETS_EXPORTS_ID, range: 'Sheet1' });
    expect(read.data.values).toEqual([['h1', 'h2'], ['v1', 'v2']]);
    const meta = await api.spreadsheets.get({ spreadsheetId: SHEETS_EXPORTS_ID });
    expect(meta.data.sheets?.map((s) => [s.properties?.title, s.properties?.gridProperties?.columnCount])).toEqual([['Sheet1', 27], ['Account health', 26]]);
  });

  it('refuses writes to a read-only spreadsheet (403) and with a read-only scope (403)', async () => {
    await expect(
      client().spreadsheets.values.update({ spreadsheetId: SHEETS_REVENUE_TARGETS_ID, range: 'A1', valueInputOption: 'RAW', requestBody: { values: [['x']] } }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      client('https://www.googleapis.com/auth/spreadsheets.readonly').spreadsheets.values.update({
        spreadsheetId: SHEETS_EXPORTS_ID,
        range: 'A1',
        valueInputOption: 'RAW',
        requestBody: { values: [['x']] },
      }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
