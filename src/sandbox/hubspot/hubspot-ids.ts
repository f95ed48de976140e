/**
 * HubSpot record ids: numeric strings, as HubSpot's. Each object type owns a
 * numeric range and a record is `base + organization * slots + slot`, so an
 * id decodes to (organization, slot) by arithmetic, ids increase in signup
 * order (the order lists page in), and a list cursor is simply an id.
 */

/** The CRM object types the fake serves: four standard ones and the portal's custom object `product_org`. */
export type CrmType = 'contacts' | 'companies' | 'deals' | 'tickets' | 'product_org';

export const CRM_TYPES: readonly CrmType[] = ['contacts', 'companies', 'deals', 'tickets', 'product_org'];

/** The sandbox portal's id (custom objects' fully qualified names are `p{portalId}_{name}`). */
export const PORTAL_ID = 48151623;
/** The custom object's type id (`2-…`, as HubSpot assigns to custom objects). */
export const PRODUCT_ORG_TYPE_ID = '2-4815162';

/** Id layout of each type: first id and slots per organization. */
export const ID_LAYOUT: Readonly<Record<CrmType, { base: number; slots: number }>> = {
  contacts: { base: 1_000_000_000, slots: 64 },
  tickets: { base: 3_000_000_000, slots: 8 },
  companies: { base: 5_000_000_000, slots: 1 },
  deals: { base: 8_000_000_000, slots: 2 },
  product_org: { base: 12_000_000_000, slots: 1 },
};

/** HubSpot's object type ids and singular names, accepted wherever a type is. */
const ALIASES: Readonly<Record<string, CrmType>> = {
  contacts: 'contacts', contact: 'contacts', '0-1': 'contacts',
  companies: 'companies', company: 'companies', '0-2': 'companies',
  deals: 'deals', deal: 'deals', '0-3': 'deals',
  tickets: 'tickets', ticket: 'tickets', '0-5': 'tickets',
  [PRODUCT_ORG_TYPE_ID]: 'product_org', [`p${PORTAL_ID}_product_org`]: 'product_org', p_product_org: 'product_org',
};

/** The CRM type named by `name` (plural, singular, `0-n`; a custom object by type id or (short) fully qualified name), or undefined. */
export function crmTypeOf(name: string): CrmType | undefined {
  return ALIASES[name.toLowerCase()];
}

/** A record's place: organization index and slot within it. */
export interface RecordRef {
  org: number;
  slot: number;
}

/** The id of a record. */
export function crmId(type: CrmType, ref: RecordRef): string {
  const { base, slots } = ID_LAYOUT[type];
  return String(base + ref.org * slots + ref.slot);
}

/** Decodes an id of `type`; undefined when it is not one. */
export function decodeCrmId(type: CrmType, id: string): RecordRef | undefined {
  if (!/^\d{1,16}$/.test(id)) return undefined;
  const { base, slots } = ID_LAYOUT[type];
  const n = Number(id) - base;
  if (n < 0 || n >= 0x100000000 * slots) return undefined;
  return { org: Math.floor(n / slots), slot: n % slots };
}
