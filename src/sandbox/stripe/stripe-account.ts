/**
 * One Stripe account's view of the synthetic company: which objects exist at a
 * given time and what they look like then (API version 2023-08-16 shapes).
 * Every method is a pure function of (organization index, period, time).
 */
import {
  FIRST_ATTEMPT_MS,
  REFUND_MS,
  RETRY_MS,
  cancelOffset,
  invoiceOffset,
  periodAt,
  periodEndOffset,
  upgradeOffset,
  type BillingProfile,
} from '../company/billing-profile.js';
import { PLANS, planOf } from '../company/catalog.js';
import { organizationDeletedAt } from '../company/crm-facts.js';
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { DAY } from '../duration.js';
import { KIND, StripeIds } from './stripe-ids.js';

/** A Stripe object as JSON. */
export type StripeObject = Record<string, unknown>;

/** Seconds since the epoch, as Stripe's timestamps. */
export function sec(ms: number): number {
  return Math.floor(ms / 1000);
}

/** Subscription state at a time. */
export interface SubscriptionState {
  status: 'trialing' | 'active' | 'past_due' | 'canceled';
  period: number;
  tier: number;
  canceledAt: number | undefined;
}

export class StripeAccount {
  readonly ids: StripeIds;
  /** When the catalog (products, prices) was created. */
  readonly catalogCreated: number;

  constructor(
    readonly company: SyntheticCompany,
    /** Account id (`acct_...`). */
    readonly accountId: string,
  ) {
    this.ids = new StripeIds(company.seed);
    this.catalogCreated = company.origin - 30 * DAY;
  }

  // ---- existence and state -------------------------------------------------

  /** Billing profile of a paying organization, else undefined. */
  profile(i: number): BillingProfile | undefined {
    return this.company.isPaying(i) ? this.company.billing(i) : undefined;
  }

  /** When customer `i` is deleted (ms), if it ever is. */
  deletedAt(i: number): number | undefined {
    return organizationDeletedAt(this.company, i);
  }

  /** Whether the customer exists (created, not deleted) at `t`. */
  customerLive(i: number, t: number): boolean {
    if (!this.company.isPaying(i) || this.company.createdAt(i) > t) return false;
    const d = this.deletedAt(i);
    return d === undefined || t < d;
  }

  /** Whether the invoice of period `j` is ever created. */
  invoiceEver(i: number, j: number): boolean {
    const b = this.profile(i);
    if (!b) return false;
    return j === 0 || (b.converts && j <= b.cancelPeriod);
  }

  /** Whether the first payment attempt of period j fails. */
  fails(i: number, j: number): boolean {
    return j > 0 && this.company.firstAttemptFails(i, j);
  }

  /** Whether period j's charge (first attempt, succeeded) is refunded. */
  refundEver(i: number, j: number): boolean {
    return j > 0 && this.invoiceEver(i, j) && !this.fails(i, j) && this.company.refunded(i, j);
  }

  subscriptionState(i: number, t: number): SubscriptionState {
    const b = this.company.billing(i);
    const c = this.company.createdAt(i);
    const canceledAt = c + cancelOffset(b.cancelPeriod);
    const canceled = t >= canceledAt;
    const period = canceled ? b.cancelPeriod : periodAt(t - c);
    const upgraded = b.upgradePeriod !== undefined && t >= c + upgradeOffset(b.upgradePeriod);
    let status: SubscriptionState['status'] = canceled ? 'canceled' : period === 0 ? 'trialing' : 'active';
    if (status === 'active' && this.fails(i, period)) {
      const attempt = c + invoiceOffset(period) + FIRST_ATTEMPT_MS;
      if (t >= attempt && t < attempt + RETRY_MS) status = 'past_due';
    }
    return { status, period, tier: b.tier + (upgraded ? 1 : 0), canceledAt: canceled ? canceledAt : undefined };
  }

  /** Plan tier billed by period j's invoice. */
  tierOfPeriod(i: number, j: number): number {
    const b = this.company.billing(i);
    return b.tier + (b.upgradePeriod !== undefined && j > b.upgradePeriod ? 1 : 0);
  }

  invoiceAmount(i: number, j: number): number {
    if (j === 0) return 0;
    return planOf(this.tierOfPeriod(i, j)).unitAmount * this.company.billing(i).seats;
  }

  // ---- catalog -------------------------------------------------------------

