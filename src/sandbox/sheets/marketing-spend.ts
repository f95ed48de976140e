/**
 * The "Marketing spend" sheet marketing keeps by hand: one row per month and
 * channel, from the month the company's history starts to the month of
 * sandbox time, with a blank row after each December. Budget and spend are
 * currency cells, "Budget used" a percent formula, "Leads" a number only
 * for channels that track leads, "Invoice paid" a checkbox (boolean), and
 * "Notes" filled on some rows only (so rows end early: ragged). The current
 * month is open: no spend yet, unpaid; it fills in when the month closes.
 * Events run in some months only (no spend otherwise).
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { choose, unit } from '../prng.js';
import { dateCell, type Cell, type CellRow } from './sheet-cells.js';
import { monthStart, monthsBetween } from './sheet-months.js';
import type { SandboxSheet } from './spreadsheet-model.js';

/** The channels, with a monthly base budget (dollars) and cost per lead (undefined: leads not tracked). */
export const CHANNELS = [
  { name: 'Google Ads', budget: 6000, costPerLead: 45 },
  { name: 'LinkedIn Ads', budget: 4000, costPerLead: 80 },
  { name: 'Content', budget: 2500, costPerLead: 30 },
  { name: 'Events', budget: 5000, costPerLead: undefined },
  { name: 'Sponsorships', budget: 3000, costPerLead: undefined },
] as const;

const NOTES = ['Campaign paused mid-month', 'New creatives', 'Agency fee included', 'Price test', 'Retargeting only'] as const;
const CONFERENCES = ['SaaStr', 'Web Summit', 'Collision', 'dbt Coalesce', 'Data Council'] as const;
const SALT = { spend: 0x3a01, event: 0x3a02, note: 0x3a03, noteText: 0x3a04, late: 0x3a05, conference: 0x3a06 } as const;
const EVENTS = 3;

function money(value: number): Cell {
  return { value, format: 'currency' };
}

/** Whether month `m` (0 = the sheet's first) has an event. */
export function hasEvent(company: SyntheticCompany, m: number): boolean {
  return unit(company.seed, SALT.event, m) < 0.6;
}

/** The budget (dollars) of channel `c` in month `m`. */
export function channelBudget(c: number, m: number): number {
  return Math.round(((CHANNELS[c]?.budget ?? 0) * (1 + 0.03 * m)) / 100) * 100;
}

/** The spend (dollars, cents rounded) of channel `c` in closed month `m`, or undefined when nothing was spent. */
export function channelSpend(company: SyntheticCompany, c: number, m: number): number | undefined {
  if (c === EVENTS && !hasEvent(company, m)) return undefined;
  return Math.round(channelBudget(c, m) * (0.8 + 0.35 * unit(company.seed, SALT.spend, c, m)) * 100) / 100;
}

function row(company: SyntheticCompany, month: number, m: number, c: number, open: boolean, sheetRow: number): CellRow {
  const channel = CHANNELS[c];
  const budget = channelBudget(c, m);
  const spend = open ? undefined : channelSpend(company, c, m);
  const leads = spend !== undefined && channel?.costPerLead !== undefined ? Math.round(spend / channel.costPerLead) : undefined;
  const paid = spend !== undefined && unit(company.seed, SALT.late, c, m) >= 0.05;
  let note: string | undefined;
  if (c === EVENTS && spend !== undefined) note = `Booth at ${choose(CONFERENCES, company.seed, SALT.conference, m)}`;
  else if (unit(company.seed, SALT.note, c, m) < 0.12) note = choose(NOTES, company.seed, SALT.noteText, c, m);
  const cells: Array<Cell | undefined> = [
    dateCell(month, 'date_month'),
    { value: channel?.name ?? '' },
    money(budget),
    spend === undefined ? undefined : money(spend),
    spend === undefined ? undefined : { value: spend / budget, format: 'percent', formula: `=D${sheetRow}/C${sheetRow}` },
    leads === undefined ? undefined : { value: leads, format: 'integer' },
    { value: paid },
  ];
  if (note !== undefined) cells.push({ value: note });
  return cells;
}

/** The "Marketing spend" sheet. */
export function marketingSpendSheet(company: SyntheticCompany): SandboxSheet {
  return {
    sheetId: 0,
    title: 'Marketing spend',
    columnCount: 26,
    frozenRowCount: 1,
    rows(now) {
      const first = monthStart(company.origin);
      const months = monthsBetween(first, now) + 1;
      const out: CellRow[] = [
        ['Month', 'Channel', 'Budget', 'Spend', 'Budget used', 'Leads', 'Invoice paid', 'Notes'].map((value) => ({ value })),
      ];
      for (let m = 0; m < months; m++) {
        const month = monthStart(first, m);
        for (let c = 0; c < CHANNELS.length; c++) out.push(row(company, month, m, c, m === months - 1, out.length + 1));
        if (new Date(month).getUTCMonth() === 11 && m < months - 1) out.push([]);
      }
      return out;
    },
  };
}
