select
    id as subscription_id,
    customer_id,
    plan,
    status,
    {{ cents_to_dollars('mrr_cents') }} as mrr,
    cast(started_at as timestamp) as started_at,
    cast(canceled_at as timestamp) as canceled_at
from {{ ref('raw_subscriptions') }}
