/** The CRM object streams: table name, object type, and the property the search API filters on. */
export interface HubSpotObjectSpec {
  name: string;
  /** Object type in `/crm/v3/objects/{type}` and `/crm/v3/properties/{type}` (a custom object: its `2-…` type id). */
  objectType: string;
  /** Last-modified property (contacts: `lastmodifieddate`; others: `hs_lastmodifieddate`). */
  modifiedProperty: string;
}

export const HUBSPOT_OBJECT_STREAMS: readonly HubSpotObjectSpec[] = [
  { name: 'companies', objectType: 'companies', modifiedProperty: 'hs_lastmodifieddate' },
  { name: 'contacts', objectType: 'contacts', modifiedProperty: 'lastmodifieddate' },
  { name: 'deals', objectType: 'deals', modifiedProperty: 'hs_lastmodifieddate' },
  { name: 'tickets', objectType: 'tickets', modifiedProperty: 'hs_lastmodifieddate' },
];

/** An association stream: the links from each `from` object to `to` objects (`<from>_to_<to>`). */
export interface HubSpotAssociationSpec {
  name: string;
  from: HubSpotObjectSpec;
  /** Object type the links point to. */
  to: string;
}

const objectSpec = (name: string): HubSpotObjectSpec => HUBSPOT_OBJECT_STREAMS.find((s) => s.name === name) as HubSpotObjectSpec;

/** Links read from the side that changes when they do (a contact's company, a deal's or ticket's company and contacts). */
export const HUBSPOT_ASSOCIATION_STREAMS: readonly HubSpotAssociationSpec[] = [
  ['contacts', 'companies'],
  ['deals', 'companies'],
  ['deals', 'contacts'],
  ['tickets', 'companies'],
  ['tickets', 'contacts'],
].map(([from = '', to = '']) => ({ name: `${from}_to_${to}`, from: objectSpec(from), to }));
