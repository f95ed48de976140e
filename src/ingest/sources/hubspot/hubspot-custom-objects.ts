import { BasinError } from '../../../core/errors.js';
import { fetchPage, type HubSpotRuntime } from './hubspot-api.js';
import type { HubSpotObjectSpec } from './hubspot-streams.js';

/**
 * Resolves the configured custom objects (`custom_objects: [product_org]`)
 * against the portal's schemas (`GET /crm/v3/schemas`): each name may be the
 * object's `name`, its `fullyQualifiedName` (`p123_product_org`) or its
 * `objectTypeId` (`2-123`). The stream is named after the object's `name`
 * and reads `/crm/v3/objects/{objectTypeId}`; custom objects' last-modified
 * property is `hs_lastmodifieddate`.
 */
export async function resolveCustomObjects(rt: HubSpotRuntime, names: readonly string[], signal: AbortSignal): Promise<HubSpotObjectSpec[]> {
  if (names.length === 0) return [];
  const page = await fetchPage(rt, { url: '/crm/v3/schemas' }, signal);
  return names.map((wanted) => {
    const schema = page.results.find((s) => [s['name'], s['fullyQualifiedName'], s['objectTypeId']].some((v) => typeof v === 'string' && v.toLowerCase() === wanted.toLowerCase()));
    const name = schema?.['name'];
    const objectType = schema?.['objectTypeId'];
    if (typeof name !== 'string' || typeof objectType !== 'string') {
      const known = page.results.map((s) => String(s['name'])).join(', ') || 'none';
      throw new BasinError('CONFIG_INVALID', `HubSpot custom object "${wanted}" not found in the portal's schemas (custom objects: ${known})`);
    }
    return { name, objectType, modifiedProperty: 'hs_lastmodifieddate' };
  });
}
