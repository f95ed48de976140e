-- Errors the product's API logged, attributed to the calling organization when known.
select
    insert_id,
    timestamp as logged_at,
    severity,
    labels__organization_id as organization_id,
    http_request__status as http_status,
    http_request__request_url as request_url
from {{ source('gcp_logs', 'entries') }}
where severity in ('ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY')
