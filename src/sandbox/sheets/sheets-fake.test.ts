import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRIAL_MS } from '../company/billing-profile.js';
import { ownerOf, owners } from '../hubspot/hubspot-owners.js';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { loadDiscoveryValidator, type DiscoveryValidator } from '../test-support/discovery-validator.js';
import { sheetsGet } from '../test-support/sheets-get.js';
import { LARGE_ACCOUNT_SEATS } from './account-managers.js';
import { createSheetsFake } from './sheets-fake.js';
import { SHEETS_ACCOUNT_MANAGERS_ID, SHEETS_MARKETING_SPEND_ID, SHEETS_REVENUE_TARGETS_ID, SHEETS_UNSHARED_ID } from './sheets-catalog.js';

let sandbox: Sandbox;
let base: string;
let schema: DiscoveryValidator;
const REV = `/v4/spreadsheets/${SHEETS_REVENUE_TARGETS_ID}`;
const MS = `/v4/spreadsheets/${SHEETS_MARKETING_SPEND_ID}`;
const AM = `/v4/spreadsheets/${SHEETS_ACCOUNT_MANAGERS_ID}`;
const enc = encodeURIComponent;

beforeAll(async () => {
  // Clock start 2025-01-01: the history starts in January 2023 (730 days earlier).
  sandbox = await startSandbox({ seed: 1, scale: 0.5, vendors: [(c) => createSheetsFake(c, { readsPerMinute: 10_000 })] });
  base = sandbox.baseUrl('sheets');
  schema = loadDiscoveryValidator('sheets.v4');
});
afterAll(async () => {
  await sandbox.close();
});

describe('sheets fake: spreadsheets.get', () => {
  it('answers the spreadsheet and its sheets, valid against the discovery document', async () => {
    const r = await sheetsGet(base, REV);
    expect(r.status).toBe(200);
    expect(schema.errors('Spreadsheet', r.body)).toEqual([]);
    expect(r.body.properties.title).toBe('Revenue targets');
    expect(r.body.sheets.map((s: { properties: unknown }) => s.properties)).toEqual([
      { sheetId: 0, title: 'Revenue targets', index: 0, sheetType: 'GRID', gridProperties: { rowCount: 1000, columnCount: 26, frozenRowCount: 1 } },
      { sheetId: 1843022617, title: 'Assumptions', index: 1, sheetType: 'GRID', gridProperties: { rowCount: 1000, columnCount: 26, frozenRowCount: 1 } },
    ]);
  });

  it('narrows the answer to `fields`', async () => {
    const r = await sheetsGet(base, `${REV}?fields=${enc('properties.title,sheets(properties(sheetId,title))')}`);
    expect(r.body).toEqual({
      properties: { title: 'Revenue targets' },
      sheets: [{ properties: { sheetId: 0, title: 'Revenue targets' } }, { properties: { sheetId: 1843022617, title: 'Assumptions' } }],
    });
    expect((await sheetsGet(base, `${REV}?fields=sheets.properties.title`)).body).toEqual({
      sheets: [{ properties: { title: 'Revenue targets' } }, { properties: { title: 'Assumptions' } }],
    });
  });

  it('adds grid data for the requested ranges only', async () => {
    const r = await sheetsGet(base, `${REV}?includeGridData=true&ranges=${enc('Assumptions!A2:B3')}`);
    expect(r.status).toBe(200);
    expect(schema.errors('Spreadsheet', r.body)).toEqual([]);
    expect(r.body.sheets).toHaveLength(1);
    expect(r.body.sheets[0].properties.title).toBe('Assumptions');
    const currency = { numberFormat: { type: 'CURRENCY', pattern: '"$"#,##0.00' } };
    const text = (v: string) => ({ userEnteredValue: { stringValue: v }, effectiveValue: { stringValue: v }, formattedValue: v });
    const price = (n: number) => ({
      userEnteredValue: { numberValue: n },
      effectiveValue: { numberValue: n },
      formattedValue: `$${n}.00`,
      userEnteredFormat: currency,
      effectiveFormat: currency,
    });
    expect(r.body.sheets[0].data).toEqual([{ startRow: 1, rowData: [{ values: [text('Plus'), price(8)] }, { values: [text('Pro'), price(15)] }] }]);
    const fields = enc('sheets.data.rowData.values(userEnteredValue,formattedValue)');
    const formula = await sheetsGet(base, `${REV}?includeGridData=true&ranges=${enc("'Revenue targets'!E2")}&fields=${fields}`);
    expect(formula.body.sheets[0].data[0].rowData[0].values[0].userEnteredValue).toEqual({ formulaValue: '=SUM(B2:D2)' });
    const metadataOnly = await sheetsGet(base, `${REV}?ranges=Assumptions`);
    expect(metadataOnly.body.sheets).toEqual([{ properties: expect.objectContaining({ title: 'Assumptions' }) }]);
  });

  it('answers 404 for an unknown id, 403 for a spreadsheet not shared, 401 without a token', async () => {
    const missing = await sheetsGet(base, '/v4/spreadsheets/1doesnotexist');
    expect(missing).toEqual({ status: 404, body: { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } } });
    const unshared = await sheetsGet(base, `/v4/spreadsheets/${SHEETS_UNSHARED_ID}/values/A1:B2`);
    expect(unshared).toEqual({ status: 403, body: { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } } });
    const anonymous = await sheetsGet(base, REV, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.status).toBe('UNAUTHENTICATED');
  });
});

