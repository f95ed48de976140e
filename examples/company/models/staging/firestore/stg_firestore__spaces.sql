select
    _id as space_id,
    _path as space_path,
    organization_id,
    name,
    member_count,
    storage_gb,
    cast(created_at as timestamp) as created_at
from {{ source('firestore', 'spaces') }}
