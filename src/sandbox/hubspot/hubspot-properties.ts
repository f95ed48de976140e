/**
 * Property definitions (`GET /crm/v3/properties/{objectType}`) and the default
 * property sets lists return when no `properties` are asked for.
 */
import type { CrmType } from './hubspot-ids.js';
import { createdProperty, lastModifiedProperty } from './hubspot-records.js';

/** A property's kind: HubSpot's `type` and `fieldType`. */
type Kind = 'string' | 'text' | 'number' | 'datetime' | 'date' | 'enumeration' | 'id' | 'owner';

interface Def {
  name: string;
  label: string;
  kind: Kind;
  options?: readonly string[];
  /** Defined by HubSpot (true) or a custom property of the portal (false). */
  hubspot?: boolean;
}

const SINGULAR_LABEL: Readonly<Record<CrmType, string>> = { contacts: 'Contact', companies: 'Company', deals: 'Deal', tickets: 'Ticket', product_org: 'Product org' };

const common = (type: CrmType): Def[] => [
  { name: createdProperty(type), label: type === 'product_org' ? 'Object create date/time' : 'Create Date', kind: 'datetime' },
  { name: lastModifiedProperty(type), label: type === 'product_org' ? 'Object last modified date/time' : 'Last Modified Date', kind: 'datetime' },
  { name: 'hs_object_id', label: 'Record ID', kind: 'id' },
  { name: 'hubspot_owner_id', label: `${SINGULAR_LABEL[type]} owner`, kind: 'owner' },
];

const LIFECYCLE = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'];