describe('sheets fake: values', () => {
  it('renders formatted values by default: currency, dates, ragged rows, the range bounded to the grid', async () => {
    const r = await sheetsGet(base, `${REV}/values/${enc("'Revenue targets'!A1:F")}`);
    expect(r.status).toBe(200);
    expect(schema.errors('ValueRange', r.body)).toEqual([]);
    expect(r.body.range).toBe("'Revenue targets'!A1:F1000");
    expect(r.body.majorDimension).toBe('ROWS');
    const rows = r.body.values as string[][];
    // Header, Jan 2023 .. Jan 2025 (25 months) and two months ahead.
    expect(rows).toHaveLength(1 + 25 + 2);
    expect(rows[0]).toEqual(['Month', 'Plus MRR target', 'Pro MRR target', 'Enterprise MRR target', 'Total MRR target', 'Comment']);
    expect(rows[1]?.[0]).toBe('2023-01-01');
    expect(rows[27]?.[0]).toBe('2025-03-01');
    expect(rows[13]).toEqual(expect.arrayContaining(['2024-01-01', 'New fiscal year: targets revised']));
    for (const row of rows.slice(1)) {
      expect(row[1]).toMatch(/^\$[0-9,]+\.00$/);
      expect(row.length === 5 || row.length === 6).toBe(true);
    }
    expect(rows.some((row) => row.length === 5)).toBe(true);
  });

  it('renders unformatted numbers, serial dates, formatted date strings and formulas', async () => {
    const range = enc("'Revenue targets'!A2:E2");
    const plain = await sheetsGet(base, `${REV}/values/${range}?valueRenderOption=UNFORMATTED_VALUE`);
    const [month, plus, pro, ent, total] = plain.body.values[0];
    expect(month).toBe(44927); // 2023-01-01 as a serial number
    expect(typeof plus).toBe('number');
    expect(total).toBe(plus + pro + ent);
    const dated = await sheetsGet(base, `${REV}/values/${range}?valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=FORMATTED_STRING`);
    expect(dated.body.values[0][0]).toBe('2023-01-01');
    expect(dated.body.values[0][1]).toBe(plus);
    const formulas = await sheetsGet(base, `${REV}/values/${range}?valueRenderOption=FORMULA`);
    expect(formulas.body.values[0][4]).toBe('=SUM(B2:D2)');
    expect(formulas.body.values[0][0]).toBe(44927);
  });

  it('reads single cells, whole sheets, open-ended ranges and ranges without a sheet name', async () => {
    const cell = await sheetsGet(base, `${REV}/values/${enc('Assumptions!B2')}`);
    expect(cell.body).toEqual({ range: 'Assumptions!B2', majorDimension: 'ROWS', values: [['$8.00']] });
    const whole = await sheetsGet(base, `${REV}/values/Assumptions?valueRenderOption=UNFORMATTED_VALUE`);
    expect(whole.body.range).toBe('Assumptions!A1:Z1000');
    expect(whole.body.values).toEqual([
      ['Plan', 'Price per seat', 'Average seats', 'Share of customers', 'Trial conversion'],
      ['Plus', 8, 15, 0.55, 0.78],
      ['Pro', 15, 15, 0.33, 0.78],
      ['Enterprise', 29, 15, 0.12, 0.78],
    ]);
    const columns = await sheetsGet(base, `${REV}/values/${enc('Assumptions!A:B')}`);
    expect(columns.body.range).toBe('Assumptions!A1:B1000');
    const open = await sheetsGet(base, `${REV}/values/${enc('Assumptions!B3:C')}`);
    expect(open.body).toEqual({ range: 'Assumptions!B3:C1000', majorDimension: 'ROWS', values: [['$15.00', '15'], ['$29.00', '15']] });
    const firstSheet = await sheetsGet(base, `${REV}/values/${enc('A1:B1')}`);
    expect(firstSheet.body).toEqual({ range: "'Revenue targets'!A1:B1", majorDimension: 'ROWS', values: [['Month', 'Plus MRR target']] });
  });

  it('answers COLUMNS major dimension, with trailing empties left out per column', async () => {
    const r = await sheetsGet(base, `${MS}/values/${enc("'Marketing spend'!D1:F6")}?majorDimension=COLUMNS`);
    expect(schema.errors('ValueRange', r.body)).toEqual([]);
    expect(r.body.majorDimension).toBe('COLUMNS');
    expect(r.body.values).toHaveLength(3);
    expect(r.body.values[0][0]).toBe('Spend');
    expect(r.body.values[2][0]).toBe('Leads');
    // Events and Sponsorships do not track leads: the Leads column ends after Content (row 4).
    expect(r.body.values[2]).toHaveLength(4);
  });

  it('keeps interior blank cells and empty rows, leaves out trailing ones', async () => {
    const r = await sheetsGet(base, `${MS}/values/${enc("'Marketing spend'!A1:H2000")}`);
    expect(r.body.range).toBe("'Marketing spend'!A1:H1000");
    const rows = r.body.values as string[][];
    // 25 months x 5 channels, a blank row after December 2023 and December 2024, the header.
    expect(rows).toHaveLength(1 + 125 + 2);
    expect(rows[61]).toEqual([]);
    const events = rows[4]!;
    expect(events.slice(0, 2)).toEqual(['Jan 2023', 'Events']);
    // January 2025 is the open month: budget only, not paid yet.
    expect(rows[rows.length - 1]).toEqual(['Jan 2025', 'Sponsorships', '$5,200.00', '', '', '', 'FALSE']);
    const booleans = await sheetsGet(base, `${MS}/values/${enc("'Marketing spend'!G2:G3")}?valueRenderOption=UNFORMATTED_VALUE`);
    expect(booleans.body.values).toEqual([[true], [true]]);
    const percent = await sheetsGet(base, `${MS}/values/${enc("'Marketing spend'!C2:E2")}?valueRenderOption=UNFORMATTED_VALUE`);
    const [budget, spend, used] = percent.body.values[0];
    expect(used).toBeCloseTo(spend / budget, 12);
  });

  it('batchGet answers every range in order', async () => {
    const q = ['Assumptions!A1:B2', "'Revenue targets'!A1:A2"].map((r) => `ranges=${enc(r)}`).join('&');
    const r = await sheetsGet(base, `${REV}/values:batchGet?${q}&valueRenderOption=UNFORMATTED_VALUE`);
    expect(r.status).toBe(200);
    expect(schema.errors('BatchGetValuesResponse', r.body)).toEqual([]);
    expect(r.body).toEqual({
      spreadsheetId: SHEETS_REVENUE_TARGETS_ID,
      valueRanges: [
        { range: 'Assumptions!A1:B2', majorDimension: 'ROWS', values: [['Plan', 'Price per seat'], ['Plus', 8]] },
        { range: "'Revenue targets'!A1:A2", majorDimension: 'ROWS', values: [['Month'], [44927]] },
      ],
    });
  });

  it('rejects ranges it cannot parse and bad enum values as Google does', async () => {
    const r = await sheetsGet(base, `${REV}/values/${enc('Nope!A1:B2')}`);
    expect(r).toEqual({ status: 400, body: { error: { code: 400, message: 'Unable to parse range: Nope!A1:B2', status: 'INVALID_ARGUMENT' } } });
    const batch = await sheetsGet(base, `${REV}/values:batchGet?ranges=Assumptions&ranges=${enc('A1:B:C')}`);
    expect(batch.body.error.message).toBe('Unable to parse range: A1:B:C');
    const dim = await sheetsGet(base, `${REV}/values/Assumptions?majorDimension=DIAGONAL`);
    expect(dim.status).toBe(400);
    expect(dim.body.error.message).toContain("Invalid value at 'major_dimension'");
  });
});

