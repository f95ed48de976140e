select
    id as owner_id,
    email,
    first_name || ' ' || last_name as name
from {{ source('hubspot', 'owners') }}
where not archived