const DEFS: Readonly<Record<CrmType, Def[]>> = {
  companies: [
    { name: 'name', label: 'Company name', kind: 'string' },
    { name: 'domain', label: 'Company Domain Name', kind: 'string' },
    { name: 'website', label: 'Website URL', kind: 'string' },
    { name: 'industry', label: 'Industry', kind: 'enumeration', options: ['COMPUTER_SOFTWARE', 'EDUCATION', 'HEALTHCARE', 'FINANCIAL_SERVICES', 'RETAIL', 'MEDIA', 'MANUFACTURING', 'NON_PROFIT'] },
    { name: 'country', label: 'Country/Region', kind: 'string' },
    { name: 'numberofemployees', label: 'Number of Employees', kind: 'number' },
    { name: 'lifecyclestage', label: 'Lifecycle Stage', kind: 'enumeration', options: LIFECYCLE },
    { name: 'organization_id', label: 'Organization ID', kind: 'string', hubspot: false },
    { name: 'plan', label: 'Plan', kind: 'enumeration', options: ['plus', 'pro', 'enterprise'], hubspot: false },
    { name: 'seats', label: 'Seats', kind: 'number', hubspot: false },
    { name: 'subscription_status', label: 'Subscription status', kind: 'enumeration', options: ['trialing', 'active', 'canceled'], hubspot: false },
    // Written by Basin's demo sync (syncs/hubspot_company_health.yml), as a team would create them in HubSpot's settings.
    { name: 'health_score', label: 'Health score', kind: 'number', hubspot: false },
    { name: 'health_tier', label: 'Health tier', kind: 'enumeration', options: ['healthy', 'watch', 'at_risk'], hubspot: false },
  ],
  contacts: [
    { name: 'email', label: 'Email', kind: 'string' },
    { name: 'firstname', label: 'First Name', kind: 'string' },
    { name: 'lastname', label: 'Last Name', kind: 'string' },
    { name: 'company', label: 'Company Name', kind: 'string' },
    { name: 'country', label: 'Country/Region', kind: 'string' },
    { name: 'lifecyclestage', label: 'Lifecycle Stage', kind: 'enumeration', options: LIFECYCLE },
    { name: 'associatedcompanyid', label: 'Primary Associated Company ID', kind: 'number' },
    { name: 'product_user_id', label: 'Product user ID', kind: 'string', hubspot: false },
  ],
  deals: [
    { name: 'dealname', label: 'Deal Name', kind: 'string' },
    { name: 'amount', label: 'Amount', kind: 'number' },
    { name: 'deal_currency_code', label: 'Currency', kind: 'enumeration', options: ['USD'] },
    { name: 'dealtype', label: 'Deal Type', kind: 'enumeration', options: ['newbusiness', 'existingbusiness'] },
    { name: 'pipeline', label: 'Pipeline', kind: 'enumeration', options: ['default'] },
    { name: 'dealstage', label: 'Deal Stage', kind: 'enumeration', options: ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost'] },
    { name: 'closedate', label: 'Close Date', kind: 'datetime' },
  ],
  tickets: [
    { name: 'subject', label: 'Ticket name', kind: 'string' },
    { name: 'content', label: 'Ticket description', kind: 'text' },
    { name: 'hs_pipeline', label: 'Pipeline', kind: 'enumeration', options: ['0'] },
    { name: 'hs_pipeline_stage', label: 'Ticket status', kind: 'enumeration', options: ['1', '2', '3', '4'] },
    { name: 'hs_ticket_priority', label: 'Priority', kind: 'enumeration', options: ['LOW', 'MEDIUM', 'HIGH'] },
    { name: 'hs_ticket_category', label: 'Category', kind: 'enumeration', options: ['PRODUCT_ISSUE', 'BILLING_ISSUE', 'FEATURE_REQUEST', 'GENERAL_INQUIRY'] },
    { name: 'closed_date', label: 'Close date', kind: 'datetime' },
  ],
  product_org: [
    { name: 'org_id', label: 'Organization ID', kind: 'string', hubspot: false },
    { name: 'org_name', label: 'Organization name', kind: 'string', hubspot: false },
    { name: 'plan', label: 'Plan', kind: 'enumeration', options: ['free', 'plus', 'pro', 'enterprise'], hubspot: false },
    { name: 'seats', label: 'Seats', kind: 'number', hubspot: false },
    { name: 'users', label: 'Users', kind: 'number', hubspot: false },
    { name: 'spaces', label: 'Spaces', kind: 'number', hubspot: false },
    { name: 'trial_ends_at', label: 'Trial ends at', kind: 'datetime', hubspot: false },
  ],
};

/** Properties returned when a request names none (HubSpot's defaults per object type). */
export const DEFAULT_PROPERTIES: Readonly<Record<CrmType, readonly string[]>> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
  tickets: ['content', 'createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_category', 'hs_ticket_priority', 'subject'],
  product_org: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** Group of every property of `type`. */
const GROUP: Readonly<Record<CrmType, string>> = {
  contacts: 'contactinformation', companies: 'companyinformation', deals: 'dealinformation', tickets: 'ticketinformation', product_org: 'product_org_information',
};

const TYPES: Readonly<Record<Kind, [type: string, fieldType: string]>> = {
  string: ['string', 'text'],
  text: ['string', 'textarea'],
  number: ['number', 'number'],
  datetime: ['datetime', 'date'],
  date: ['date', 'date'],
  enumeration: ['enumeration', 'select'],
  id: ['number', 'number'],
  owner: ['enumeration', 'select'],
};

/** HubSpot's `type` of a property (`datetime`, `number`, ...), or undefined for an unknown property. */
export function propertyType(type: CrmType, name: string): string | undefined {
  const def = [...DEFS[type], ...common(type)].find((d) => d.name === name);
  return def ? TYPES[def.kind][0] : undefined;
}

/** Property definitions of `type` in HubSpot's Property shape. */
export function propertyDefinitions(type: CrmType, createdAt: string): Record<string, unknown>[] {
  return [...DEFS[type], ...common(type)].map((d, n) => {
    const [propertyType, fieldType] = TYPES[d.kind];
    const hubspotDefined = d.hubspot !== false;
    return {
      updatedAt: createdAt,
      createdAt,
      name: d.name,
      label: d.label,
      type: propertyType,
      fieldType,
      description: hubspotDefined ? `${d.label} (HubSpot default property)` : `${d.label} (custom property, Basin sandbox)`,
      groupName: GROUP[type],
      options: (d.options ?? []).map((value, k) => ({ label: value, value, displayOrder: k, hidden: false })),
      displayOrder: n,
      calculated: false,
      externalOptions: d.kind === 'owner',
      hasUniqueValue: d.kind === 'id',
      hidden: false,
      ...(hubspotDefined ? { hubspotDefined: true } : {}),
      modificationMetadata: { archivable: !hubspotDefined, readOnlyDefinition: hubspotDefined, readOnlyValue: d.kind === 'id' || d.name.endsWith('date') },
      formField: d.kind === 'string' && hubspotDefined,
      ...(d.kind === 'owner' ? { referencedObjectType: 'OWNER' } : {}),
    };
  });
}
