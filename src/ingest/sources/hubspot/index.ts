/** The HubSpot connector (`type: hubspot`). */
export { hubspotSource, createHubSpotSource, type HubSpotSourceOptions } from './hubspot-source.js';
export { hubspotConfigSchema, type HubSpotConfig } from './hubspot-config.js';
export { HUBSPOT_ASSOCIATION_STREAMS, HUBSPOT_OBJECT_STREAMS, type HubSpotAssociationSpec, type HubSpotObjectSpec } from './hubspot-streams.js';