describe('sheets fake: the synthetic company', () => {
  it('lists the largest customers with their HubSpot owner as account manager', async () => {
    const r = await sheetsGet(base, `${AM}/values/${enc("'Account managers'")}?valueRenderOption=UNFORMATTED_VALUE`);
    const rows = (r.body.values as unknown[][]).slice(1);
    const company = sandbox.company;
    const now = sandbox.clock.now();
    const expected: unknown[][] = [];
    const team = owners(company);
    for (let i = 0; i < company.countAt(now); i++) {
      if (!company.isPaying(i)) continue;
      const b = company.billing(i);
      if (!b.converts || b.seats < LARGE_ACCOUNT_SEATS || company.createdAt(i) + TRIAL_MS > now) continue;
      const owner = team.find((o) => o.id === ownerOf(company, i))!;
      expected.push([company.organization(i).id, company.organization(i).domain, b.seats, owner.email]);
    }
    expect(expected.length).toBeGreaterThan(5);
    expect(rows.map((row) => [row[0], row[1], row[4], row[6]])).toEqual(expected);
  });

  it('grows and closes months as the clock advances', async () => {
    const before = await sheetsGet(base, `${MS}/values/${enc("'Marketing spend'!A:H")}`);
    const targets = await sheetsGet(base, `${REV}/values/${enc("'Revenue targets'!A:A")}`);
    sandbox.advance({ days: 31 });
    const after = await sheetsGet(base, `${MS}/values/${enc("'Marketing spend'!A:H")}`);
    expect(after.body.values).toHaveLength(before.body.values.length + 5);
    const closed = after.body.values[after.body.values.length - 6];
    expect(closed.slice(0, 2)).toEqual(['Jan 2025', 'Sponsorships']);
    expect(closed[3]).toMatch(/^\$/);
    expect(after.body.values[after.body.values.length - 1][0]).toBe('Feb 2025');
    const moreTargets = await sheetsGet(base, `${REV}/values/${enc("'Revenue targets'!A:A")}`);
    expect(moreTargets.body.values).toHaveLength(targets.body.values.length + 1);
  });
});

