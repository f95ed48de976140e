-- Churn probability per organization (materialized: classifier, configured in
-- _predictions.yml). Label: the Stripe customer canceled and has no live
-- subscription (1), or has a live one (0); organizations that never paid are
-- only scored (NULL label). Columns that describe the account after it churned
-- are left out, as they would leak the label: MRR (0 once canceled), the last
-- 30 days' activity and API errors (both stop when the account leaves).
with subscriptions as (
    select
        customer_id,
        max(case when status in ('active', 'trialing', 'past_due') then 1 else 0 end) as has_live,
        max(case when status = 'canceled' then 1 else 0 end) as has_canceled
    from {{ ref('stg_stripe__subscriptions') }}
    group by 1
),

latest as (
    select max(signed_up_at) as at from {{ ref('dim_customer_360') }}
)

select
    c.organization_id,
    {{ dbt.datediff('c.signed_up_at', 'latest.at', 'day') }} as account_age_days,
    c.users,
    c.spaces,
    c.collections,
    c.support_conversations,
    c.open_support_conversations,
    case
        when s.customer_id is null then null
        when s.has_live = 1 then 0
        when s.has_canceled = 1 then 1
    end as churned
from {{ ref('dim_customer_360') }} as c
cross join latest
left join subscriptions as s on s.customer_id = c.stripe_customer_id
