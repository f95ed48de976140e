select
    organization_id,
    account_manager,
    account_manager_email
from {{ source('google_sheets', 'account_managers') }}
where organization_id is not null