describe('sheets fake: faults', () => {
  it('a malformed answer shows one number as a spreadsheet error value', async () => {
    sandbox.faults.set({ sheets: { malformed: 1 } });
    try {
      const r = await sheetsGet(base, `${REV}/values/Assumptions?valueRenderOption=UNFORMATTED_VALUE`);
      expect(r.body.values.flat().filter((v: unknown) => v === '#REF!')).toHaveLength(1);
    } finally {
      sandbox.faults.reset();
    }
  });

  it('renders injected 429s in Google format', async () => {
    sandbox.faults.set({ sheets: { rateLimit: 1, retryAfterSeconds: 3 } });
    try {
      const r = await sheetsGet(base, REV);
      expect(r.status).toBe(429);
      expect(r.body.error.status).toBe('RESOURCE_EXHAUSTED');
    } finally {
      sandbox.faults.reset();
    }
  });
});

describe('sheets fake: quota', () => {
  it('answers 429 RESOURCE_EXHAUSTED past the per-user read quota', async () => {
    const small = await startSandbox({ scale: 0.1, vendors: [(c) => createSheetsFake(c, { readsPerMinute: 2, wallClock: () => 0 })] });
    try {
      const url = small.baseUrl('sheets');
      expect((await sheetsGet(url, REV)).status).toBe(200);
      expect((await sheetsGet(url, REV)).status).toBe(200);
      const third = await sheetsGet(url, REV);
      expect(third.status).toBe(429);
      expect(third.body.error.status).toBe('RESOURCE_EXHAUSTED');
    } finally {
      await small.close();
    }
  });
});
