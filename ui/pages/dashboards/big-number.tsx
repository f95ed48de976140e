/** A `big_number` chart: the first row's `value` column as a large figure, and its `comparison` column with the change. */
import { formatValue } from '../../../src/dashboards/chart-option';
import type { ChartBlock, QueryResultJson } from './dashboard-json';

function firstNumeric(result: QueryResultJson): string | undefined {
  const row = result.rows[0];
  return result.columns.find((c) => row && Number.isFinite(Number(row[c.name])) && row[c.name] !== null)?.name;
}

export function BigNumber(props: { chart: ChartBlock; result: QueryResultJson }) {
  const row = props.result.rows[0] ?? {};
  const column = props.chart.value ?? props.chart.y[0] ?? firstNumeric(props.result);
  const value = column ? row[column] : undefined;
  const comparison = props.chart.comparison ? row[props.chart.comparison] : undefined;
  const v = Number(value);
  const c = Number(comparison);
  const change = comparison !== undefined && comparison !== null && Number.isFinite(v) && Number.isFinite(c) && c !== 0 ? (v - c) / Math.abs(c) : undefined;
  return (
    <div className="db-big" data-value={value === undefined || value === null ? '' : String(value)}>
      <div className="db-big-value">{formatValue(value, props.chart.format)}</div>
      {props.chart.comparison && (
        <div className={`db-big-compare small ${change === undefined ? 'muted' : change >= 0 ? 'up' : 'down'}`}>
          {change !== undefined && `${change >= 0 ? '▲' : '▼'} ${Math.abs(change * 100).toFixed(1)} % `}
          <span className="muted">
            vs {formatValue(comparison, props.chart.format)} ({props.chart.comparison})
          </span>
        </div>
      )}
    </div>
  );
}
