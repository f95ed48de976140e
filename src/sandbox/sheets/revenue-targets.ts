/**
 * The "Revenue targets" spreadsheet the finance team keeps by hand: one row
 * per month (dates as date cells) with a monthly MRR target per plan
 * (currency-formatted numbers), a total (a `SUM` formula) and an occasional
 * comment, from the month the company's history starts to two months past
 * sandbox time (targets are set ahead), so a row appears every month as the
 * clock advances. A second sheet, "Assumptions", holds the plan prices the
 * targets are built from. Targets follow the company's expected signups
 * (`countAt`), so they track the synthetic company's real growth.
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { PAYING_SHARE } from '../company/synthetic-company.js';
import { PLANS } from '../company/catalog.js';
import { choose, unit } from '../prng.js';
import { dateCell, type Cell, type CellRow } from './sheet-cells.js';
import { monthStart, monthsBetween } from './sheet-months.js';
import type { SandboxSheet } from './spreadsheet-model.js';

/** Share of customers on each plan, cheapest first. */
export const PLAN_MIX = [0.55, 0.33, 0.12] as const;
/** Average seats per paying customer. */
export const AVERAGE_SEATS = 15;
/** Share of trials that convert. */
export const TRIAL_CONVERSION = 0.78;
/** Share of converted customers still subscribed, on average. */
const RETAINED = 0.7;
/** Targets are set this much above the expected MRR. */
const STRETCH = 1.1;
/** Months past sandbox time that already have a target. */
export const MONTHS_AHEAD = 2;

const COMMENTS = ['Price increase announced', 'Launch campaign', 'Two new account executives', 'Conference season', 'Partner program starts'] as const;
const SALT_COMMENT = 0x5e01;

function currency(n: number, formula?: string): Cell {
  return { value: n, format: 'currency', formula };
}

/** The MRR target (dollars) of plan `tier` for the month starting at `month` (epoch ms): the expected MRR at the month's end, stretched. */
export function mrrTarget(company: SyntheticCompany, tier: number, month: number): number {
  const customers = company.countAt(monthStart(month, 1) - 1) * PAYING_SHARE * TRIAL_CONVERSION * RETAINED * (PLAN_MIX[tier] ?? 0);
  const price = (PLANS[tier]?.unitAmount ?? 0) / 100;
  return Math.round((customers * AVERAGE_SEATS * price * STRETCH) / 100) * 100;
}

/** The "Revenue targets" sheet. */
export function revenueTargetsSheet(company: SyntheticCompany): SandboxSheet {
  return {
    sheetId: 0,
    title: 'Revenue targets',
    columnCount: 26,
    frozenRowCount: 1,
    rows(now) {
      const first = monthStart(company.origin);
      const months = monthsBetween(first, now) + 1 + MONTHS_AHEAD;
      const out: CellRow[] = [
        ['Month', 'Plus MRR target', 'Pro MRR target', 'Enterprise MRR target', 'Total MRR target', 'Comment'].map((value) => ({ value })),
      ];
      for (let m = 0; m < months; m++) {
        const month = monthStart(first, m);
        const sheetRow = out.length + 1;
        const targets = PLANS.map((_, tier) => mrrTarget(company, tier, month));
        const total = targets.reduce((a, b) => a + b, 0);
        const row: Array<Cell | undefined> = [
          dateCell(month, 'date_iso'),
          ...targets.map((t) => currency(t)),
          currency(total, `=SUM(B${sheetRow}:D${sheetRow})`),
        ];
        const isJanuary = new Date(month).getUTCMonth() === 0;
        if (isJanuary) row.push({ value: 'New fiscal year: targets revised' });
        else if (unit(company.seed, SALT_COMMENT, m) < 0.15) row.push({ value: choose(COMMENTS, company.seed, SALT_COMMENT + 1, m) });
        out.push(row);
      }
      return out;
    },
  };
}

/** The "Assumptions" sheet: the plan prices and mix behind the targets. */
export function assumptionsSheet(): SandboxSheet {
  return {
    sheetId: 1_843_022_617,
    title: 'Assumptions',
    columnCount: 26,
    frozenRowCount: 1,
    rows() {
      const header: CellRow = ['Plan', 'Price per seat', 'Average seats', 'Share of customers', 'Trial conversion'].map((value) => ({ value }));
      return [
        header,
        ...PLANS.map((plan, tier): CellRow => [
          { value: plan.name },
          currency(plan.unitAmount / 100),
          { value: AVERAGE_SEATS },
          { value: PLAN_MIX[tier] ?? 0, format: 'percent' },
          { value: TRIAL_CONVERSION, format: 'percent' },
        ]),
      ];
    },
  };
}
