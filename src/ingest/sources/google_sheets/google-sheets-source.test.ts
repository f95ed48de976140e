import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import { createGoogleOAuthFake } from '../../../sandbox/google/google-oauth-fake.js';
import { sandboxServiceAccountKey } from '../../../sandbox/google/sandbox-service-account.js';
import { CHANNELS } from '../../../sandbox/sheets/marketing-spend.js';
import { createSheetsFake } from '../../../sandbox/sheets/sheets-fake.js';
import {
  SHEETS_ACCOUNT_MANAGERS_ID,
  SHEETS_MARKETING_SPEND_ID,
  SHEETS_REVENUE_TARGETS_ID,
  SHEETS_UNSHARED_ID,
} from '../../../sandbox/sheets/sheets-catalog.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import type { Source, Stream } from '../../source.js';
import { googleSheetsConfigSchema } from './google-sheets-config.js';
import { createGoogleSheetsSource } from './google-sheets-source.js';

type Obj = Record<string, unknown>;

let sandbox: Sandbox;
const requests: string[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 1,
    scale: 0.5,
    vendors: [
      (c) => createGoogleOAuthFake(c),
      (c) => {
        const fake = createSheetsFake(c, { readsPerMinute: 100_000 });
        return { ...fake, handle: (r) => (requests.push(r.url.pathname + r.url.search), fake.handle(r)) };
      },
    ],
  });
});
afterAll(async () => {
  await sandbox.close();
});

const key = () => sandboxServiceAccountKey(sandbox.baseUrl('google-oauth'));
const SHEETS = [
  { name: 'revenue_targets', spreadsheet_id: SHEETS_REVENUE_TARGETS_ID, range: "'Revenue targets'!A1:F" },
  { name: 'plan_assumptions', spreadsheet_id: SHEETS_REVENUE_TARGETS_ID, range: 'Assumptions' },
  { name: 'marketing_spend', spreadsheet_id: SHEETS_MARKETING_SPEND_ID, range: "'Marketing spend'!A:H" },
  { name: 'account_managers', spreadsheet_id: SHEETS_ACCOUNT_MANAGERS_ID, range: "'Account managers'" },
];

function open(extra: Obj = {}, streams: Record<string, Obj> = {}): Source {
  const config = googleSheetsConfigSchema.parse({
    credentials: key(),
    base_url: sandbox.baseUrl('sheets'),
    spreadsheets: SHEETS,
    rate_limit: { requests: 10_000, interval_seconds: 1 },
    ...extra,
  });
  return createGoogleSheetsSource({ retry: { baseDelayMs: 1, maxDelayMs: 5 } }).create(config, {
    projectDir: '/tmp',
    connection: 'sheets',
    streams,
    logger: silentLogger,
  });
}

async function readAll(stream: Stream): Promise<Obj[]> {
  const out: Obj[] = [];
  for await (const b of stream.read({ state: undefined, fullRefresh: true, signal: new AbortController().signal, logger: silentLogger })) {
    if (b.kind !== 'records') throw new Error('expected records');
    out.push(...b.records);
  }
  return out;
}

async function tables(source: Source): Promise<Map<string, Obj[]>> {
  const streams = await source.streams(new AbortController().signal);
  const out = new Map<string, Obj[]>();
  for (const s of streams) out.set(s.definition.name, await readAll(s));
  return out;
}

describe('google_sheets config', () => {
  it('accepts the key as an object or as JSON text, and names bad fields without echoing the key', () => {
    const text = JSON.stringify(key());
    const parsed = googleSheetsConfigSchema.parse({ credentials: text, spreadsheets: SHEETS });
    expect(parsed.credentials.client_email).toBe(key().client_email);
    expect(parsed.base_url).toBe('https://sheets.googleapis.com');
    expect(parsed.value_render).toBe('UNFORMATTED_VALUE');
    expect(parsed.rate_limit).toEqual({ requests: 60, interval_seconds: 60 });
    expect(parsed.spreadsheets[0]?.header_row).toBe(1);
    const broken = googleSheetsConfigSchema.safeParse({ credentials: `${text.slice(0, -1)}`, spreadsheets: SHEETS });
    expect(broken.error?.issues.map((i) => i.path.join('.'))).toEqual(['credentials']);
    expect(JSON.stringify(broken.error?.issues)).not.toContain('PRIVATE KEY');
    const twice = googleSheetsConfigSchema.safeParse({ credentials: key(), spreadsheets: [SHEETS[0], SHEETS[0]] });
    expect(twice.error?.issues.map((i) => i.path.join('.'))).toEqual(['spreadsheets.1.name']);
  });
});

