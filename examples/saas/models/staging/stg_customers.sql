select
    id as customer_id,
    name as customer_name,
    lower(email) as email,
    company_domain,
    cast(created_at as timestamp) as created_at,
    country
from {{ ref('raw_customers') }}
