/** The Stripe connector (`type: stripe`). */
export { stripeSource, createStripeSource, STRIPE_API_VERSION, type StripeSourceOptions } from './stripe-source.js';
export { stripeConfigSchema, type StripeConfig } from './stripe-config.js';
export { STRIPE_STREAMS, type StripeStreamSpec } from './stripe-streams.js';
