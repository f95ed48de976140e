-- One row per support conversation; the customer's e-mail domain ties it to an organization.
select
    id as conversation_id,
    number,
    subject,
    status,
    mailbox_id,
    primary_customer__email as customer_email,
    lower(split_part(primary_customer__email, '@', 2)) as customer_domain,
    assignee__email as assignee_email,
    threads as thread_count,
    cast(created_at as timestamp) as created_at,
    cast(closed_at as timestamp) as closed_at
from {{ source('help_scout', 'conversations') }}
