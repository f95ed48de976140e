-- One row per Stripe customer (deleted customers are removed by the connector).
select
    id as customer_id,
    metadata__organization_id as organization_id,
    metadata__domain as domain,
    name,
    email,
    address__country as country,
    delinquent,
    to_timestamp(created) as created_at
from {{ source('stripe', 'customers') }}
