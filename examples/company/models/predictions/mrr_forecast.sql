-- Monthly recurring revenue six months ahead, with 95% prediction intervals
-- (materialized: forecast, configured in _predictions.yml). The backtest against
-- the seasonal-naive baseline lands in mrr_forecast__evaluation.
select month, mrr
from {{ ref('fct_mrr_by_month') }}
