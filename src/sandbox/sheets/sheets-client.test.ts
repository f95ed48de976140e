/**
 * The official Node client (@googleapis/sheets) against the fake, unchanged
 * but for `rootUrl`, authenticated by google-auth-library with the sandbox's
 * service-account key (its token_uri is the sandbox's token endpoint).
 */
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleServiceAccount } from '../../ingest/http/auth/google-service-account.js';
import { createGoogleOAuthFake } from '../google/google-oauth-fake.js';
import { sandboxServiceAccountKey } from '../google/sandbox-service-account.js';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { createSheetsFake } from './sheets-fake.js';
import { SHEETS_MARKETING_SPEND_ID, SHEETS_REVENUE_TARGETS_ID, SHEETS_UNSHARED_ID } from './sheets-catalog.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ scale: 0.3, vendors: [(c) => createGoogleOAuthFake(c), (c) => createSheetsFake(c)] });
});
afterAll(async () => {
  await sandbox.close();
});

function client() {
  const key = sandboxServiceAccountKey(sandbox.baseUrl('google-oauth'));
  const jwt = googleServiceAccount({ key, scopes: ['https://www.googleapis.com/auth/spreadsheets.readonly'] }).client;
  // The client bundles its own copy of google-auth-library (10.5 vs Basin's 10.9): same JWT class, distinct declarations.
  const auth = jwt as unknown as sheets_v4.Options['auth'];
  return sheets({ version: 'v4', auth, rootUrl: `${sandbox.baseUrl('sheets')}/` });
}

describe('@googleapis/sheets against the sandbox', () => {
  it('reads spreadsheet metadata', async () => {
    const res = await client().spreadsheets.get({ spreadsheetId: SHEETS_REVENUE_TARGETS_ID, fields: 'properties.title,sheets.properties' });
    expect(res.data.properties?.title).toBe('Revenue targets');
    expect(res.data.sheets?.map((s) => s.properties?.title)).toEqual(['Revenue targets', 'Assumptions']);
  });

  it('reads values of one range', async () => {
    const res = await client().spreadsheets.values.get({
      spreadsheetId: SHEETS_REVENUE_TARGETS_ID,
      range: "'Revenue targets'!A1:C3",
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'FORMATTED_STRING',
    });
    expect(res.data.range).toBe("'Revenue targets'!A1:C3");
    expect(res.data.values?.[0]).toEqual(['Month', 'Plus MRR target', 'Pro MRR target']);
    expect(res.data.values?.[1]?.[0]).toBe('2023-01-01');
    expect(typeof res.data.values?.[1]?.[1]).toBe('number');
  });

  it('reads several ranges with batchGet', async () => {
    const res = await client().spreadsheets.values.batchGet({
      spreadsheetId: SHEETS_MARKETING_SPEND_ID,
      ranges: ["'Marketing spend'!A1:B2", "'Marketing spend'!H1"],
    });
    expect(res.data.valueRanges?.map((v) => v.range)).toEqual(["'Marketing spend'!A1:B2", "'Marketing spend'!H1"]);
    expect(res.data.valueRanges?.[0]?.values).toEqual([['Month', 'Channel'], ['Jan 2023', 'Google Ads']]);
    expect(res.data.valueRanges?.[1]?.values).toEqual([['Notes']]);
  });

  it('surfaces Google errors through the client', async () => {
    await expect(client().spreadsheets.get({ spreadsheetId: SHEETS_UNSHARED_ID })).rejects.toMatchObject({ status: 403 });
    await expect(client().spreadsheets.values.get({ spreadsheetId: SHEETS_REVENUE_TARGETS_ID, range: 'Nope!A1' })).rejects.toThrow(
      'Unable to parse range: Nope!A1',
    );
  });
});
