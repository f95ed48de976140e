/** A sync to a sheet end to end: DuckDB model -> runSync (whole-table delivery) -> the sandbox's Sheets fake. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncConfig } from '../../../config/sync-config.js';
import { silentLogger } from '../../../core/logger.js';
import { createHttpClient, googleServiceAccount, type HttpClient } from '../../../ingest/http/index.js';
import { createGoogleOAuthFake } from '../../../sandbox/google/google-oauth-fake.js';
import { sandboxServiceAccountKey } from '../../../sandbox/google/sandbox-service-account.js';
import { SHEETS_EXPORTS_ID } from '../../../sandbox/sheets/sheets-exports.js';
import { createSheetsFake, type SheetsFake } from '../../../sandbox/sheets/sheets-fake.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import { createDuckDbWarehouse } from '../../../warehouse/duckdb/duckdb-warehouse.js';
import type { Warehouse } from '../../../warehouse/warehouse.js';
import type { DestinationFactory } from '../../destination.js';
import { runSync } from '../../run-sync.js';
import { googleSheetsDestination } from './google-sheets-destination.js';

let sandbox: Sandbox;
let fake: SheetsFake;
let reader: HttpClient;
let wh: Warehouse;

beforeAll(async () => {
  sandbox = await startSandbox({ scale: 0.3, vendors: [(c) => createGoogleOAuthFake(c), (c) => (fake = createSheetsFake(c))] });
  reader = createHttpClient({
    baseUrl: sandbox.baseUrl('sheets'),
    auth: googleServiceAccount({ key: sandboxServiceAccountKey(sandbox.baseUrl('google-oauth')), scopes: ['https://www.googleapis.com/auth/spreadsheets.readonly'] }),
  });
  wh = await createDuckDbWarehouse({ path: ':memory:' }, { logger: silentLogger });
  await wh.execute(
    'CREATE TABLE health AS SELECT * FROM (VALUES ' +
      "(10, 'Initech', 41.5, FALSE, TIMESTAMP '2025-01-03 00:00:00'), " +
      "(2, 'Acme', 93.0, TRUE, TIMESTAMP '2025-01-02 03:04:05'), " +
      "(7, 'Globex', NULL, NULL, NULL)) AS t(id, name, score, paying, seen)",
  );
});
afterAll(async () => {
  await wh.close();
  await sandbox.close();
});

const sync: SyncConfig = {
  name: 'health_sheet',
  file: 'syncs/health_sheet.yml',
  model: 'health',
  destination: 'sheets',
  object: 'Account health',
  key: ['id'],
  mapping: [
    { field: 'Company', from: { kind: 'column', column: 'name' } },
    { field: 'Health score', from: { kind: 'column', column: 'score' } },
    { field: 'Paying', from: { kind: 'column', column: 'paying' } },
    { field: 'Seen', from: { kind: 'column', column: 'seen' } },
  ],
  mode: 'mirror',
  maxRemoveShare: 0.5,
  enabled: true,
  tags: [],
  locate: () => ({ file: 'syncs/health_sheet.yml' }),
};

async function sheet(): Promise<unknown[][]> {
  const body = await reader.getJson<{ values?: unknown[][] }>({ url: `/v4/spreadsheets/${SHEETS_EXPORTS_ID}/values/${encodeURIComponent("'Account health'")}`, query: { valueRenderOption: 'UNFORMATTED_VALUE' } });
  return body.values ?? [];
}

const run = (runId: string) =>
  runSync({
    sync,
    destinationConfig: googleSheetsDestination.configSchema.parse({
      credentials: sandbox.environment()['GOOGLE_SERVICE_ACCOUNT_JSON'],
      spreadsheet_id: SHEETS_EXPORTS_ID,
      base_url: sandbox.baseUrl('sheets'),
    }),
    factory: googleSheetsDestination as DestinationFactory,
    warehouse: wh,
    input: { relation: { schema: 'main', name: 'health' } },
    runId,
    logger: silentLogger,
  });

describe('a sync to a Google sheet', () => {
  it('writes the model in key order, rewrites it when a row leaves, and sends nothing when nothing changed', async () => {
    expect(await run('r1')).toMatchObject({ planned: { add: 3 }, failed: 0 });
    expect(await sheet()).toEqual([
      ['Company', 'Health score', 'Paying', 'Seen'],
      ['Acme', 93, true, '2025-01-02T03:04:05.000Z'],
      ['Globex'],
      ['Initech', 41.5, false, '2025-01-03T00:00:00.000Z'],
    ]);

    fake.resetReceived();
    expect(await run('r2')).toMatchObject({ planned: { add: 0, change: 0, remove: 0 } });
    expect(fake.received()).toEqual([]);

    await wh.execute('DELETE FROM health WHERE id = 7');
    expect(await run('r3')).toMatchObject({ planned: { remove: 1 }, removed: 1, failed: 0 });
    expect(await sheet()).toEqual([
      ['Company', 'Health score', 'Paying', 'Seen'],
      ['Acme', 93, true, '2025-01-02T03:04:05.000Z'],
      ['Initech', 41.5, false, '2025-01-03T00:00:00.000Z'],
    ]);
  });
});
