select
    cast(month as date) as month,
    total_mrr_target as mrr_target
from {{ source('google_sheets', 'revenue_targets') }}
where month is not null
