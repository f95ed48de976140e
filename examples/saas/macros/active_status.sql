{#- The subscription statuses that count as paying. -#}
{% macro paying_statuses() -%}
    {{ return(['active', 'past_due']) }}
{%- endmacro %}

{% macro in_list(column_name, values) -%}
    {{ column_name }} in ({% for v in values %}'{{ v }}'{% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}
