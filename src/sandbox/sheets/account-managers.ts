/**
 * The "Account managers" sheet sales keeps by hand: the largest customers
 * (paying organizations with at least LARGE_ACCOUNT_SEATS seats, from the
 * company's billing) and the sales rep who manages each, the same person as
 * the HubSpot owner of the organization's CRM records. A row is appended
 * when the customer's trial converts; its plan changes when it upgrades;
 * nobody removes the row when the customer churns (a hand-kept sheet).
 */
import { TRIAL_MS, upgradeOffset } from '../company/billing-profile.js';
import { planOf } from '../company/catalog.js';
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { ownerOf, owners } from '../hubspot/hubspot-owners.js';
import { dateCell, type CellRow } from './sheet-cells.js';
import type { SandboxSheet } from './spreadsheet-model.js';

/** Seats from which a customer gets an account manager. */
export const LARGE_ACCOUNT_SEATS = 40;

/** Whether organization `i` is on the sheet at `now`. */
export function isManagedAccount(company: SyntheticCompany, i: number, now: number): boolean {
  if (!company.isPaying(i)) return false;
  const billing = company.billing(i);
  return billing.converts && billing.seats >= LARGE_ACCOUNT_SEATS && company.createdAt(i) + TRIAL_MS <= now;
}

/** The "Account managers" sheet. */
export function accountManagersSheet(company: SyntheticCompany): SandboxSheet {
  return {
    sheetId: 0,
    title: 'Account managers',
    columnCount: 26,
    frozenRowCount: 1,
    rows(now) {
      const team = new Map(owners(company).map((o) => [o.id, o]));
      const out: CellRow[] = [
        ['Organization ID', 'Domain', 'Organization', 'Plan', 'Seats', 'Account manager', 'Account manager email', 'Customer since'].map(
          (value) => ({ value }),
        ),
      ];
      // Customers convert TRIAL_MS after signup, in signup order: only organizations signed up by then qualify.
      const n = company.countAt(now - TRIAL_MS);
      for (let i = 0; i < n; i++) {
        if (!isManagedAccount(company, i, now)) continue;
        const org = company.organization(i);
        const billing = company.billing(i);
        const upgraded = billing.upgradePeriod !== undefined && org.createdAt + upgradeOffset(billing.upgradePeriod) <= now;
        const owner = team.get(ownerOf(company, i));
        out.push([
          { value: org.id },
          { value: org.domain },
          { value: org.name },
          { value: planOf(billing.tier + (upgraded ? 1 : 0)).name },
          { value: billing.seats },
          { value: owner ? `${owner.firstName} ${owner.lastName}` : '' },
          { value: owner?.email ?? '' },
          dateCell(org.createdAt + TRIAL_MS, 'date_us'),
        ]);
      }
      return out;
    },
  };
}
