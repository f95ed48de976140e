{{
    config(
        materialized='incremental',
        unique_key='event_id',
        incremental_strategy='merge',
        on_schema_change='append_new_columns'
    )
}}

select
    event_id,
    user_id,
    customer_id,
    event_type,
    event_time,
    space_id,
    cast(event_time as date) as event_date
from {{ ref('stg_events') }}
{% if is_incremental() %}
-- Only events newer than what the table already holds.
where event_time > (select max(event_time) from {{ this }})
{% endif %}
