/**
 * What the synthetic company sells: per-seat monthly plans, cheapest first.
 * Tier indexes are used by the billing lifecycle (an upgrade is tier + 1).
 */
export interface Plan {
  /** Stable key, used in vendor ids (`prod_...`, `price_...`). */
  key: string;
  name: string;
  description: string;
  /** Price per seat per month, in cents (USD). */
  unitAmount: number;
}

/** The plans, tier 0 first. */
export const PLANS: readonly Plan[] = [
  { key: 'plus', name: 'Plus', description: 'For small teams getting started', unitAmount: 800 },
  { key: 'pro', name: 'Pro', description: 'Advanced collaboration and analytics', unitAmount: 1500 },
  { key: 'enterprise', name: 'Enterprise', description: 'SSO, audit logs and priority support', unitAmount: 2900 },
];

/** The plan of `tier` (clamped to the catalog). */
export function planOf(tier: number): Plan {
  const plan = PLANS[Math.max(0, Math.min(PLANS.length - 1, tier))];
  if (!plan) throw new Error('empty plan catalog');
  return plan;
}
