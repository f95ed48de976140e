/** The vendor fakes every sandbox mounts. New vendors add their factory here. */
import { createGoogleOAuthFake } from './google/google-oauth-fake.js';
import { createHubSpotFake } from './hubspot/hubspot-fake.js';
import { createStripeFake } from './stripe/stripe-fake.js';
import type { VendorFakeFactory } from './vendor-fake.js';

/** Factories of the built-in fakes, in mount order. */
export const DEFAULT_VENDORS: readonly VendorFakeFactory[] = [
  (context) => createStripeFake(context),
  (context) => createHubSpotFake(context),
  (context) => createGoogleOAuthFake(context),
];
