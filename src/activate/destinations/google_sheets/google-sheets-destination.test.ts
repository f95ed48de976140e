import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BasinError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import { createHttpClient, googleServiceAccount, HttpError, type HttpClient } from '../../../ingest/http/index.js';
import { createGoogleOAuthFake } from '../../../sandbox/google/google-oauth-fake.js';
import { GOOGLE_SANDBOX_PRIVATE_KEY, sandboxServiceAccountKey } from '../../../sandbox/google/sandbox-service-account.js';
import { SHEETS_REVENUE_TARGETS_ID } from '../../../sandbox/sheets/sheets-catalog.js';
import { SHEETS_EXPORTS_ID } from '../../../sandbox/sheets/sheets-exports.js';
import { createSheetsFake, type SheetsFake } from '../../../sandbox/sheets/sheets-fake.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import type { DestinationRecord, DestinationWriter } from '../../destination.js';
import { googleSheetsDestination } from './google-sheets-destination.js';

let sandbox: Sandbox;
let fake: SheetsFake;
let reader: HttpClient;
const ctx = { logger: silentLogger, sync: 'health_out' };

beforeAll(async () => {
  // Quotas far above the documented 60/min so the suite's requests all fit in one minute.
  sandbox = await startSandbox({ scale: 0.3, vendors: [(c) => createGoogleOAuthFake(c), (c) => (fake = createSheetsFake(c, { writesPerMinute: 1000, readsPerMinute: 1000 }))] });
  reader = createHttpClient({
    baseUrl: sandbox.baseUrl('sheets'),
    auth: googleServiceAccount({ key: sandboxServiceAccountKey(sandbox.baseUrl('google-oauth')), scopes: ['https://www.googleapis.com/auth/spreadsheets'] }),
  });
});
afterAll(async () => sandbox.close());
beforeEach(() => {
  fake.resetReceived();
  fake.failWrites(undefined);
});

function config(overrides: Record<string, unknown> = {}) {
  return googleSheetsDestination.configSchema.parse({
    credentials: sandbox.environment()['GOOGLE_SERVICE_ACCOUNT_JSON'],
    spreadsheet_id: SHEETS_EXPORTS_ID,
    base_url: sandbox.baseUrl('sheets'),
    ...overrides,
  });
}

async function open(object: string, overrides: Record<string, unknown> = {}): Promise<DestinationWriter & { replace: NonNullable<DestinationWriter['replace']> }> {
  const writer = await googleSheetsDestination.open(config(overrides), { object }, ctx);
  if (!writer.replace) throw new Error('no replace');
  return writer as DestinationWriter & { replace: NonNullable<DestinationWriter['replace']> };
}

async function cells(range: string, spreadsheet = SHEETS_EXPORTS_ID): Promise<unknown[][]> {
  const body = await reader.getJson<{ values?: unknown[][] }>({
    url: `/v4/spreadsheets/${spreadsheet}/values/${encodeURIComponent(range)}`,
    query: { valueRenderOption: 'UNFORMATTED_VALUE' },
  });
  return body.values ?? [];
}

async function sheetTitles(): Promise<string[]> {
  const body = await reader.getJson<{ sheets: Array<{ properties: { title: string } }> }>({ url: `/v4/spreadsheets/${SHEETS_EXPORTS_ID}`, query: { fields: 'sheets.properties.title' } });
  return body.sheets.map((s) => s.properties.title);
}

