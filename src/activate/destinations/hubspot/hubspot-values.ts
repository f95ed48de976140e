/**
 * Records as HubSpot inputs. Property values are strings: numbers and
 * booleans as text, dates and timestamps as epoch milliseconds (what both
 * date properties, at midnight UTC, and datetime properties accept), lists
 * as `a;b` (multi-select), `null` as `""`, which clears the property. A field
 * `association:<to_object>:<to_id_property>` is no property: it names the
 * record to associate with, by that record's unique property.
 */
import { BasinError } from '../../../core/errors.js';
import type { DestinationRecord } from '../../destination.js';
import { RECORD_ID } from './hubspot-target.js';

/** One association a record asks for. */
export interface AssociationRequest {
  /** The mapping field (for messages). */
  field: string;
  to: string;
  idProperty: string;
  value: string;
}

/** A record split into HubSpot properties and associations. */
export interface HubSpotInput {
  properties: Record<string, string>;
  associations: AssociationRequest[];
}

const ASSOCIATION = /^association:([A-Za-z0-9_-]+):([A-Za-z0-9_]+)$/;

/** One value as HubSpot's property text. */
export function hubspotValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isFinite(ms) ? String(ms) : '';
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(hubspotValue).join(';');
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return JSON.stringify(value);
}

/** The association a field name asks for, or undefined for a property; CONFIG_INVALID for a malformed `association:` name. */
export function associationField(field: string): { to: string; idProperty: string } | undefined {
  if (!field.startsWith('association:')) return undefined;
  const m = ASSOCIATION.exec(field);
  if (!m) throw new BasinError('CONFIG_INVALID', `hubspot: field "${field}" must be association:<to_object>:<to_id_property>, e.g. association:companies:organization_id`);
  return { to: m[1]!.toLowerCase(), idProperty: m[2]! };
}

/**
 * The properties and associations of `record`. The key is written as the
 * `keyField` property (so a created record can be found by it), except
 * `hs_object_id`, which is read-only.
 */
export function hubspotInput(record: DestinationRecord, keyField: string): HubSpotInput {
  const properties: Record<string, string> = {};
  const associations: AssociationRequest[] = [];
  for (const [field, value] of Object.entries(record.fields)) {
    const association = associationField(field);
    if (association) {
      const text = hubspotValue(value).trim();
      if (text !== '') associations.push({ field, ...association, value: text });
    } else if (field !== RECORD_ID) {
      properties[field] = hubspotValue(value);
    }
  }
  if (keyField !== RECORD_ID) properties[keyField] = record.key;
  return { properties, associations };
}
