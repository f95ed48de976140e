-- One row per product event (the connector deduplicates on uuid).
select
    uuid as event_id,
    event_type,
    user_id,
    groups__org_id as organization_id,
    cast(event_time as timestamp) as event_at,
    session_id,
    platform,
    country
from {{ source('amplitude', 'events') }}
where user_id is not null
