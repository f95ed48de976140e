with customers as (
    select * from {{ ref('stg_customers') }}
),
subscriptions as (
    select * from {{ ref('stg_subscriptions') }}
    where {{ in_list('status', paying_statuses()) }}
),
revenue as (
    select customer_id, sum(amount) as lifetime_revenue, count(*) as invoices
    from {{ ref('stg_invoices') }}
    where status = 'paid'
    group by customer_id
)
select
    c.customer_id,
    c.customer_name,
    c.email,
    c.company_domain,
    c.country,
    c.created_at,
    coalesce(s.plan, 'free') as plan,
    p.tier as plan_tier,
    coalesce(s.mrr, 0) as mrr,
    coalesce(r.lifetime_revenue, 0) as lifetime_revenue,
    coalesce(r.invoices, 0) as paid_invoices,
    coalesce(a.events, 0) as events,
    coalesce(a.active_users, 0) as active_users,
    a.last_event_at
from customers c
left join subscriptions s on s.customer_id = c.customer_id
left join {{ ref('plans') }} p on p.plan = coalesce(s.plan, 'free')
left join revenue r on r.customer_id = c.customer_id
left join {{ ref('int_customer_activity') }} a on a.customer_id = c.customer_id
