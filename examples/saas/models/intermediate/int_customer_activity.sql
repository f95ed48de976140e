{%- set tracked = ['space_created', 'collection_created', 'page_published', 'member_invited'] -%}
select
    customer_id,
    count(*) as events,
    count(distinct user_id) as active_users,
    {%- for event_type in tracked %}
    sum(case when event_type = '{{ event_type }}' then 1 else 0 end) as {{ event_type }}_count,
    {%- endfor %}
    min(event_time) as first_event_at,
    max(event_time) as last_event_at
from {{ ref('stg_events') }}
group by customer_id
