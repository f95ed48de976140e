/**
 * What a sync writes on HubSpot: an object type (contacts, companies, deals,
 * tickets, or a custom object by type id `2-…` or name `p_…`) and the
 * property records are matched by (`destination_key:`, HubSpot's
 * `idProperty`): `email` by default on contacts, required elsewhere;
 * `hs_object_id` matches by record id, for update and delete only.
 */
import { BasinError } from '../../../core/errors.js';
import type { DestinationOp, DestinationTarget } from '../../destination.js';

export const HUBSPOT_STANDARD_OBJECTS = ['contacts', 'companies', 'deals', 'tickets'] as const;

/** The record id property. */
export const RECORD_ID = 'hs_object_id';

/** A resolved target. */
export interface HubSpotTarget {
  /** The object type as the API's paths take it. */
  object: string;
  /** The idProperty records are matched by. */
  keyField: string;
  ops: readonly DestinationOp[];
}

const CUSTOM_OBJECT = /^(2-\d+|p\d*_[a-z0-9_]+)$/i;
const PROPERTY_NAME = /^[a-z0-9_]+$/i;

/** The object and key of `target`; CONFIG_INVALID naming what is wrong. */
export function hubspotTarget(target: DestinationTarget): HubSpotTarget {
  const standard = HUBSPOT_STANDARD_OBJECTS.find((o) => o === target.object.toLowerCase());
  if (!standard && !CUSTOM_OBJECT.test(target.object)) {
    throw new BasinError(
      'CONFIG_INVALID',
      `hubspot has no object "${target.object}" (use ${HUBSPOT_STANDARD_OBJECTS.join(', ')}, or a custom object's type id such as 2-1234567)`,
    );
  }
  const object = standard ?? target.object;
  const keyField = target.keyField ?? (object === 'contacts' ? 'email' : undefined);
  if (keyField === undefined) {
    throw new BasinError(
      'CONFIG_INVALID',
      `hubspot ${object}: destination_key is required: the unique property records are matched by (e.g. organization_id), or ${RECORD_ID} to update and delete by record id`,
    );
  }
  if (!PROPERTY_NAME.test(keyField)) {
    throw new BasinError('CONFIG_INVALID', `hubspot ${object}: destination_key "${keyField}" is not a HubSpot property name`);
  }
  const ops: readonly DestinationOp[] = keyField === RECORD_ID ? ['update', 'delete'] : ['upsert', 'update', 'insert', 'delete'];
  return { object, keyField, ops };
}
