-- Support load per organization: conversations (matched by the customer's e-mail domain),
-- how many are open, and how long closing takes.
select
    o.organization_id,
    o.name as organization,
    count(c.conversation_id) as conversations,
    count(case when c.status <> 'closed' then 1 end) as open_conversations,
    avg(case when c.closed_at is not null then date_diff('minute', c.created_at, c.closed_at) / 60.0 end) as avg_hours_to_close,
    count(c.conversation_id) * 1.0 / greatest(max(o.seats), 1) as conversations_per_seat
from {{ ref('stg_firestore__organizations') }} as o
left join {{ ref('stg_help_scout__conversations') }} as c on c.customer_domain = o.domain
group by 1, 2
