import { createGoogleOAuthFake } from '../../../sandbox/google/google-oauth-fake.js';
import { GOOGLE_SANDBOX_CLIENT_EMAIL, sandboxServiceAccountKey } from '../../../sandbox/google/sandbox-service-account.js';
import { createSheetsFake } from '../../../sandbox/sheets/sheets-fake.js';
import { SHEETS_ACCOUNT_MANAGERS_ID, SHEETS_MARKETING_SPEND_ID, SHEETS_REVENUE_TARGETS_ID } from '../../../sandbox/sheets/sheets-catalog.js';
import { describeConnectorContract } from '../test-support/connector-contract.js';
import { createGoogleSheetsSource } from './google-sheets-source.js';

const spreadsheets = [
  { name: 'revenue_targets', spreadsheet_id: SHEETS_REVENUE_TARGETS_ID, range: "'Revenue targets'!A1:F" },
  { name: 'plan_assumptions', spreadsheet_id: SHEETS_REVENUE_TARGETS_ID, range: 'Assumptions' },
  { name: 'marketing_spend', spreadsheet_id: SHEETS_MARKETING_SPEND_ID, range: "'Marketing spend'!A:H" },
  { name: 'account_managers', spreadsheet_id: SHEETS_ACCOUNT_MANAGERS_ID, range: "'Account managers'" },
];
const offlineKey = sandboxServiceAccountKey('http://127.0.0.1:1/google-oauth');

describeConnectorContract({
  name: 'google_sheets',
  factory: createGoogleSheetsSource({ retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 20 } }),
  vendors: [(c) => createGoogleOAuthFake(c), (c) => createSheetsFake(c)],
  vendor: 'sheets',
  scale: 0.3,
  config: (sandbox) => ({
    credentials: sandboxServiceAccountKey(sandbox.baseUrl('google-oauth')),
    base_url: sandbox.baseUrl('sheets'),
    spreadsheets,
  }),
  // A key file naming another service account: the token endpoint refuses its assertions.
  badCredentials: (sandbox) => ({
    credentials: JSON.stringify({
      ...sandboxServiceAccountKey(sandbox.baseUrl('google-oauth')),
      client_email: GOOGLE_SANDBOX_CLIENT_EMAIL.replace('basin-sandbox@', 'someone-else@'),
    }),
    base_url: sandbox.baseUrl('sheets'),
    spreadsheets,
  }),
  invalidConfig: [
    { config: { spreadsheets }, path: 'credentials' },
    { config: { credentials: '{"client_email": "x"}', spreadsheets }, path: 'credentials' },
    { config: { credentials: offlineKey, spreadsheets: [] }, path: 'spreadsheets' },
    { config: { credentials: offlineKey, spreadsheets: [{ ...spreadsheets[0], name: 'Revenue Targets' }] }, path: 'spreadsheets.0.name' },
    { config: { credentials: offlineKey, spreadsheets: [{ ...spreadsheets[0], header_row: 0 }] }, path: 'spreadsheets.0.header_row' },
    { config: { credentials: offlineKey, spreadsheets, value_render: 'RAW' }, path: 'value_render' },
  ],
  streams: {
    revenue_targets: { primary_key: 'month', columns: { month: 'date' } },
    marketing_spend: { primary_key: ['month', 'channel'], columns: { month: 'date' } },
    account_managers: { primary_key: 'organization_id', columns: { customer_since: 'date' } },
  },
  advance: { days: 31 },
});
