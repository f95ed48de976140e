/** spreadsheets.batchUpdate on the Sheets fake over real HTTP: requests and answers valid against the discovery document, all or nothing, the requests a staged sheet replace uses. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../google/google-tokens.js';
import { GOOGLE_SANDBOX_CLIENT_EMAIL } from '../google/sandbox-service-account.js';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { loadDiscoveryValidator, type DiscoveryValidator } from '../test-support/discovery-validator.js';
import { sheetsGet } from '../test-support/sheets-get.js';
import { SHEETS_REVENUE_TARGETS_ID } from './sheets-catalog.js';
import { SHEETS_EXPORTS_ID } from './sheets-exports.js';
import { createSheetsFake, type SheetsFake } from './sheets-fake.js';

const EX = `/v4/spreadsheets/${SHEETS_EXPORTS_ID}`;
let sandbox: Sandbox;
let fake: SheetsFake;
let schema: DiscoveryValidator;
const base = (): string => sandbox.baseUrl('sheets');

async function send(method: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const token = issueAccessToken(GOOGLE_SANDBOX_CLIENT_EMAIL, ['https://www.googleapis.com/auth/spreadsheets'], Date.now());
  const res = await fetch(`${base()}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** Sends a BatchUpdateSpreadsheetRequest, first checking it against the discovery document. */
async function batch(requests: unknown[], id = SHEETS_EXPORTS_ID): Promise<{ status: number; body: any }> {
  const request = { requests };
  expect(schema.errors('BatchUpdateSpreadsheetRequest', request)).toEqual([]);
  const r = await send('POST', `/v4/spreadsheets/${id}:batchUpdate`, request);
  if (r.status === 200) expect(schema.errors('BatchUpdateSpreadsheetResponse', r.body)).toEqual([]);
  return r;
}

async function values(range: string, render = 'UNFORMATTED_VALUE'): Promise<unknown[][]> {
  return (await sheetsGet(base(), `${EX}/values/${encodeURIComponent(range)}?valueRenderOption=${render}`)).body.values ?? [];
}

async function sheets(): Promise<Array<{ sheetId: number; title: string; index: number; hidden?: boolean }>> {
  const meta = await sheetsGet(base(), EX);
  expect(schema.errors('Spreadsheet', meta.body)).toEqual([]);
  return meta.body.sheets.map((s: any) => s.properties);
}

const write = (range: string, rows: unknown[][], option = 'RAW') => send('PUT', `${EX}/values/${encodeURIComponent(range)}?valueInputOption=${option}`, { values: rows });
const grid = (sheetId: number, startRowIndex: number, endRowIndex: number, startColumnIndex: number, endColumnIndex: number) => ({ sheetId, startRowIndex, endRowIndex, startColumnIndex, endColumnIndex });

beforeAll(async () => {
  sandbox = await startSandbox({ scale: 0.3, vendors: [(c) => (fake = createSheetsFake(c, { readsPerMinute: 10_000, writesPerMinute: 10_000 }))] });
  schema = loadDiscoveryValidator('sheets.v4');
});
afterAll(async () => sandbox.close());
beforeEach(() => fake.failWrites(undefined));

