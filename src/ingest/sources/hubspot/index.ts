/** The HubSpot connector (`type: hubspot`). */
export { hubspotSource, createHubSpotSource, type HubSpotSourceOptions } from './hubspot-source.js';
export { hubspotConfigSchema, type HubSpotConfig } from './hubspot-config.js';
export { HUBSPOT_OBJECT_STREAMS, type HubSpotObjectSpec } from './hubspot-streams.js';
