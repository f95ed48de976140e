/** The built-in destination types (`type:` in destinations/*.yml); `custom` is resolved separately. */
import type { DestinationFactory } from '../destination.js';
import { customerIoDestination } from './customerio/customerio-destination.js';
import { googleSheetsDestination } from './google_sheets/google-sheets-destination.js';
import { hubspotDestination } from './hubspot/hubspot-destination.js';
import { webhookDestination } from './webhook/webhook-destination.js';

export const BUILTIN_DESTINATIONS: readonly DestinationFactory[] = [
  customerIoDestination as DestinationFactory,
  googleSheetsDestination as DestinationFactory,
  hubspotDestination as DestinationFactory,
  webhookDestination as DestinationFactory,
];

/** The built-in destination of `type`, if any. */
export function builtinDestination(type: string): DestinationFactory | undefined {
  return BUILTIN_DESTINATIONS.find((d) => d.type === type);
}
