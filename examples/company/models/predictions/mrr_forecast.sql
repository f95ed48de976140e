-- Monthly recurring revenue six months ahead, with 95% prediction intervals
-- (materialized: forecast, configured in _predictions.yml). The backtest against
-- the seasonal-naive baseline lands in mrr_forecast__evaluation.
-- The current month is still being invoiced: only complete months are history.
select month, mrr
from {{ ref('fct_mrr_by_month') }}
where month < (select max(month) from {{ ref('fct_mrr_by_month') }})
