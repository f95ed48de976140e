select
    _id as user_id,
    organization_id,
    email,
    display_name,
    login_count,
    disabled,
    cast(created_at as timestamp) as created_at,
    cast(last_login_at as timestamp) as last_login_at
from {{ source('firestore', 'users') }}
