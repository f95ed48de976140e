select
    event_id,
    user_id,
    customer_id,
    event_type,
    cast(event_time as timestamp) as event_time,
    space_id
from {{ ref('raw_events') }}
where cast(event_time as timestamp) >= cast('{{ var("events_start_date") }}' as timestamp)
