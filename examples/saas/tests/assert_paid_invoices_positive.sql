-- A paid invoice must have a positive amount.
select invoice_id, amount
from {{ ref('stg_invoices') }}
where status = 'paid' and amount <= 0
