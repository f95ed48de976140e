/**
 * Custom object schemas (`GET /crm/v3/schemas[/{objectType}]`): the sandbox
 * portal defines one custom object, `product_org` (the product-side
 * organization a company replicates into its CRM: plan, seats, users,
 * spaces), in HubSpot's ObjectSchema shape.
 */
import { PORTAL_ID, PRODUCT_ORG_TYPE_ID, crmTypeOf } from './hubspot-ids.js';
import { propertyDefinitions } from './hubspot-properties.js';

/** The portal's custom object schemas; `createdAt` is when they were defined. */
export function customObjectSchemas(createdAt: string): Record<string, unknown>[] {
  return [
    {
      id: PRODUCT_ORG_TYPE_ID.slice(2),
      objectTypeId: PRODUCT_ORG_TYPE_ID,
      name: 'product_org',
      fullyQualifiedName: `p${PORTAL_ID}_product_org`,
      portalId: PORTAL_ID,
      labels: { singular: 'Product org', plural: 'Product orgs' },
      description: 'The product workspace of an organization (plan, seats, users, spaces), synced from the product database.',
      primaryDisplayPropertyName: 'org_name',
      secondaryDisplayPropertyNames: ['org_id'],
      requiredProperties: ['org_id', 'org_name'],
      searchableProperties: ['org_id', 'org_name'],
      metaType: 'PORTAL_SPECIFIC',
      archived: false,
      createdAt,
      updatedAt: createdAt,
      associations: [],
      properties: propertyDefinitions('product_org', createdAt),
    },
  ];
}

/** The schema named by `objectType` (object type id or fully qualified name), or undefined. */
export function customObjectSchema(objectType: string, createdAt: string): Record<string, unknown> | undefined {
  if (crmTypeOf(objectType) !== 'product_org') return undefined;
  return customObjectSchemas(createdAt)[0];
}