  product(tier: number): StripeObject {
    const plan = planOf(tier);
    const created = sec(this.catalogCreated) + tier;
    return {
      id: this.ids.make(KIND.product, tier),
      object: 'product',
      active: true,
      attributes: [],
      created,
      default_price: this.ids.make(KIND.price, tier),
      description: plan.description,
      features: [],
      images: [],
      livemode: false,
      metadata: { plan: plan.key },
      name: plan.name,
      package_dimensions: null,
      shippable: null,
      statement_descriptor: null,
      tax_code: null,
      type: 'service',
      unit_label: 'seat',
      updated: created,
      url: null,
    };
  }

  price(tier: number): StripeObject {
    const plan = planOf(tier);
    return {
      id: this.ids.make(KIND.price, tier),
      object: 'price',
      active: true,
      billing_scheme: 'per_unit',
      created: sec(this.catalogCreated) + tier,
      currency: 'usd',
      custom_unit_amount: null,
      livemode: false,
      lookup_key: `${plan.key}_monthly`,
      metadata: {},
      nickname: `${plan.name} monthly`,
      product: this.ids.make(KIND.product, tier),
      recurring: { aggregate_usage: null, interval: 'month', interval_count: 1, trial_period_days: null, usage_type: 'licensed' },
      tax_behavior: 'unspecified',
      tiers_mode: null,
      transform_quantity: null,
      type: 'recurring',
      unit_amount: plan.unitAmount,
      unit_amount_decimal: String(plan.unitAmount),
    };
  }

  /** The legacy `plan` object Stripe still embeds in subscriptions and line items. */
  plan(tier: number): StripeObject {
    const plan = planOf(tier);
    return {
      id: this.ids.make(KIND.price, tier),
      object: 'plan',
      active: true,
      aggregate_usage: null,
      amount: plan.unitAmount,
      amount_decimal: String(plan.unitAmount),
      billing_scheme: 'per_unit',
      created: sec(this.catalogCreated) + tier,
      currency: 'usd',
      interval: 'month',
      interval_count: 1,
      livemode: false,
      metadata: {},
      nickname: `${plan.name} monthly`,
      product: this.ids.make(KIND.product, tier),
      tiers_mode: null,
      transform_usage: null,
      trial_period_days: null,
      usage_type: 'licensed',
    };
  }

  /** Number of catalog entries (products = prices = plans). */
  get catalogSize(): number {
    return PLANS.length;
  }

  // ---- customers and subscriptions ----------------------------------------

  customer(i: number, t: number): StripeObject {
    const id = this.ids.make(KIND.customer, i);
    const d = this.deletedAt(i);
    if (d !== undefined && t >= d) return { id, object: 'customer', deleted: true };
    const org = this.company.organization(i);
    const owner = this.company.user(i, 0);
    return {
      id,
      object: 'customer',
      address: { city: null, country: org.country, line1: null, line2: null, postal_code: null, state: null },
      balance: 0,
      created: sec(org.createdAt),
      currency: 'usd',
      default_source: null,
      delinquent: this.subscriptionState(i, t).status === 'past_due',
      description: org.name,
      discount: null,
      email: owner.email,
      invoice_prefix: id.slice(4, 12).toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: { organization_id: org.id, domain: org.domain },
      name: org.name,
      next_invoice_sequence: 1 + this.invoicesUntil(i, t),
      phone: null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    };
  }

  /** Number of invoices customer i has at t. */
  private invoicesUntil(i: number, t: number): number {
    const state = this.subscriptionState(i, t);
    return state.period + 1;
  }

  subscriptionItem(i: number, t: number): StripeObject {
    const state = this.subscriptionState(i, t);
    return {
      id: this.ids.make(KIND.subscriptionItem, i),
      object: 'subscription_item',
      billing_thresholds: null,
      created: sec(this.company.createdAt(i)),
      metadata: {},
      plan: this.plan(state.tier),
      price: this.price(state.tier),
      quantity: this.company.billing(i).seats,
      subscription: this.ids.make(KIND.subscription, i),
      tax_rates: [],
    };
  }

