-- Revenue per day from the custom source's orders and their line items.
select
    cast(o.ordered_at as date) as order_date,
    count(distinct o.id) as orders,
    sum(l.quantity * l.unit_price_cents) / 100.0 as revenue
from {{ source('shop', 'orders') }} as o
join {{ source('shop', 'orders__lines') }} as l
    on l._basin_parent_id = o._basin_id
group by 1
order by 1
