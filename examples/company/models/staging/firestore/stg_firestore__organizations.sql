-- One row per organization (the product's customers, paying or not).
select
    _id as organization_id,
    name,
    domain,
    country,
    industry,
    paying,
    plan,
    seats,
    cast(created_at as timestamp) as created_at,
    cast(deleted_at as timestamp) as deleted_at
from {{ source('firestore', 'organizations') }}
