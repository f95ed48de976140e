-- One row per subscription, with its monthly recurring revenue in dollars.
select
    id as subscription_id,
    customer as customer_id,
    metadata__organization_id as organization_id,
    status,
    plan__nickname as plan,
    quantity as seats,
    case plan__interval
        when 'year' then plan__amount * quantity / 1200.0
        else plan__amount * quantity / 100.0
    end as mrr,
    to_timestamp(start_date) as started_at,
    to_timestamp(trial_end) as trial_ended_at,
    to_timestamp(canceled_at) as canceled_at,
    to_timestamp(ended_at) as ended_at
from {{ source('stripe', 'subscriptions') }}
