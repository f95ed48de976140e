-- One row per invoice, amounts in dollars.
select
    id as invoice_id,
    customer as customer_id,
    subscription as subscription_id,
    status,
    billing_reason,
    paid,
    total / 100.0 as total,
    amount_paid / 100.0 as amount_paid,
    amount_due / 100.0 as amount_due,
    to_timestamp(period_start) as period_start,
    to_timestamp(period_end) as period_end,
    to_timestamp(created) as created_at
from {{ source('stripe', 'invoices') }}