  subscription(i: number, t: number): StripeObject {
    const c = this.company.createdAt(i);
    const b = this.company.billing(i);
    const state = this.subscriptionState(i, t);
    const id = this.ids.make(KIND.subscription, i);
    const start = c + (state.period === 0 ? 0 : invoiceOffset(state.period));
    const end = c + periodEndOffset(state.period);
    const canceled = state.canceledAt !== undefined ? sec(state.canceledAt) : null;
    return {
      id,
      object: 'subscription',
      application: null,
      application_fee_percent: null,
      automatic_tax: { enabled: false },
      billing_cycle_anchor: sec(c + periodEndOffset(0)),
      billing_thresholds: null,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: canceled,
      cancellation_details: {
        comment: null,
        feedback: canceled === null ? null : b.converts ? 'too_expensive' : 'unused',
        reason: canceled === null ? null : 'cancellation_requested',
      },
      collection_method: 'charge_automatically',
      created: sec(c),
      currency: 'usd',
      current_period_end: sec(end),
      current_period_start: sec(start),
      customer: this.ids.make(KIND.customer, i),
      days_until_due: null,
      default_payment_method: null,
      default_source: null,
      default_tax_rates: [],
      description: null,
      discount: null,
      ended_at: canceled,
      items: {
        object: 'list',
        data: [this.subscriptionItem(i, t)],
        has_more: false,
        total_count: 1,
        url: `/v1/subscription_items?subscription=${id}`,
      },
      latest_invoice: this.ids.make(KIND.invoice, i, state.period),
      livemode: false,
      metadata: { organization_id: this.company.organization(i).id },
      next_pending_invoice_item_invoice: null,
      on_behalf_of: null,
      pause_collection: null,
      payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
      pending_invoice_item_interval: null,
      pending_setup_intent: null,
      pending_update: null,
      plan: this.plan(state.tier),
      quantity: b.seats,
      schedule: null,
      start_date: sec(c),
      status: state.status,
      test_clock: null,
      transfer_data: null,
      trial_end: sec(c + periodEndOffset(0)),
      trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
      trial_start: sec(c),
    };
  }

  // ---- invoices, charges, refunds, balance ---------------------------------

  /** When period j's invoice is created (ms). */
  invoiceTime(i: number, j: number): number {
    return this.company.createdAt(i) + invoiceOffset(j);
  }

  /** The successful charge's attempt (0 or 1) and time, for periods with a charge. */
  private paidAttempt(i: number, j: number): { attempt: 0 | 1; time: number } {
    const first = this.invoiceTime(i, j) + FIRST_ATTEMPT_MS;
    return this.fails(i, j) ? { attempt: 1, time: first + RETRY_MS } : { attempt: 0, time: first };
  }

  lineItem(i: number, j: number): StripeObject {
    const c = this.company.createdAt(i);
    const tier = this.tierOfPeriod(i, j);
    const seats = this.company.billing(i).seats;
    const amount = this.invoiceAmount(i, j);
    const plan = planOf(tier);
    return {
      id: this.ids.make(KIND.lineItem, i, j),
      object: 'line_item',
      amount,
      amount_excluding_tax: amount,
      currency: 'usd',
      description: j === 0 ? `Trial period for ${plan.name}` : `${seats} seat × ${plan.name} (at $${(plan.unitAmount / 100).toFixed(2)} / month)`,
      discount_amounts: [],
      discountable: true,
      discounts: [],
      livemode: false,
      metadata: {},
      period: { start: sec(c + (j === 0 ? 0 : invoiceOffset(j))), end: sec(c + periodEndOffset(j)) },
      plan: this.plan(tier),
      price: this.price(tier),
      proration: false,
      proration_details: { credited_items: null },
      quantity: seats,
      subscription: this.ids.make(KIND.subscription, i),
      subscription_item: this.ids.make(KIND.subscriptionItem, i),
      tax_amounts: [],
      tax_rates: [],
      type: 'subscription',
      unit_amount_excluding_tax: String(j === 0 ? 0 : plan.unitAmount),
    };
  }

