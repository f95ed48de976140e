select plan, count(*) as customers, sum(mrr) as mrr
from {{ ref('dim_customers') }}
group by plan
order by mrr desc
