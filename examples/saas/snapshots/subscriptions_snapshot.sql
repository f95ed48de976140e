{% snapshot subscriptions_snapshot %}

{{
    config(
        schema='snapshots',
        unique_key='id',
        strategy='timestamp',
        updated_at='updated_at'
    )
}}

select id, customer_id, plan, status, mrr_cents, cast(updated_at as timestamp) as updated_at
from {{ ref('raw_subscriptions') }}

{% endsnapshot %}
