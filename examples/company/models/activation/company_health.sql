-- A health score per customer company in HubSpot, for account managers: engagement,
-- support load and API errors over the last 30 days. Sent by syncs/hubspot_company_health.yml.
with scored as (
    select
        c.organization_id,
        c.mrr,
        greatest(0, least(100,
            50
            + least(30, c.active_users_30d * 5)
            + least(20, c.events_30d / 50)
            - least(30, c.open_support_conversations * 10)
            - least(20, c.api_errors * 2)
        )) as health_score
    from {{ ref('dim_customer_360') }} as c
    where c.mrr > 0
)

select
    s.organization_id,
    h.company_id as hubspot_company_id,
    s.health_score,
    case when s.health_score >= 70 then 'healthy' when s.health_score >= 40 then 'watch' else 'at_risk' end as health_tier
from scored as s
join {{ ref('stg_hubspot__companies') }} as h on h.organization_id = s.organization_id
