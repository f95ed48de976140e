-- Product engagement per organization and week: active users, events and sessions (Amplitude).
select
    e.organization_id,
    date_trunc('week', e.event_at) as week,
    count(distinct e.user_id) as active_users,
    count(*) as events,
    count(distinct e.session_id) as sessions
from {{ ref('stg_amplitude__events') }} as e
where e.organization_id is not null
group by 1, 2
