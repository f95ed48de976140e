/** The vendor fakes every sandbox mounts. New vendors add their factory here. */
import { createAmplitudeFake } from './amplitude/amplitude-fake.js';
import { createCustomerIoFake } from './customerio/customerio-fake.js';
import { createFirestoreFake } from './firestore/firestore-fake.js';
import { createGoogleOAuthFake } from './google/google-oauth-fake.js';
import { createHelpScoutFake } from './helpscout/helpscout-fake.js';
import { createHubSpotFake } from './hubspot/hubspot-fake.js';
import { createLoggingFake } from './logging/logging-fake.js';
import { createSheetsFake } from './sheets/sheets-fake.js';
import { createStripeFake } from './stripe/stripe-fake.js';
import type { VendorFakeFactory } from './vendor-fake.js';
import { createWebhookFake } from './webhook/webhook-fake.js';

/** Factories of the built-in fakes, in mount order. */
export const DEFAULT_VENDORS: readonly VendorFakeFactory[] = [
  (context) => createStripeFake(context),
  (context) => createHubSpotFake(context),
  (context) => createHelpScoutFake(context),
  (context) => createAmplitudeFake(context),
  (context) => createGoogleOAuthFake(context),
  (context) => createFirestoreFake(context),
  (context) => createSheetsFake(context),
  (context) => createLoggingFake(context),
  (context) => createCustomerIoFake(context),
  (context) => createWebhookFake(context),
];
