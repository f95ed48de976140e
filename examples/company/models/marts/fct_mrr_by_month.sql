-- Monthly recurring revenue from paid subscription invoices (by the month they were issued:
-- a renewal invoice opens its period), with new and churned customers and the month's target
-- from the finance team's spreadsheet.
with paid as (
    select
        customer_id,
        date_trunc('month', created_at) as month,
        sum(total) as amount
    from {{ ref('stg_stripe__invoices') }}
    where subscription_id is not null and status = 'paid' and total > 0
    group by 1, 2
),

first_paid as (
    select customer_id, min(month) as month from paid group by 1
),

churned as (
    select date_trunc('month', ended_at) as month, count(*) as churned_customers
    from {{ ref('stg_stripe__subscriptions') }}
    where status = 'canceled' and ended_at is not null
    group by 1
)

select
    paid.month,
    count(distinct paid.customer_id) as paying_customers,
    sum(paid.amount) as mrr,
    count(distinct case when first_paid.month = paid.month then paid.customer_id end) as new_customers,
    coalesce(max(churned.churned_customers), 0) as churned_customers,
    max(targets.mrr_target) as mrr_target
from paid
left join first_paid on first_paid.customer_id = paid.customer_id
left join churned on churned.month = paid.month
left join {{ ref('stg_google_sheets__revenue_targets') }} as targets on targets.month = cast(paid.month as date)
group by paid.month
