/**
 * Associations between records of one organization: its company links to its
 * contacts, deals and tickets; a subscription deal to the owner (user 0); a
 * ticket to the user who filed it (see ticketContactSlot). Only live (existing, unarchived) records.
 * The custom object `product_org` has no association definitions.
 */
import { supportRequest } from '../company/crm-facts.js';
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { crmId, type CrmType, type RecordRef } from './hubspot-ids.js';
import { crmRecord, slotCount } from './hubspot-records.js';

/** One association type as v4 reports it. */
export interface AssociationType {
  category: 'HUBSPOT_DEFINED';
  typeId: number;
  label: string | null;
}

const SINGULAR: Record<CrmType, string> = { contacts: 'contact', companies: 'company', deals: 'deal', tickets: 'ticket', product_org: 'product_org' };

/** HubSpot-defined type ids: [unlabeled, primary?]. */
const TYPE_IDS: Record<string, [number, number?]> = {
  contact_to_company: [279, 1], company_to_contact: [280],
  deal_to_company: [341, 5], company_to_deal: [342],
  ticket_to_company: [339, 26], company_to_ticket: [340],
  deal_to_contact: [3], contact_to_deal: [4],
  ticket_to_contact: [16], contact_to_ticket: [15],
};

/** The v3 association type name (`contact_to_company`). */
export function associationName(from: CrmType, to: CrmType): string {
  return `${SINGULAR[from]}_to_${SINGULAR[to]}`;
}

/** The v4 association types of a link from `from` to `to`. */
export function associationTypes(from: CrmType, to: CrmType): AssociationType[] {
  const ids = TYPE_IDS[associationName(from, to)];
  if (!ids) return [];
  const [plain, primary] = ids;
  const out: AssociationType[] = [];
  if (primary !== undefined) out.push({ category: 'HUBSPOT_DEFINED', typeId: primary, label: 'Primary' });
  out.push({ category: 'HUBSPOT_DEFINED', typeId: plain, label: null });
  return out;
}

/**
 * The contact (user slot) a ticket is associated with: the user who filed the
 * support request, or the organization's owner (user 0, there since signup)
 * when the filer joins only after the request. A ticket's associations are
 * thus all there when the ticket is created, as when an agent logs it.
 */
export function ticketContactSlot(company: SyntheticCompany, i: number, ticket: number): number {
  const request = supportRequest(company, i, ticket);
  return company.userCreatedAt(i, request.user) > request.createdAt ? 0 : request.user;
}

/** Ids of the `to` records associated with record `ref` of `from` at `now` (ascending). */
export function associatedIds(company: SyntheticCompany, from: CrmType, ref: RecordRef, to: CrmType, now: number): string[] {
  const i = ref.org;
  const candidates: RecordRef[] = [];
  const all = (): void => {
    for (let s = 0; s < slotCount(company, to, i); s++) candidates.push({ org: i, slot: s });
  };
  if (from === to || from === 'product_org' || to === 'product_org') return [];
  if (from === 'companies' || to === 'companies') all();
  else if (from === 'contacts' && to === 'deals') {
    if (ref.slot === 0) all();
  } else if (from === 'deals' && to === 'contacts') candidates.push({ org: i, slot: 0 });
  else if (from === 'contacts' && to === 'tickets') {
    for (let s = 0; s < slotCount(company, 'tickets', i); s++) if (ticketContactSlot(company, i, s) === ref.slot) candidates.push({ org: i, slot: s });
  } else if (from === 'tickets' && to === 'contacts') candidates.push({ org: i, slot: ticketContactSlot(company, i, ref.slot) });
  return candidates
    .filter((c) => {
      const record = crmRecord(company, to, c, now);
      return record !== undefined && record.archivedAt === undefined;
    })
    .map((c) => crmId(to, c));
}
