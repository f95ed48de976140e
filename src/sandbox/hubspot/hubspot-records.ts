/**
 * HubSpot CRM records as functions of (organization, slot, time): companies
 * (one per organization), the custom object `product_org` (one per
 * organization: the product-side workspace with plan, seats, users and
 * spaces), contacts (its users), deals (the subscription start
 * and the upgrade of paying organizations), tickets (its support requests).
 * A record's `lastmodifieddate` is the latest of its change events at or
 * before `now`; records of deleted organizations are archived.
 */
import {
  TRIAL_MS,
  cancelOffset,
  upgradeOffset,
} from '../company/billing-profile.js';
import { planOf } from '../company/catalog.js';
import {
  SUPPORT_MAX_OPEN_MS,
  SUPPORT_TOPICS,
  SUPPORT_WINDOW_MS,
  organizationDeletedAt,
  supportRequest,
  supportRequestCount,
} from '../company/crm-facts.js';
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { DAY } from '../duration.js';
import { crmId, type CrmType, type RecordRef } from './hubspot-ids.js';
import { ownerOf } from './hubspot-owners.js';

/** A record at some time; property values are strings or null, as HubSpot returns them. */
export interface CrmRecord {
  type: CrmType;
  ref: RecordRef;
  id: string;
  createdAt: number;
  updatedAt: number;
  /** Set when the record is archived at `now`. */
  archivedAt: number | undefined;
  properties: Record<string, string | null>;
}

/** How long before the upgrade an upgrade deal is opened. */
export const UPGRADE_DEAL_LEAD_MS = 5 * DAY;

/** Most upgrade periods a billing profile can have (see SyntheticCompany.makeBilling). */
const MAX_UPGRADE_PERIOD = 12;

const iso = (ms: number): string => new Date(ms).toISOString();

/** The property holding the creation time of `type` (custom objects: `hs_createdate`). */
export function createdProperty(type: CrmType): string {
  return type === 'product_org' ? 'hs_createdate' : 'createdate';
}

/** The property holding the last modification time of `type`. */
export function lastModifiedProperty(type: CrmType): string {
  return type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
}

/**
 * Intervals [min, max] of offsets from signup at which a record of `type` can
 * change, for the periods up to `maxPeriod`: a record modified in [a, b]
 * belongs to an organization signed up in [a - max, b - min] for some interval.
 */
export function changeOffsets(type: CrmType, maxPeriod: number): [number, number][] {
  const out: [number, number][] = [[0, 0], [TRIAL_MS, TRIAL_MS]];
  const upgrades = (lead: number) => {
    for (let j = 1; j <= MAX_UPGRADE_PERIOD; j++) out.push([upgradeOffset(j) - lead, upgradeOffset(j)]);
  };
  if (type === 'companies' || type === 'product_org') {
    upgrades(0);
    for (let j = 1; j <= maxPeriod; j++) out.push([cancelOffset(j), cancelOffset(j)]);
  } else if (type === 'contacts') {
    out.push([0, 20 * DAY]);
  } else if (type === 'deals') {
    upgrades(UPGRADE_DEAL_LEAD_MS);
  } else {
    out.push([0, SUPPORT_WINDOW_MS + SUPPORT_MAX_OPEN_MS]);
  }
  return out;
}

/** Number of slots organization `i` uses for `type` (some may not exist yet, or ever). */
export function slotCount(company: SyntheticCompany, type: CrmType, i: number): number {
  switch (type) {
    case 'companies':
    case 'product_org':
      return 1;
    case 'contacts':
      return company.organization(i).userCount;
    case 'deals':
      return company.isPaying(i) ? 2 : 0;
    case 'tickets':
      return supportRequestCount(company, i);
  }
}

function latest(events: number[], now: number): number {
  let best = -Infinity;
  for (const e of events) if (e <= now && e > best) best = e;
  return best;
}