  invoice(i: number, j: number, t: number): StripeObject {
    const id = this.ids.make(KIND.invoice, i, j);
    const created = this.invoiceTime(i, j);
    const amount = this.invoiceAmount(i, j);
    const org = this.company.organization(i);
    const owner = this.company.user(i, 0);
    const finalizedAt = j === 0 ? created : created + FIRST_ATTEMPT_MS;
    const paid = j === 0 ? { attempt: 0 as const, time: created } : this.paidAttempt(i, j);
    const isPaid = t >= paid.time;
    const finalized = t >= finalizedAt;
    const attempts = j === 0 ? 0 : !finalized ? 0 : isPaid ? paid.attempt + 1 : 1;
    const status = !finalized ? 'draft' : isPaid ? 'paid' : 'open';
    return {
      id,
      object: 'invoice',
      account_country: 'US',
      account_name: 'Basin Sandbox Inc.',
      account_tax_ids: null,
      amount_due: amount,
      amount_paid: isPaid ? amount : 0,
      amount_remaining: isPaid ? 0 : amount,
      amount_shipping: 0,
      application: null,
      application_fee_amount: null,
      attempt_count: attempts,
      attempted: attempts > 0,
      auto_advance: !isPaid,
      automatic_tax: { enabled: false, status: null },
      billing_reason: j === 0 ? 'subscription_create' : 'subscription_cycle',
      charge: isPaid && j > 0 ? this.ids.make(paid.attempt === 0 ? KIND.charge : KIND.retryCharge, i, j) : null,
      collection_method: 'charge_automatically',
      created: sec(created),
      currency: 'usd',
      custom_fields: null,
      customer: this.ids.make(KIND.customer, i),
      customer_address: null,
      customer_email: owner.email,
      customer_name: org.name,
      customer_phone: null,
      customer_shipping: null,
      customer_tax_exempt: 'none',
      customer_tax_ids: [],
      default_payment_method: null,
      default_source: null,
      default_tax_rates: [],
      description: null,
      discount: null,
      discounts: [],
      due_date: null,
      effective_at: finalized ? sec(finalizedAt) : null,
      ending_balance: finalized ? 0 : null,
      footer: null,
      from_invoice: null,
      hosted_invoice_url: null,
      invoice_pdf: null,
      last_finalization_error: null,
      latest_revision: null,
      lines: {
        object: 'list',
        data: [this.lineItem(i, j)],
        has_more: false,
        total_count: 1,
        url: `/v1/invoices/${id}/lines`,
      },
      livemode: false,
      metadata: {},
      next_payment_attempt: !finalized ? sec(finalizedAt) : isPaid ? null : sec(paid.time),
      number: finalized ? `${id.slice(3, 11).toUpperCase()}-${String(j + 1).padStart(4, '0')}` : null,
      on_behalf_of: null,
      paid: isPaid,
      paid_out_of_band: false,
      payment_intent: null,
      payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
      period_end: sec(created),
      period_start: sec(j === 0 ? created : created - (j === 1 ? invoiceOffset(1) : 30 * DAY)),
      post_payment_credit_notes_amount: 0,
      pre_payment_credit_notes_amount: 0,
      quote: null,
      receipt_number: null,
      rendering_options: null,
      shipping_cost: null,
      shipping_details: null,
      starting_balance: 0,
      statement_descriptor: null,
      status,
      status_transitions: {
        finalized_at: finalized ? sec(finalizedAt) : null,
        marked_uncollectible_at: null,
        paid_at: isPaid ? sec(paid.time) : null,
        voided_at: null,
      },
      subscription: this.ids.make(KIND.subscription, i),
      subscription_details: { metadata: {} },
      subtotal: amount,
      subtotal_excluding_tax: amount,
      tax: null,
      test_clock: null,
      total: amount,
      total_discount_amounts: [],
      total_excluding_tax: amount,
      total_tax_amounts: [],
      transfer_data: null,
      webhooks_delivered_at: sec(created),
    };
  }

  /** Time of charge (period j, attempt a). */
  chargeTime(i: number, j: number, attempt: 0 | 1): number {
    return this.invoiceTime(i, j) + FIRST_ATTEMPT_MS + (attempt === 1 ? RETRY_MS : 0);
  }

  refundTime(i: number, j: number): number {
    return this.chargeTime(i, j, 0) + REFUND_MS;
  }

