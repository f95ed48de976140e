{{ config(materialized='table') }}

-- Monthly recurring revenue per customer and month, from paid invoices.
select
    customer_id,
    date_trunc('month', created_at) as month,
    sum(amount) as mrr
from {{ ref('stg_invoices') }}
where status = 'paid'
group by 1, 2
