/** The sales and support reps who own CRM records (`/crm/v3/owners`): a fixed team, assigned by seed. */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { DAY } from '../duration.js';
import { pick } from '../prng.js';

/** One HubSpot owner (a user of the HubSpot account). */
export interface Owner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  teams: { id: string; name: string; primary: boolean }[];
}

const TEAM = [
  ['Avery', 'Brooks', 'Sales'], ['Jordan', 'Reyes', 'Sales'], ['Morgan', 'Patel', 'Sales'], ['Riley', 'Novak', 'Sales'],
  ['Casey', 'Lindqvist', 'Support'], ['Drew', 'Okoro', 'Support'], ['Jamie', 'Moreau', 'Support'], ['Skyler', 'Hart', 'Sales'],
] as const;

/** The owners, oldest first. */
export function owners(company: SyntheticCompany): Owner[] {
  return TEAM.map(([firstName, lastName, team], n) => {
    const created = new Date(company.origin - 60 * DAY + n * DAY).toISOString();
    return {
      id: String(71_000_001 + n),
      email: `${firstName}.${lastName}@basin-sandbox.example`.toLowerCase(),
      firstName,
      lastName,
      userId: 9_100_001 + n,
      createdAt: created,
      updatedAt: created,
      archived: false,
      teams: [{ id: team === 'Sales' ? '4100001' : '4100002', name: team, primary: true }],
    };
  });
}

/** Owner id of organization `i`'s records: a sales rep for paying organizations, anyone otherwise. */
export function ownerOf(company: SyntheticCompany, i: number): string {
  const sales = [0, 1, 2, 3, 7];
  const n = company.isPaying(i) ? (sales[pick(sales.length, company.seed, 0x0a11, i)] ?? 0) : pick(TEAM.length, company.seed, 0x0a11, i);
  return String(71_000_001 + n);
}