  charge(i: number, j: number, attempt: 0 | 1, t: number): StripeObject {
    const id = this.ids.make(attempt === 0 ? KIND.charge : KIND.retryCharge, i, j);
    const amount = this.invoiceAmount(i, j);
    const failed = attempt === 0 && this.fails(i, j);
    const refunded = attempt === 0 && this.refundEver(i, j) && t >= this.refundTime(i, j);
    const org = this.company.organization(i);
    const owner = this.company.user(i, 0);
    const last4 = String(1000 + ((i * 7919 + 4242) % 9000));
    return {
      id,
      object: 'charge',
      amount,
      amount_captured: failed ? 0 : amount,
      amount_refunded: refunded ? amount : 0,
      application: null,
      application_fee: null,
      application_fee_amount: null,
      balance_transaction: failed ? null : this.ids.make(attempt === 0 ? KIND.chargeTxn : KIND.retryChargeTxn, i, j),
      billing_details: {
        address: { city: null, country: org.country, line1: null, line2: null, postal_code: null, state: null },
        email: owner.email,
        name: `${owner.firstName} ${owner.lastName}`,
        phone: null,
      },
      calculated_statement_descriptor: 'BASIN SANDBOX',
      captured: !failed,
      created: sec(this.chargeTime(i, j, attempt)),
      currency: 'usd',
      customer: this.ids.make(KIND.customer, i),
      description: 'Subscription update',
      disputed: false,
      failure_balance_transaction: null,
      failure_code: failed ? 'card_declined' : null,
      failure_message: failed ? 'Your card was declined.' : null,
      fraud_details: {},
      invoice: this.ids.make(KIND.invoice, i, j),
      livemode: false,
      metadata: {},
      on_behalf_of: null,
      outcome: {
        network_status: failed ? 'declined_by_network' : 'approved_by_network',
        reason: failed ? 'generic_decline' : null,
        risk_level: 'normal',
        seller_message: failed ? 'The bank did not return any further details with this decline.' : 'Payment complete.',
        type: failed ? 'issuer_declined' : 'authorized',
      },
      paid: !failed,
      payment_intent: null,
      payment_method: null,
      payment_method_details: {
        card: {
          brand: 'visa',
          checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
          country: org.country,
          exp_month: 1 + (i % 12),
          exp_year: 2030,
          fingerprint: id.slice(3, 19),
          funding: 'credit',
          installments: null,
          last4,
          mandate: null,
          network: 'visa',
          three_d_secure: null,
          wallet: null,
        },
        type: 'card',
      },
      receipt_email: owner.email,
      receipt_number: null,
      receipt_url: null,
      refunded,
      refunds: {
        object: 'list',
        data: refunded ? [this.refund(i, j)] : [],
        has_more: false,
        total_count: refunded ? 1 : 0,
        url: `/v1/charges/${id}/refunds`,
      },
      review: null,
      shipping: null,
      source_transfer: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: failed ? 'failed' : 'succeeded',
      transfer_data: null,
      transfer_group: null,
    };
  }

  refund(i: number, j: number): StripeObject {
    return {
      id: this.ids.make(KIND.refund, i, j),
      object: 'refund',
      amount: this.invoiceAmount(i, j),
      balance_transaction: this.ids.make(KIND.refundTxn, i, j),
      charge: this.ids.make(KIND.charge, i, j),
      created: sec(this.refundTime(i, j)),
      currency: 'usd',
      metadata: {},
      payment_intent: null,
      reason: 'requested_by_customer',
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    };
  }

  /** The balance transaction of kind chargeTxn / retryChargeTxn / refundTxn. */
  balanceTransaction(kind: number, i: number, j: number, t: number): StripeObject {
    const isRefund = kind === KIND.refundTxn;
    const time = isRefund ? this.refundTime(i, j) : this.chargeTime(i, j, kind === KIND.retryChargeTxn ? 1 : 0);
    const gross = this.invoiceAmount(i, j);
    const amount = isRefund ? -gross : gross;
    const fee = isRefund ? 0 : Math.round(gross * 0.029) + 30;
    const availableOn = time + 2 * DAY;
    return {
      id: this.ids.make(kind, i, j),
      object: 'balance_transaction',
      amount,
      available_on: sec(availableOn),
      created: sec(time),
      currency: 'usd',
      description: isRefund ? 'REFUND FOR CHARGE (Subscription update)' : 'Subscription update',
      exchange_rate: null,
      fee,
      fee_details: fee === 0 ? [] : [{ amount: fee, application: null, currency: 'usd', description: 'Stripe processing fees', type: 'stripe_fee' }],
      net: amount - fee,
      reporting_category: isRefund ? 'refund' : 'charge',
      source: isRefund ? this.ids.make(KIND.refund, i, j) : this.ids.make(kind === KIND.retryChargeTxn ? KIND.retryCharge : KIND.charge, i, j),
      status: t >= availableOn ? 'available' : 'pending',
      type: isRefund ? 'refund' : 'charge',
    };
  }
}
