import { generateKeyPairSync } from 'node:crypto';
import { createHttpClient, googleServiceAccount } from '../../../ingest/http/index.js';
import { createGoogleOAuthFake } from '../../../sandbox/google/google-oauth-fake.js';
import { sandboxServiceAccountKey } from '../../../sandbox/google/sandbox-service-account.js';
import { SHEETS_EXPORTS_ID } from '../../../sandbox/sheets/sheets-exports.js';
import { createSheetsFake } from '../../../sandbox/sheets/sheets-fake.js';
import type { Sandbox } from '../../../sandbox/start-sandbox.js';
import type { DestinationFactory } from '../../destination.js';
import { destinationContract } from '../test-support/destination-contract.js';
import { googleSheetsDestination } from './google-sheets-destination.js';

const config = (s: Sandbox, credentials = s.environment()['GOOGLE_SERVICE_ACCOUNT_JSON']) => ({ credentials, spreadsheet_id: SHEETS_EXPORTS_ID, base_url: s.baseUrl('sheets') });

/** The sandbox's service account with a private key Google never issued: the token exchange fails. */
function wrongKey(s: Sandbox): { credentials: string; secret: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { credentials: JSON.stringify({ ...sandboxServiceAccountKey(s.baseUrl('google-oauth')), private_key: pem }), secret: pem.split('\n')[1]! };
}

destinationContract('google_sheets', {
  factory: googleSheetsDestination as DestinationFactory,
  vendors: [(c) => createGoogleOAuthFake(c), (c) => createSheetsFake(c)],
  faultVendor: 'sheets',
  config: (s) => config(s),
  wrongSecret: (s) => {
    const { credentials, secret } = wrongKey(s);
    return { config: config(s, credentials), secret };
  },
  object: 'Sheet1',
  mapping: [
    { field: 'id', from: { kind: 'column', column: 'id' } },
    { field: 'name', from: { kind: 'column', column: 'name' } },
    { field: 'score', from: { kind: 'column', column: 'score', cast: 'integer' } },
  ],
  // What a reader of the sheet sees: the header, then one row per record.
  async readBack(s) {
    const reader = createHttpClient({
      baseUrl: s.baseUrl('sheets'),
      auth: googleServiceAccount({ key: sandboxServiceAccountKey(s.baseUrl('google-oauth')), scopes: ['https://www.googleapis.com/auth/spreadsheets.readonly'] }),
    });
    const body = await reader.getJson<{ values?: unknown[][] }>({ url: `/v4/spreadsheets/${SHEETS_EXPORTS_ID}/values/Sheet1`, query: { valueRenderOption: 'UNFORMATTED_VALUE' } });
    const [header = [], ...rows] = body.values ?? [];
    const col = (name: string) => header.indexOf(name);
    return new Map(rows.map((r) => [String(r[col('id')]), { name: String(r[col('name')]), score: String(r[col('score')]) }]));
  },
  expected: (r) => ({ name: r.name, score: String(r.score) }),
});
