select
    id as invoice_id,
    customer_id,
    subscription_id,
    {{ cents_to_dollars('amount_cents') }} as amount,
    upper(currency) as currency,
    status,
    cast(created_at as timestamp) as created_at
from {{ ref('raw_invoices') }}
