import type { HubSpotObject } from './hubspot-api.js';
import type { HubSpotObjectSpec } from './hubspot-streams.js';

/**
 * What one stream reads: the CRM objects it lists and searches (`spec`, with
 * the properties requested) and how a page of them becomes records. Object
 * streams load the objects themselves; association streams load each
 * object's links, read for the page's ids.
 */
export interface HubSpotReadPlan {
  /** The stream (table) name, for logs and errors. */
  stream: string;
  spec: HubSpotObjectSpec;
  properties: string[];
  toRecords(objects: HubSpotObject[], signal: AbortSignal): Promise<HubSpotObject[]>;
}