/** The record of `type` at `ref` as it is at `now`; undefined when it does not exist (yet, or ever). */
export function crmRecord(company: SyntheticCompany, type: CrmType, ref: RecordRef, now: number): CrmRecord | undefined {
  const { org: i, slot } = ref;
  if (i < 0 || slot < 0 || slot >= slotCount(company, type, i)) return undefined;
  const org = company.organization(i);
  if (org.createdAt > now) return undefined;
  const deletedAt = organizationDeletedAt(company, i);
  const paying = org.paying;
  const b = paying ? company.billing(i) : undefined;
  const c = org.createdAt;
  const trialEnd = c + TRIAL_MS;
  const upgradeAt = b?.upgradePeriod !== undefined ? c + upgradeOffset(b.upgradePeriod) : undefined;
  const canceledAt = b ? c + cancelOffset(b.cancelPeriod) : undefined;
  const owner = ownerOf(company, i);
  let createdAt: number;
  let events: number[];
  let properties: Record<string, string | null>;

  // Companies and product orgs change at signup, trial end, upgrade and cancellation.
  const accountEvents = [c, ...(b ? [trialEnd, canceledAt ?? trialEnd] : []), ...(upgradeAt !== undefined ? [upgradeAt] : [])];
  const subscribed = b !== undefined && canceledAt !== undefined && now < canceledAt;
  const tier = b ? b.tier + (upgradeAt !== undefined && now >= upgradeAt ? 1 : 0) : 0;

  const lifecycle = (t: number): string => (!b ? 'lead' : t < trialEnd ? 'opportunity' : b.converts ? 'customer' : 'lead');

  switch (type) {
    case 'companies': {
      createdAt = c;
      events = accountEvents;
      properties = {
        name: org.name,
        domain: org.domain,
        website: `https://www.${org.domain}`,
        industry: org.industry.toUpperCase().replace(/[^A-Z]+/g, '_'),
        country: org.country,
        numberofemployees: String(org.userCount),
        lifecyclestage: lifecycle(now),
        hubspot_owner_id: owner,
        organization_id: org.id,
        plan: subscribed ? planOf(tier).key : null,
        seats: b ? String(b.seats) : null,
        subscription_status: !b ? null : !subscribed ? 'canceled' : now < trialEnd ? 'trialing' : 'active',
      };
      break;
    }
    case 'product_org': {
      createdAt = c;
      events = accountEvents;
      properties = {
        org_id: org.id,
        org_name: org.name,
        plan: subscribed ? planOf(tier).key : 'free',
        seats: b ? String(b.seats) : '0',
        users: String(org.userCount),
        spaces: String(org.spaceCount),
        trial_ends_at: b ? iso(trialEnd) : null,
        hubspot_owner_id: owner,
      };
      break;
    }
    case 'contacts': {
      const user = company.user(i, slot);
      createdAt = user.createdAt;
      events = [createdAt];
      if (b && trialEnd > createdAt) events.push(trialEnd);
      properties = {
        email: user.email,
        firstname: user.firstName,
        lastname: user.lastName,
        company: org.name,
        country: org.country,
        lifecyclestage: lifecycle(Math.max(now, createdAt)),
        hubspot_owner_id: owner,
        product_user_id: user.id,
        associatedcompanyid: crmId('companies', { org: i, slot: 0 }),
      };
      break;
    }
    case 'deals': {
      if (!b) return undefined;
      if (slot === 1 && upgradeAt === undefined) return undefined;
      const upgrade = slot === 1;
      const closeAt = upgrade ? (upgradeAt as number) : trialEnd;
      createdAt = upgrade ? closeAt - UPGRADE_DEAL_LEAD_MS : c;
      events = [createdAt, closeAt];
      const tier = upgrade ? b.tier + 1 : b.tier;
      const won = upgrade || b.converts;
      properties = {
        dealname: `${org.name} - ${upgrade ? `upgrade to ${planOf(tier).name}` : planOf(tier).name}`,
        amount: String((planOf(tier).unitAmount * b.seats) / 100),
        deal_currency_code: 'USD',
        dealtype: upgrade ? 'existingbusiness' : 'newbusiness',
        pipeline: 'default',
        dealstage: now < closeAt ? (upgrade ? 'contractsent' : 'presentationscheduled') : won ? 'closedwon' : 'closedlost',
        closedate: iso(closeAt),
        hubspot_owner_id: owner,
      };
      break;
    }
    case 'tickets': {
      const request = supportRequest(company, i, slot);
      createdAt = request.createdAt;
      if (deletedAt !== undefined && createdAt >= deletedAt) return undefined;
      events = [createdAt, request.closedAt];
      const closed = now >= request.closedAt;
      properties = {
        subject: SUPPORT_TOPICS[request.topic] ?? 'Question',
        content: `${SUPPORT_TOPICS[request.topic] ?? 'Question'} (${org.name})`,
        hs_pipeline: '0',
        hs_pipeline_stage: closed ? '4' : '1',
        hs_ticket_priority: request.priority,
        hs_ticket_category: request.topic === 1 || request.topic === 3 ? 'BILLING_ISSUE' : 'PRODUCT_ISSUE',
        closed_date: closed ? iso(request.closedAt) : null,
        hubspot_owner_id: owner,
      };
      break;
    }
  }
  if (createdAt > now) return undefined;
  const archived = deletedAt !== undefined && now >= deletedAt;
  const updatedAt = archived ? (deletedAt as number) : latest(events, now);
  const id = crmId(type, ref);
  return {
    type,
    ref,
    id,
    createdAt,
    updatedAt,
    archivedAt: archived ? deletedAt : undefined,
    properties: {
      ...properties,
      [createdProperty(type)]: iso(createdAt),
      [lastModifiedProperty(type)]: iso(updatedAt),
      hs_object_id: id,
    },
  };
}
