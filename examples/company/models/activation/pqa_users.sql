-- Product-qualified accounts (no paid plan yet, but a team using the product for real),
-- one row per active user of those accounts, with the account's attributes: what the
-- growth team's Customer.io campaigns target. Sent by syncs/customerio_pqa_users.yml.
with accounts as (
    select
        organization_id,
        name as organization_name,
        coalesce(plan, 'free') as plan,
        users,
        active_users_30d,
        events_30d,
        -- 0..100: breadth (active users) and depth (events) of use in the last 30 days.
        least(100, active_users_30d * 10 + events_30d / 20) as pqa_score
    from {{ ref('dim_customer_360') }}
    where mrr = 0
      and deleted_at is null
      and active_users_30d >= 2
)

select
    u.user_id,
    u.email,
    u.display_name,
    u.created_at,
    a.organization_id,
    a.organization_name,
    a.plan,
    a.users as organization_users,
    a.active_users_30d,
    a.pqa_score
from accounts as a
join {{ ref('stg_firestore__users') }} as u on u.organization_id = a.organization_id
where not coalesce(u.disabled, false)
  and u.email is not null
