/** The sandbox's public surface: fake SaaS APIs over one synthetic company. */
export { startSandbox, DEFAULT_SANDBOX_START, type Sandbox, type SandboxOptions } from './start-sandbox.js';
export { runSandboxServer } from './run-sandbox-server.js';
export { SyntheticCompany, type SyntheticCompanyOptions } from './company/synthetic-company.js';
export type { Organization, OrganizationUser } from './company/organization.js';
export type { BillingProfile } from './company/billing-profile.js';
export { PLANS, type Plan } from './company/catalog.js';
export type { SandboxClock } from './clock.js';
export type { SandboxDuration } from './duration.js';
export type { FaultControl, FaultDecision } from './faults/fault-control.js';
export type { FaultConfig, FaultSettings } from './faults/fault-settings.js';
export type { VendorFake, VendorFakeFactory, VendorContext, SandboxRequest, InjectedFault, ReceivedRequest } from './vendor-fake.js';
export { DEFAULT_VENDORS } from './default-vendors.js';
export {
  STRIPE_SANDBOX_KEY,
  STRIPE_PLATFORM_ACCOUNT,
  STRIPE_CONNECTED_ACCOUNTS,
  createStripeFake,
} from './stripe/stripe-fake.js';
export { HUBSPOT_SANDBOX_TOKEN, createHubSpotFake, type HubSpotFake, type HubSpotFakeOptions } from './hubspot/hubspot-fake.js';
export { HUBSPOT_RATE_LIMITS, type HubSpotRateLimits } from './hubspot/hubspot-rate-limit.js';
export { sandboxEnvironment } from './sandbox-environment.js';
export {
  GOOGLE_SANDBOX_PROJECT,
  GOOGLE_SANDBOX_CLIENT_EMAIL,
  sandboxServiceAccountKey,
  createGoogleOAuthFake,
  type GoogleServiceAccountKeyFile,
} from './google/index.js';
export { HELPSCOUT_SANDBOX_CLIENT_ID, HELPSCOUT_SANDBOX_CLIENT_SECRET, createHelpScoutFake, type HelpScoutFakeOptions } from './helpscout/helpscout-fake.js';
export { AMPLITUDE_SANDBOX_API_KEY, AMPLITUDE_SANDBOX_SECRET_KEY, createAmplitudeFake, type AmplitudeFakeOptions } from './amplitude/amplitude-fake.js';
export { createFirestoreFake, FIRESTORE_ROOT_PATH, FIRESTORE_SCOPES, type FirestoreFakeOptions } from './firestore/firestore-fake.js';
export {
  createSheetsFake,
  SHEETS_READ_SCOPES,
  SHEETS_READS_PER_MINUTE_PER_USER,
  SHEETS_REVENUE_TARGETS_ID,
  SHEETS_ACCOUNT_MANAGERS_ID,
  SHEETS_MARKETING_SPEND_ID,
  SHEETS_UNSHARED_ID,
  SHEETS_WRITE_SCOPES,
  SHEETS_EXPORTS_ID,
  SHEETS_WRITES_PER_MINUTE_PER_USER,
  type SheetsFake,
  type SheetsFakeOptions,
} from './sheets/index.js';
export { createCustomerIoFake, CUSTOMERIO_SANDBOX_SITE_ID, CUSTOMERIO_SANDBOX_API_KEY, type CustomerIoFake, type CustomerIoFakeOptions } from './customerio/customerio-fake.js';
export { CUSTOMERIO_REQUESTS_PER_SECOND } from './customerio/customerio-access.js';
export { CUSTOMERIO_LIMITS } from './customerio/customerio-limits.js';
export type { CioPerson, CioEvent, CioDeletion } from './customerio/customerio-store.js';
export type { CioObject, CioObjectDeletion, CioRelationship } from './customerio/customerio-objects.js';
export { createWebhookFake, WEBHOOK_SANDBOX_SECRET, WEBHOOK_FAILING_ENDPOINTS, type WebhookFake, type WebhookFakeOptions, type WebhookFailure } from './webhook/webhook-fake.js';
export { webhookSignature } from './webhook/webhook-signature.js';
export { createLoggingFake, LOGGING_READ_SCOPES, type LoggingFakeOptions } from './logging/logging-fake.js';
