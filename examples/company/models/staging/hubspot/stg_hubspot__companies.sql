-- One row per HubSpot company; properties arrive as text, typed here.
select
    id as company_id,
    properties__name as name,
    properties__domain as domain,
    properties__organization_id as organization_id,
    properties__hubspot_owner_id as owner_id,
    properties__lifecyclestage as lifecycle_stage,
    properties__plan as plan,
    cast(properties__seats as integer) as seats,
    properties__industry as industry,
    properties__country as country,
    created_at
from {{ source('hubspot', 'companies') }}
where not archived
