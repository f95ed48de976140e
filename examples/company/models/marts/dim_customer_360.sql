-- One row per organization, joined across every source: product (Firestore, Amplitude),
-- billing (Stripe), CRM (HubSpot), support (Help Scout), hand-kept data (Sheets) and logs (GCP).
with as_of as (
    select max(event_at) as at from {{ ref('stg_amplitude__events') }}
),

users as (
    select organization_id, count(*) as users, max(last_login_at) as last_login_at
    from {{ ref('stg_firestore__users') }}
    where not coalesce(disabled, false)
    group by 1
),

spaces as (
    select s.organization_id, count(distinct s.space_id) as spaces, count(c.collection_id) as collections
    from {{ ref('stg_firestore__spaces') }} as s
    left join {{ ref('stg_firestore__collections') }} as c on c.space_path = s.space_path
    group by 1
),

billing as (
    select
        c.organization_id,
        c.customer_id,
        max(case when s.status in ('active', 'trialing', 'past_due') then s.plan end) as plan,
        sum(case when s.status in ('active', 'past_due') then s.mrr else 0 end) as mrr
    from {{ ref('stg_stripe__customers') }} as c
    left join {{ ref('stg_stripe__subscriptions') }} as s on s.customer_id = c.customer_id
    group by 1, 2
),

revenue as (
    select customer_id, sum(amount_paid) as lifetime_revenue
    from {{ ref('stg_stripe__invoices') }}
    where status = 'paid'
    group by 1
),

crm as (
    select co.organization_id, co.lifecycle_stage, ow.name as crm_owner
    from {{ ref('stg_hubspot__companies') }} as co
    left join {{ ref('stg_hubspot__owners') }} as ow on ow.owner_id = co.owner_id
),

engagement as (
    select
        e.organization_id,
        count(*) as events_30d,
        count(distinct e.user_id) as active_users_30d,
        max(e.event_at) as last_event_at
    from {{ ref('stg_amplitude__events') }} as e, as_of
    where e.event_at > as_of.at - interval 30 day
    group by 1
),

errors as (
    select organization_id, count(*) as api_errors
    from {{ ref('stg_gcp_logs__errors') }}
    where organization_id is not null
    group by 1
)

select
    o.organization_id,
    o.name,
    o.domain,
    o.country,
    o.industry,
    o.created_at as signed_up_at,
    o.deleted_at,
    coalesce(users.users, 0) as users,
    users.last_login_at,
    coalesce(spaces.spaces, 0) as spaces,
    coalesce(spaces.collections, 0) as collections,
    billing.customer_id as stripe_customer_id,
    billing.plan,
    coalesce(billing.mrr, 0) as mrr,
    coalesce(revenue.lifetime_revenue, 0) as lifetime_revenue,
    crm.lifecycle_stage,
    crm.crm_owner,
    am.account_manager,
    coalesce(support.conversations, 0) as support_conversations,
    coalesce(support.open_conversations, 0) as open_support_conversations,
    coalesce(engagement.events_30d, 0) as events_30d,
    coalesce(engagement.active_users_30d, 0) as active_users_30d,
    engagement.last_event_at,
    coalesce(errors.api_errors, 0) as api_errors
from {{ ref('stg_firestore__organizations') }} as o
left join users on users.organization_id = o.organization_id
left join spaces on spaces.organization_id = o.organization_id
left join billing on billing.organization_id = o.organization_id
left join revenue on revenue.customer_id = billing.customer_id
left join crm on crm.organization_id = o.organization_id
left join {{ ref('stg_google_sheets__account_managers') }} as am on am.organization_id = o.organization_id
left join {{ ref('fct_support_load') }} as support on support.organization_id = o.organization_id
left join engagement on engagement.organization_id = o.organization_id
left join errors on errors.organization_id = o.organization_id
