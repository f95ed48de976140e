/** The Sheets fake's write side over real HTTP: answers valid against the discovery document, writes visible on reads, the API's refusals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../google/google-tokens.js';
import { GOOGLE_SANDBOX_CLIENT_EMAIL } from '../google/sandbox-service-account.js';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { loadDiscoveryValidator, type DiscoveryValidator } from '../test-support/discovery-validator.js';
import { sheetsGet } from '../test-support/sheets-get.js';
import { SHEETS_REVENUE_TARGETS_ID } from './sheets-catalog.js';
import { SHEETS_EXPORTS_ID } from './sheets-exports.js';
import { createSheetsFake, type SheetsFake } from './sheets-fake.js';

let sandbox: Sandbox;
let fake: SheetsFake;
let base: string;
let schema: DiscoveryValidator;
const EX = `/v4/spreadsheets/${SHEETS_EXPORTS_ID}`;
const enc = encodeURIComponent;
const writeToken = (): string => issueAccessToken(GOOGLE_SANDBOX_CLIENT_EMAIL, ['https://www.googleapis.com/auth/spreadsheets'], Date.now());

async function send(method: string, path: string, body: unknown, token = writeToken()): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  sandbox = await startSandbox({
    scale: 0.3,
    vendors: [
      (c) => {
        fake = createSheetsFake(c, { readsPerMinute: 10_000, writesPerMinute: 10_000 });
        return fake;
      },
    ],
  });
  base = sandbox.baseUrl('sheets');
  schema = loadDiscoveryValidator('sheets.v4');
});
afterAll(async () => {
  await sandbox.close();
});

describe('sheets fake: values.update', () => {
  it('RAW writes answer an UpdateValuesResponse and show on values.get and spreadsheets.get', async () => {
    const r = await send('PUT', `${EX}/values/${enc('Sheet1!A1')}?valueInputOption=RAW`, {
      range: 'Sheet1!A1',
      majorDimension: 'ROWS',
      values: [
        ['org_id', 'mrr', 'active'],
        ['org-1', 120.5, true],
        ['org-2', '300', false],
      ],
    });
    expect(r.status).toBe(200);
    expect(schema.errors('UpdateValuesResponse', r.body)).toEqual([]);
    expect(r.body).toEqual({ spreadsheetId: SHEETS_EXPORTS_ID, updatedRange: 'Sheet1!A1:C3', updatedRows: 3, updatedColumns: 3, updatedCells: 9 });
    const read = await sheetsGet(base, `${EX}/values/Sheet1?valueRenderOption=UNFORMATTED_VALUE`);
    expect(read.body).toEqual({ range: 'Sheet1!A1:Z1000', majorDimension: 'ROWS', values: [['org_id', 'mrr', 'active'], ['org-1', 120.5, true], ['org-2', '300', false]] });
    const meta = await sheetsGet(base, EX);
    expect(schema.errors('Spreadsheet', meta.body)).toEqual([]);
    expect(meta.body.sheets.map((s: any) => s.properties.title)).toEqual(['Sheet1', 'Account health']);
  });

  it('USER_ENTERED parses numbers, percentages, dollars, dates and booleans; null skips a cell, "" empties it; updatedData on request', async () => {
    const r = await send('PUT', `${EX}/values/${enc("'Account health'!A1:E2")}?valueInputOption=USER_ENTERED&includeValuesInResponse=true&responseValueRenderOption=UNFORMATTED_VALUE`, {
      values: [
        ['42', '12.5%', '$1,234.50', '2025-01-31', 'TRUE'],
        ['keep', "'007", '=A1*2', 'x', 'y'],
      ],
    });
    expect(schema.errors('UpdateValuesResponse', r.body)).toEqual([]);
    expect(r.body.updatedData.values).toEqual([
      [42, 0.125, 1234.5, 45688, true],
      ['keep', '007', '=A1*2', 'x', 'y'],
    ]);
    const second = await send('PUT', `${EX}/values/${enc("'Account health'!A2:E2")}?valueInputOption=RAW`, { values: [[null, null, null, '', 'z']] });
    expect(second.body).toMatchObject({ updatedRange: "'Account health'!A2:E2", updatedCells: 2, updatedColumns: 2, updatedRows: 1 });
    const formatted = await sheetsGet(base, `${EX}/values/${enc("'Account health'!A1:E2")}`);
    expect(formatted.body.values).toEqual([
      ['42', '12.5%', '$1,234.50', '2025-01-31', 'TRUE'],
      ['keep', '007', '=A1*2', '', 'z'],
    ]);
  });

  it('COLUMNS major dimension writes down the columns', async () => {
    await send('PUT', `${EX}/values/${enc('Sheet1!G1')}?valueInputOption=RAW`, { majorDimension: 'COLUMNS', values: [['a', 'b', 'c']] });
    expect((await sheetsGet(base, `${EX}/values/${enc('Sheet1!G1:G3')}`)).body.values).toEqual([['a'], ['b'], ['c']]);
  });

  it("refuses as the API does: no valueInputOption, range mismatch, writing past the range, bad values, read-only spreadsheets, read-only scope", async () => {
    const none = await send('PUT', `${EX}/values/${enc('Sheet1!A1')}`, { values: [['x']] });
    expect(none).toEqual({ status: 400, body: { error: { code: 400, message: "'valueInputOption' is required but not specified", status: 'INVALID_ARGUMENT' } } });
    expect((await send('PUT', `${EX}/values/${enc('Sheet1!A1')}?valueInputOption=RAW`, { range: 'Sheet1!B1', values: [['x']] })).body.error.message).toBe(
      'Invalid ValueRange range Sheet1!B1 does not match URL range Sheet1!A1',
    );
    expect((await send('PUT', `${EX}/values/${enc('Sheet1!A1:B1')}?valueInputOption=RAW`, { values: [['x', 'y', 'z']] })).body.error.message).toBe(
      'Requested writing within range [Sheet1!A1:B1], but tried writing to column [C]',
    );
    expect((await send('PUT', `${EX}/values/${enc('Sheet1!A1:B1')}?valueInputOption=RAW`, { values: [['x'], ['y']] })).body.error.message).toBe(
      'Requested writing within range [Sheet1!A1:B1], but tried writing to row [2]',
    );
    expect((await send('PUT', `${EX}/values/${enc('Sheet1!A1')}?valueInputOption=RAW`, { values: [[{ a: 1 }]] })).status).toBe(400);
    expect((await send('PUT', `${EX}/values/${enc('Nope!A1')}?valueInputOption=RAW`, { values: [['x']] })).body.error.message).toBe('Unable to parse range: Nope!A1');
    const readOnly = await send('PUT', `/v4/spreadsheets/${SHEETS_REVENUE_TARGETS_ID}/values/A1?valueInputOption=RAW`, { values: [['x']] });
    expect(readOnly).toMatchObject({ status: 403, body: { error: { status: 'PERMISSION_DENIED' } } });
    expect((await send('PUT', `/v4/spreadsheets/nope/values/A1?valueInputOption=RAW`, { values: [['x']] })).status).toBe(404);
    const readScope = issueAccessToken(GOOGLE_SANDBOX_CLIENT_EMAIL, ['https://www.googleapis.com/auth/spreadsheets.readonly'], Date.now());
    expect((await send('PUT', `${EX}/values/A1?valueInputOption=RAW`, { values: [['x']] }, readScope)).body.error).toMatchObject({ code: 403, message: 'Request had insufficient authentication scopes.' });
    // Nothing above changed Sheet1!A1.
    expect((await sheetsGet(base, `${EX}/values/${enc('Sheet1!A1')}`)).body.values).toEqual([['org_id']]);
  });
});

describe('sheets fake: clear, batchUpdate, batchClear, quota, recording', () => {
  it('values.clear answers a ClearValuesResponse and empties the range', async () => {
    const r = await send('POST', `${EX}/values/${enc('Sheet1!G1:G3')}:clear`, {});
    expect(r.status).toBe(200);
    expect(schema.errors('ClearValuesResponse', r.body)).toEqual([]);
    expect(r.body).toEqual({ spreadsheetId: SHEETS_EXPORTS_ID, clearedRange: 'Sheet1!G1:G3' });
    expect((await sheetsGet(base, `${EX}/values/${enc('Sheet1!G1:G3')}`)).body.values).toBeUndefined();
  });

  it('values:batchUpdate and values:batchClear', async () => {
    const r = await send('POST', `${EX}/values:batchUpdate`, {
      valueInputOption: 'RAW',
      data: [
        { range: 'Sheet1!A10', values: [['p', 'q']] },
        { range: "'Account health'!A10", values: [['r'], ['s']] },
      ],
    });
    expect(schema.errors('BatchUpdateValuesResponse', r.body)).toEqual([]);
    expect(r.body).toMatchObject({ totalUpdatedRows: 3, totalUpdatedColumns: 3, totalUpdatedCells: 4, totalUpdatedSheets: 2 });
    expect(r.body.responses.map((x: any) => x.updatedRange)).toEqual(['Sheet1!A10:B10', "'Account health'!A10:A11"]);
    const cleared = await send('POST', `${EX}/values:batchClear`, { ranges: ['Sheet1!A10:B10', "'Account health'!A10:A11"] });
    expect(schema.errors('BatchClearValuesResponse', cleared.body)).toEqual([]);
    expect(cleared.body.clearedRanges).toEqual(['Sheet1!A10:B10', "'Account health'!A10:A11"]);
    expect((await sheetsGet(base, `${EX}/values/${enc('Sheet1!A10:B10')}`)).body.values).toBeUndefined();
  });

  it('grows the grid for writes past row 1000', async () => {
    await send('PUT', `${EX}/values/${enc('Sheet1!A1500')}?valueInputOption=RAW`, { values: [['far']] });
    const meta = await sheetsGet(base, `${EX}?fields=sheets.properties`);
    expect(meta.body.sheets[0].properties.gridProperties.rowCount).toBe(2000);
    expect((await sheetsGet(base, `${EX}/values/${enc('Sheet1!A1500')}`)).body.values).toEqual([['far']]);
  });

  it('write quota per user per minute (429), and /_sandbox/received/sheets lists accepted writes only', async () => {
    let clock = 0;
    const start = Math.floor(Date.now() / 60_000) * 60_000;
    const local = await startSandbox({ scale: 0.3, vendors: [(c) => createSheetsFake(c, { writesPerMinute: 2, wallClock: () => start + clock })] });
    try {
      const put = async (k: number): Promise<Response> =>
        fetch(`${local.baseUrl('sheets')}${EX}/values/A1?valueInputOption=RAW`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${writeToken()}` },
          body: JSON.stringify({ values: [[k]] }),
        });
      const statuses: number[] = [];
      for (let k = 0; k < 3; k++) statuses.push((await put(k)).status);
      expect(statuses).toEqual([200, 200, 429]);
      clock += 60_000;
      expect((await put(9)).status).toBe(200);
    } finally {
      await local.close();
    }
    fake.resetReceived();
    await send('PUT', `${EX}/values/${enc('Sheet1!C20')}?valueInputOption=RAW`, { values: [['rec']] });
    await send('PUT', `${EX}/values/${enc('Sheet1!C20')}`, { values: [['refused']] });
    const listed = (await (await fetch(`${sandbox.url}/_sandbox/received/sheets`)).json()) as any;
    expect(listed.requests.map((r: any) => [r.method, r.query, r.body])).toEqual([['PUT', 'valueInputOption=RAW', { values: [['rec']] }]]);
    expect(sandbox.environment()['SHEETS_EXPORTS_SPREADSHEET_ID']).toBe(SHEETS_EXPORTS_ID);
  });
});