async function errorOf(work: () => Promise<unknown>): Promise<Error> {
  try {
    await work();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure');
}

const health: DestinationRecord[] = [
  { key: 'acme', fields: { org: 'Acme', score: 0.93, paying: true, renews: '2025-03-01', seen: new Date('2025-01-02T03:04:05Z'), tags: ['a', 'b'] } },
  { key: 'globex', fields: { org: 'Globex', score: 12, paying: false, renews: null, seen: null, tags: null } },
  { key: 'initech', fields: { org: 'Initech', score: null, paying: null, renews: '2025-06-30', seen: new Date('2025-01-03T00:00:00.5Z'), tags: {} } },
];
const fields = ['org', 'score', 'paying', 'renews', 'seen', 'tags'];

describe('google_sheets destination', () => {
  it('writes the header and rows exactly (RAW) through a staging sheet swapped in by one batchUpdate', async () => {
    const writer = await open('Account health');
    expect(writer.capabilities).toMatchObject({ replace: true, ops: ['upsert', 'delete'], rateLimit: { requests: 60, perSeconds: 60 } });
    await writer.replace(health, { fields });
    expect(await cells("'Account health'")).toEqual([
      fields,
      ['Acme', 0.93, true, '2025-03-01', '2025-01-02T03:04:05.000Z', '["a","b"]'],
      ['Globex', 12, false],
      ['Initech', '', '', '2025-06-30', '2025-01-03T00:00:00.500Z', '{}'],
    ]);
    const paths = fake.received().map((r) => `${r.method} ${r.path.replace(/^.*\/spreadsheets\/[^/:]+\/?/, '')}`);
    expect(paths).toEqual(['POST :batchUpdate', 'POST values:batchUpdate', 'POST :batchUpdate']);
    expect(fake.received()[1]!.body).toMatchObject({ valueInputOption: 'RAW', data: [{ range: expect.stringMatching(/^'basin-staging-1-[0-9a-f]{8}'!A1$/), majorDimension: 'ROWS' }] });
    const swap = (fake.received()[2]!.body as { requests: Array<Record<string, unknown>> }).requests;
    expect(swap.map((r) => Object.keys(r)[0])).toEqual(['updateCells', 'copyPaste', 'deleteSheet']);
    expect(swap[1]).toMatchObject({ copyPaste: { pasteType: 'PASTE_VALUES', destination: { sheetId: 1, startRowIndex: 0, endRowIndex: 4, startColumnIndex: 0, endColumnIndex: 6 } } });
    expect(await sheetTitles()).toEqual(['Sheet1', 'Account health']);
  });

  it('leaves no stale rows or columns when a later table is smaller', async () => {
    const writer = await open('Account health');
    await writer.replace(health, { fields });
    await writer.replace([{ key: 'acme', fields: { org: 'Acme', score: 1 } }], { fields: ['org', 'score'] });
    expect(await cells("'Account health'")).toEqual([['org', 'score'], ['Acme', 1]]);
    await writer.replace([], { fields: ['org'] });
    expect(await cells("'Account health'")).toEqual([['org']]);
  });

  it('writes from a start cell, leaving the cells above and to the left alone', async () => {
    await reader.request({ method: 'PUT', url: `/v4/spreadsheets/${SHEETS_EXPORTS_ID}/values/${encodeURIComponent('Sheet1!A1')}`, query: { valueInputOption: 'RAW' }, json: { values: [['title', 'kept']] } });
    await reader.request({ method: 'PUT', url: `/v4/spreadsheets/${SHEETS_EXPORTS_ID}/values/${encodeURIComponent('Sheet1!A3')}`, query: { valueInputOption: 'RAW' }, json: { values: [['side']] } });
    const writer = await open('Sheet1!B3');
    await writer.replace(health.slice(0, 2), { fields: ['org', 'score'] });
    await writer.replace(health.slice(0, 1), { fields: ['org', 'score'] });
    expect(await cells('Sheet1!A1:C5')).toEqual([['title', 'kept'], [], ['side', 'org', 'score'], ['', 'Acme', 0.93]]);
  });

  it('lets Sheets parse values with USER_ENTERED (timestamps become date-times)', async () => {
    const writer = await open('Account health', { value_input_option: 'USER_ENTERED' });
    await writer.replace([{ key: 'a', fields: { day: '2025-01-31', share: '12.5%' } }], { fields: ['day', 'share'] });
    const [, row] = await cells("'Account health'");
    expect(row).toEqual([45688, 0.125]);
    expect(fake.received().at(-2)!.body).toMatchObject({ valueInputOption: 'USER_ENTERED' });
    expect(fake.received().at(-1)!.body).toMatchObject({ requests: [{}, { copyPaste: { pasteType: 'PASTE_NORMAL' } }, {}] });
  });

  it('splits a big table into several write requests and writes every row in order', async () => {
    const big: DestinationRecord[] = Array.from({ length: 2500 }, (_, k) => ({ key: String(k).padStart(5, '0'), fields: { n: k, text: `${k}:${'x'.repeat(1000)}` } }));
    const writer = await open('Account health');
    await writer.replace(big, { fields: ['n', 'text'] });
    const updates = fake.received().filter((r) => r.path.endsWith('values:batchUpdate'));
    expect(updates).toHaveLength(2);
    for (const u of updates) expect(Buffer.byteLength(JSON.stringify(u.body))).toBeLessThanOrEqual(2_000_200);
    const data = updates.map((u) => (u.body as { data: Array<{ range: string; values: unknown[][] }> }).data[0]!);
    const staging = data[0]!.range.replace(/!A1$/, '');
    expect(data.map((d) => d.range)).toEqual([`${staging}!A1`, `${staging}!A${data[0]!.values.length}`]);
    expect(data[1]!.values[0]).toEqual(data[0]!.values.at(-1));
    const back = await cells("'Account health'!A1:B3000");
    expect(back).toHaveLength(2501);
    expect(back.map((r) => r[0])).toEqual(['n', ...big.map((r) => r.fields['n'])]);
    expect(back[2500]![1]).toBe(big[2499]!.fields['text']);
  });

  it('retries the write quota (429) and still writes the table', async () => {
    sandbox.faults.set({ sheets: { rateLimit: 0.5, retryAfterSeconds: 0 } });
    try {
      const writer = await open('Account health');
      await writer.replace(health, { fields });
    } finally {
      sandbox.faults.reset();
    }
    expect(await cells("'Account health'!A1:A4")).toEqual([['org'], ['Acme'], ['Globex'], ['Initech']]);
  });

  it('a failure midway leaves the visible sheet exactly as it was, and the next run completes', async () => {
    const writer = await open('Account health');
    await writer.replace(health, { fields });
    const before = await cells("'Account health'");
    const big: DestinationRecord[] = Array.from({ length: 2500 }, (_, k) => ({ key: String(k).padStart(5, '0'), fields: { org: `org ${k}`, score: `${k}:${'x'.repeat(1000)}` } }));
    // Write requests: 1 addSheet, 2 and 3 the two value chunks, 4 the swap, 5 the cleanup. Fail the second chunk.
    fake.failWrites({ nth: 3, status: 400 });
    const err = await errorOf(() => writer.replace(big, { fields: ['org', 'score'] }));
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(400);
    expect(await cells("'Account health'")).toEqual(before);
    expect(await sheetTitles()).toEqual(['Sheet1', 'Account health']);
    fake.failWrites(undefined);
    await writer.replace(big, { fields: ['org', 'score'] });
    const after = await cells("'Account health'!A1:B3000");
    expect(after).toHaveLength(2501);
    expect(after[2500]).toEqual(['org 2499', big[2499]!.fields['score']]);
    expect(await sheetTitles()).toEqual(['Sheet1', 'Account health']);
  });

  it('a refused swap leaves the sheet as it was; a staging sheet a crash left is deleted by the next run', async () => {
    const writer = await open('Account health');
    await writer.replace(health, { fields });
    const before = await cells("'Account health'");
    // Fail the swap and the cleanup after it (write requests 3 and 4): the staging sheet stays behind, as after a crash.
    fake.failWrites({ nth: 3, count: 2, status: 400 });
    await errorOf(() => writer.replace(health.slice(0, 1), { fields }));
    expect(await cells("'Account health'")).toEqual(before);
    const left = await sheetTitles();
    expect(left).toHaveLength(3);
    expect(left[2]).toMatch(/^basin-staging-1-/);
    fake.failWrites(undefined);
    fake.resetReceived();
    await writer.replace(health.slice(0, 1), { fields });
    expect(await cells("'Account health'")).toEqual(before.slice(0, 2));
    expect(await sheetTitles()).toEqual(['Sheet1', 'Account health']);
    expect(fake.received()[0]!.body).toMatchObject({ requests: [{ deleteSheet: {} }, { addSheet: {} }] });
  });

  it('grows the sheet when the table needs more rows or columns than its grid', async () => {
    const meta = await reader.getJson<{ sheets: Array<{ properties: { gridProperties: { rowCount: number; columnCount: number } } }> }>({ url: `/v4/spreadsheets/${SHEETS_EXPORTS_ID}` });
    const { rowCount, columnCount } = meta.sheets[1]!.properties.gridProperties;
    expect(columnCount).toBe(26);
    // From V(rowCount - 1): 4 rows and 6 columns need 2 rows and 1 column more than the grid has.
    const start = rowCount - 1;
    const writer = await open(`'Account health'!V${start}`);
    await writer.replace(health, { fields });
    const swap = (fake.received().at(-1)!.body as { requests: unknown[] }).requests;
    expect(swap.slice(0, 2)).toEqual([
      { appendDimension: { sheetId: 1, dimension: 'ROWS', length: 2 } },
      { appendDimension: { sheetId: 1, dimension: 'COLUMNS', length: 1 } },
    ]);
    expect(await cells(`'Account health'!V${start}:AA${start + 3}`)).toEqual([fields, ['Acme', 0.93, true, '2025-03-01', '2025-01-02T03:04:05.000Z', '["a","b"]'], ['Globex', 12, false], ['Initech', '', '', '2025-06-30', '2025-01-03T00:00:00.500Z', '{}']]);
  });

  it('fails with the 403 of a spreadsheet shared read-only, saying whom to share it with', async () => {
    const writer = await open('Revenue targets', { spreadsheet_id: SHEETS_REVENUE_TARGETS_ID });
    const err = await errorOf(() => writer.replace(health, { fields }));
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(403);
    expect(err.message).toContain(':batchUpdate answered 403');
    expect(err.message).toContain('basin-sandbox@basin-sandbox.iam.gserviceaccount.com as Editor');
    expect(err.message).not.toContain('PRIVATE KEY');
    expect((await cells("'Revenue targets'!A1:A1", SHEETS_REVENUE_TARGETS_ID))[0]).toEqual(['Month']);
  });

  it('names a sheet the spreadsheet does not have, before touching anything', async () => {
    const writer = await open('Accounts');
    const err = await errorOf(() => writer.replace(health, { fields }));
    expect(err).toMatchObject({ code: 'CONFIG_INVALID' });
    expect(err.message).toContain('has no sheet "Accounts" (its sheets: "Sheet1", "Account health")');
    expect(fake.received()).toEqual([]);
  });

  it('refuses a start cell outside the sheet grid, before touching anything', async () => {
    const writer = await open('Sheet1!AB1');
    const err = await errorOf(() => writer.replace(health, { fields }));
    expect(err).toMatchObject({ code: 'CONFIG_INVALID' });
    expect(err.message).toContain('start cell AB1 lies outside sheet "Sheet1" (1000 rows, 26 columns)');
    expect(fake.received()).toEqual([]);
  });

  it('stops when the signal is aborted, sending nothing', async () => {
    const writer = await open('Account health');
    const aborted = new AbortController();
    aborted.abort();
    const err = await errorOf(() => writer.replace(health, { fields, signal: aborted.signal }));
    expect(err).toMatchObject({ code: 'ABORTED' });
    expect(fake.received()).toEqual([]);
  });

  it('refuses write(), a destination_key and a malformed object', async () => {
    const writer = await open('Account health');
    const err = await errorOf(() => writer.write('upsert', health, {}));
    expect(err).toBeInstanceOf(BasinError);
    expect(err).toMatchObject({ code: 'INTERNAL' });
    expect(err.message).toContain('only rewritten whole');
    expect(() => googleSheetsDestination.open(config(), { object: 'Account health', keyField: 'org' }, ctx)).toThrow(/destination_key: org/);
    expect(() => googleSheetsDestination.open(config(), { object: 'Sheet1!A0' }, ctx)).toThrow(/object "Sheet1!A0"/);
  });

  it('validates config naming the field, never echoing the credentials', () => {
    const bad = googleSheetsDestination.configSchema.safeParse({ credentials: 'not-json-secret-text', spreadsheet_id: SHEETS_EXPORTS_ID });
    expect(bad.error?.issues[0]?.path).toEqual(['credentials']);
    expect(JSON.stringify(bad.error?.issues)).not.toContain('not-json-secret-text');
    const id = googleSheetsDestination.configSchema.safeParse({ credentials: sandbox.environment()['GOOGLE_SERVICE_ACCOUNT_JSON'], spreadsheet_id: 'https://docs.google.com/x' });
    expect(id.error?.issues[0]?.path).toEqual(['spreadsheet_id']);
    const option = googleSheetsDestination.configSchema.safeParse({ credentials: sandbox.environment()['GOOGLE_SERVICE_ACCOUNT_JSON'], spreadsheet_id: 'x', value_input_option: 'FORMULA' });
    expect(option.error?.issues[0]?.path).toEqual(['value_input_option']);
    expect(config()).toMatchObject({ value_input_option: 'RAW', timeout: 60 });
  });

  it('fails without the key when Google refuses the credentials', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const key = { ...sandboxServiceAccountKey(sandbox.baseUrl('google-oauth')), private_key: privateKey };
    const writer = await open('Account health', { credentials: JSON.stringify(key) });
    const err = await errorOf(() => writer.replace(health, { fields }));
    expect(err).toMatchObject({ code: 'HTTP_STATUS' });
    expect(err.message).toContain('did not issue an access token');
    expect(err.message).not.toContain(privateKey.slice(40, 100));
    expect(err.message).not.toContain(GOOGLE_SANDBOX_PRIVATE_KEY.slice(40, 100));
    expect(fake.received()).toEqual([]);
  });

  it('check reads the spreadsheet; an unknown one fails with its 404', async () => {
    await expect(googleSheetsDestination.check!(config(), ctx)).resolves.toBeUndefined();
    const err = await errorOf(() => googleSheetsDestination.check!(config({ spreadsheet_id: 'nope' }), ctx));
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(404);
    expect(err.message).toContain('no spreadsheet nope: check spreadsheet_id');
  });
});
