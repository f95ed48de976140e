{% test unique_month_per_customer(model) %}
select customer_id, month
from {{ model }}
group by customer_id, month
having count(*) > 1
{% endtest %}