describe('sheets fake: spreadsheets.batchUpdate', () => {
  it('adds a hidden sheet, pastes its values over a cleared range keeping the target formats, and deletes it, in one request', async () => {
    await write('Sheet1!A1:C3', [['12.5%', 'old', 'x'], ['1', 'old', 'x'], ['2', 'old', 'x']], 'USER_ENTERED');
    const added = await batch([{ addSheet: { properties: { title: 'staging', hidden: true, gridProperties: { rowCount: 2, columnCount: 2 } } } }]);
    expect(added.status).toBe(200);
    expect(added.body).toEqual({
      spreadsheetId: SHEETS_EXPORTS_ID,
      replies: [{ addSheet: { properties: { sheetId: 2, title: 'staging', index: 2, sheetType: 'GRID', hidden: true, gridProperties: { rowCount: 1000, columnCount: 2 } } } }],
    });
    expect((await sheets()).map((s) => [s.sheetId, s.title, s.index, s.hidden ?? false])).toEqual([[0, 'Sheet1', 0, false], [1, 'Account health', 1, false], [2, 'staging', 2, true]]);
    await write('staging!A1', [[0.5, 'new']]);
    const swapped = await batch([
      { updateCells: { range: grid(0, 1, 1000, 0, 26), fields: 'userEnteredValue' } },
      { copyPaste: { source: grid(2, 0, 1, 0, 2), destination: grid(0, 0, 1, 0, 2), pasteType: 'PASTE_VALUES', pasteOrientation: 'NORMAL' } },
      { deleteSheet: { sheetId: 2 } },
    ]);
    expect(swapped.body).toEqual({ spreadsheetId: SHEETS_EXPORTS_ID, replies: [{}, {}, {}] });
    expect(await values('Sheet1')).toEqual([[0.5, 'new', 'x']]);
    // A1 kept its percent format (a paste of values only).
    expect(await values('Sheet1!A1', 'FORMATTED_VALUE')).toEqual([['50.0%']]);
    expect((await sheets()).map((s) => s.title)).toEqual(['Sheet1', 'Account health']);
  });

  it('applies all requests or none: a refused request undoes the ones before it', async () => {
    await write('Sheet1!A1', [['keep', 1, ''], ['me', 2]]);
    const before = await sheets();
    const r = await batch([
      { addSheet: { properties: { title: 'half' } } },
      { updateCells: { range: grid(0, 0, 1000, 0, 26), fields: 'userEnteredValue' } },
      { deleteSheet: { sheetId: 1 } },
      { deleteSheet: { sheetId: 99 } },
    ]);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT', message: 'Invalid requests[3].deleteSheet: No grid with id: 99' });
    expect(await sheets()).toEqual(before);
    expect(await values('Sheet1')).toEqual([['keep', 1], ['me', 2]]);
  });

  it('PASTE_NORMAL carries formulas and formats, PASTE_FORMULA formulas only; a destination a multiple of the source repeats it', async () => {
    await batch([{ addSheet: { properties: { sheetId: 7, title: 'src' } } }]);
    await write('src!A1:B1', [['=1+1', '12.5%']], 'USER_ENTERED');
    await write("'Account health'!A1:B1", [['2025-01-31', 'x']], 'USER_ENTERED');
    await batch([{ copyPaste: { source: grid(7, 0, 1, 0, 2), destination: grid(1, 0, 1, 0, 2), pasteType: 'PASTE_FORMULA' } }]);
    expect(await values("'Account health'!A1:B1", 'FORMULA')).toEqual([['=1+1', 0.125]]);
    // A1 kept its date format, B1 had none.
    expect(await values("'Account health'!B1", 'FORMATTED_VALUE')).toEqual([['0.125']]);
    await batch([{ copyPaste: { source: grid(7, 0, 1, 0, 2), destination: grid(1, 2, 4, 0, 2), pasteType: 'PASTE_NORMAL' } }]);
    expect(await values("'Account health'!A3:B4", 'FORMATTED_VALUE')).toEqual([['=1+1', '12.5%'], ['=1+1', '12.5%']]);
    await batch([{ deleteSheet: { sheetId: 7 } }]);
  });

  it('refuses a paste past the grid until appendDimension grows it; refuses unknown requests and removing the last visible sheet', async () => {
    await batch([{ addSheet: { properties: { sheetId: 8, title: 'wide', gridProperties: { columnCount: 30 } } } }]);
    await write('wide!AD1', [['far']]);
    const paste = { copyPaste: { source: grid(8, 0, 1, 29, 30), destination: grid(0, 0, 1, 26, 27), pasteType: 'PASTE_VALUES' } };
    const refused = await batch([paste]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('exceeds grid limits');
    expect((await batch([{ appendDimension: { sheetId: 0, dimension: 'COLUMNS', length: 1 } }, paste])).status).toBe(200);
    expect(await values('Sheet1!AA1')).toEqual([['far']]);
    expect((await sheets())[0]).toMatchObject({ gridProperties: { columnCount: 27 } });
    const unknown = await batch([{ sortRange: { range: grid(0, 0, 1, 0, 1) } }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('got sortRange');
    const duplicate = await batch([{ addSheet: { properties: { title: 'WIDE' } } }]);
    expect(duplicate.body.error.message).toContain('A sheet with the name "WIDE" already exists');
    const all = await batch([{ deleteSheet: { sheetId: 0 } }, { deleteSheet: { sheetId: 1 } }, { deleteSheet: { sheetId: 8 } }]);
    expect(all.body.error.message).toContain("You can't remove all the visible sheets");
    expect((await sheets()).map((s) => s.title)).toEqual(['Sheet1', 'Account health', 'wide']);
    await batch([{ deleteSheet: { sheetId: 8 } }]);
  });

  it('is refused on a read-only spreadsheet (403), and fails the planned write requests', async () => {
    const refused = await batch([{ addSheet: { properties: { title: 'x' } } }], SHEETS_REVENUE_TARGETS_ID);
    expect(refused.status).toBe(403);
    fake.failWrites({ nth: 2, count: 2, status: 503 });
    const statuses = [];
    for (let k = 0; k < 4; k++) statuses.push((await write('Sheet1!A1', [['n']])).status);
    expect(statuses).toEqual([200, 503, 503, 200]);
  });
});