describe('google_sheets source', () => {
  it('reads every range, one batchGet per spreadsheet', async () => {
    requests.length = 0;
    const t = await tables(open({}, { revenue_targets: { columns: { month: 'date' } }, marketing_spend: { columns: { month: 'date' } } }));
    const batchGets = requests.filter((r) => r.includes('values:batchGet'));
    expect(batchGets).toHaveLength(3);
    const revenueGet = new URL(`http://x${batchGets.find((r) => r.includes(SHEETS_REVENUE_TARGETS_ID))}`);
    expect(revenueGet.searchParams.getAll('ranges')).toEqual(["'Revenue targets'!A1:F", 'Assumptions']);

    const revenue = t.get('revenue_targets')!;
    // January 2023 to January 2025, and two months ahead.
    expect(revenue).toHaveLength(27);
    const first = revenue[0]!;
    expect(Object.keys(first)).toEqual(['_row_number', 'month', 'plus_mrr_target', 'pro_mrr_target', 'enterprise_mrr_target', 'total_mrr_target', 'comment']);
    expect(first['_row_number']).toBe(2);
    expect(first['month']).toBe('2023-01-01');
    expect(first['comment']).toBe('New fiscal year: targets revised');
    for (const r of revenue) {
      expect(r['total_mrr_target']).toBe((r['plus_mrr_target'] as number) + (r['pro_mrr_target'] as number) + (r['enterprise_mrr_target'] as number));
    }
    expect(revenue.filter((r) => r['comment'] === null).length).toBeGreaterThan(10);
    expect(revenue[26]).toMatchObject({ _row_number: 28, month: '2025-03-01' });

    expect(t.get('plan_assumptions')).toEqual([
      { _row_number: 2, plan: 'Plus', price_per_seat: 8, average_seats: 15, share_of_customers: 0.55, trial_conversion: 0.78 },
      { _row_number: 3, plan: 'Pro', price_per_seat: 15, average_seats: 15, share_of_customers: 0.33, trial_conversion: 0.78 },
      { _row_number: 4, plan: 'Enterprise', price_per_seat: 29, average_seats: 15, share_of_customers: 0.12, trial_conversion: 0.78 },
    ]);
  });

  it('pads ragged rows, skips blank rows and keeps blank cells as nulls', async () => {
    const t = await tables(open({}, { marketing_spend: { columns: { month: 'date' } } }));
    const spend = t.get('marketing_spend')!;
    // 25 months x 5 channels; the blank rows after each December are skipped.
    expect(spend).toHaveLength(25 * CHANNELS.length);
    expect(spend.map((r) => r['_row_number'])).not.toContain(62);
    expect(spend.find((r) => r['month'] === '2024-01-01' && r['channel'] === 'Google Ads')?.['_row_number']).toBe(63);
    for (const r of spend) {
      expect(Object.keys(r)).toEqual(['_row_number', 'month', 'channel', 'budget', 'spend', 'budget_used', 'leads', 'invoice_paid', 'notes']);
      expect(typeof r['invoice_paid']).toBe('boolean');
      if (r['channel'] === 'Events' || r['channel'] === 'Sponsorships') expect(r['leads']).toBeNull();
      if (r['spend'] !== null) expect(r['budget_used']).toBeCloseTo((r['spend'] as number) / (r['budget'] as number), 12);
    }
    const open_ = spend.filter((r) => r['month'] === '2025-01-01');
    expect(open_.map((r) => [r['spend'], r['invoice_paid']])).toEqual(CHANNELS.map(() => [null, false]));
    expect(spend.some((r) => typeof r['notes'] === 'string')).toBe(true);
    expect(spend.some((r) => r['notes'] === null)).toBe(true);
  });

  it('maps account managers to the HubSpot owners, with a primary key from the stream settings', async () => {
    const source = open({}, { account_managers: { primary_key: 'organization_id', columns: { customer_since: 'date' } } });
    const stream = (await source.streams(new AbortController().signal)).find((s) => s.definition.name === 'account_managers')!;
    expect(stream.definition).toMatchObject({ primaryKey: ['organization_id'], write: 'replace', columns: { _row_number: 'bigint', customer_since: 'date' } });
    const rows = await readAll(stream);
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      expect(r['seats']).toBeGreaterThanOrEqual(40);
      expect(r['account_manager_email']).toMatch(/@basin-sandbox\.example$/);
      expect(r['customer_since']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const index = [...Array(sandbox.company.countAt(sandbox.clock.now())).keys()].find((i) => sandbox.company.organization(i).id === rows[0]!['organization_id'])!;
    expect(rows[0]!['domain']).toBe(sandbox.company.organization(index).domain);
    expect(rows[0]!['seats']).toBe(sandbox.company.billing(index).seats);
  });

  it('fails the read naming the key when the primary key is not a column', async () => {
    const source = open({}, { account_managers: { primary_key: 'org' } });
    const stream = (await source.streams(new AbortController().signal)).find((s) => s.definition.name === 'account_managers')!;
    const err = await readAll(stream).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(String((err as Error).message)).toContain('primary key column "org"');
  });

  it('rejects unknown stream settings naming the key', async () => {
    const err = await open({}, { revenue_targets: { colums: { month: 'date' } } })
      .streams(new AbortController().signal)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).key).toBe('streams.revenue_targets.colums');
    const type = await open({}, { revenue_targets: { columns: { month: 'day' } } })
      .streams(new AbortController().signal)
      .catch((e: unknown) => e);
    expect((type as ConfigError).key).toBe('streams.revenue_targets.columns.month');
  });

  it('reads formatted values when asked, and a header on another row', async () => {
    const t = await tables(
      open({
        value_render: 'FORMATTED_VALUE',
        spreadsheets: [{ name: 'prices', spreadsheet_id: SHEETS_REVENUE_TARGETS_ID, range: 'Assumptions!A1:C', header_row: 2 }],
      }),
    );
    expect(t.get('prices')).toEqual([
      { _row_number: 3, plus: 'Pro', _8_00: '$15.00', _15: '15' },
      { _row_number: 4, plus: 'Enterprise', _8_00: '$29.00', _15: '15' },
    ]);
  });
});

describe('google_sheets check', () => {
  const signal = new AbortController().signal;

  it('passes on the sandbox', async () => {
    const r = await open().check(signal);
    expect(r).toEqual({ ok: true, message: expect.stringContaining('"Revenue targets", "Marketing spend", "Account managers"') });
  });

  it('reports a spreadsheet not shared, a missing sheet, and bad credentials without the key', async () => {
    const unshared = await open({ spreadsheets: [{ name: 'board', spreadsheet_id: SHEETS_UNSHARED_ID, range: 'Sheet1' }] }).check(signal);
    expect(unshared.ok).toBe(false);
    expect(unshared.message).toContain('share the spreadsheet with the service account');
    const missing = await open({ spreadsheets: [{ name: 'x', spreadsheet_id: SHEETS_REVENUE_TARGETS_ID, range: 'Forecast!A:B' }] }).check(signal);
    expect(missing).toEqual({ ok: false, message: 'stream x: spreadsheet "Revenue targets" has no sheet "Forecast" (sheets: Revenue targets, Assumptions)' });
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const bad = await open({ credentials: { ...key(), private_key: other } }).check(signal);
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('invalid_grant');
    expect(bad.message).not.toContain('PRIVATE KEY');
  });
});
