/** The CRM object streams: table name, object type, and the property the search API filters on. */
export interface HubSpotObjectSpec {
  name: string;
  /** Object type in `/crm/v3/objects/{type}` and `/crm/v3/properties/{type}`. */
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
