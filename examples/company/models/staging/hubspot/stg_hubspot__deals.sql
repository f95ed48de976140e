select
    id as deal_id,
    properties__dealname as name,
    cast(properties__amount as double precision) as amount,
    properties__dealstage as stage,
    properties__pipeline as pipeline,
    properties__hubspot_owner_id as owner_id,
    cast(properties__closedate as timestamp) as closed_at,
    created_at
from {{ source('hubspot', 'deals') }}
where not archived
