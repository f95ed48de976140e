/**
 * One chart block in its card: title, the "cached" / ms note, the
 * cross-filter chip, and the chart itself, or its loading, error (the
 * query's own message) or empty state.
 */
import { isEChartsChart } from '../../../src/dashboards/chart-option';
import { BigNumber } from './big-number';
import type { ChartBlock, QueryResultJson } from './dashboard-json';
import { DashboardTable } from './dashboard-table';
import { EChart } from './echart';

export interface CrossFilter {
  input: string;
  /** The input's value when it filters (set and not "All"), else undefined. */
  value: string | undefined;
  set(value: string): void;
  clear(): void;
}

function Body(props: { chart: ChartBlock; result: QueryResultJson; dark: boolean; filter: CrossFilter | undefined }) {
  const { chart, result } = props;
  if (result.error) {
    return (
      <div className="state state-error db-chart-error" role="alert">
        <strong>The query {chart.data} failed</strong>
        <p>{result.error}</p>
      </div>
    );
  }
  if (result.rows.length === 0) {
    return (
      <div className="state state-empty">
        <strong>No rows</strong>
        <p>The query {chart.data} returned nothing for these inputs.</p>
      </div>
    );
  }
  if (chart.type === 'table') return <DashboardTable result={result} format={chart.format} />;
  if (chart.type === 'big_number') return <BigNumber chart={chart} result={result} />;
  if (isEChartsChart(chart)) return <EChart chart={chart} result={result} dark={props.dark} onPick={props.filter?.set} />;
  return null;
}

export function ChartCard(props: { chart: ChartBlock; result: QueryResultJson | undefined; loading: boolean; dark: boolean; filter: CrossFilter | undefined }) {
  const { chart, result, filter } = props;
  const wide = chart.type === 'table' || chart.type === 'cohort';
  // ECharts draws the title of a chart it draws; the card shows it otherwise (tables, figures, errors, empty results).
  const drawn = isEChartsChart(chart) && result !== undefined && !result.error && result.rows.length > 0;
  return (
    <section className={`card db-chart db-${chart.type}${wide ? ' wide' : ''}${props.loading ? ' is-loading' : ''}`} data-chart-id={chart.id} data-query={chart.data} aria-busy={props.loading}>
      <div className="db-chart-head">
        {chart.title && !drawn ? <h3>{chart.title}</h3> : <span />}
        <div className="db-chart-meta small muted">
          {filter?.value !== undefined && (
            <button type="button" className="db-chip" onClick={filter.clear} title="Clear this filter" data-filter-chip={filter.input}>
              filtered by {filter.input} = {filter.value} <span aria-hidden="true">×</span>
            </button>
          )}
          {result && !result.error && (
            <span className="db-timing" title={result.cached ? 'Served from the cache: the data it reads has not changed' : 'Ran on the warehouse'}>
              {result.cached ? 'cached' : `${result.ms} ms`}
              {result.truncated ? ' · truncated' : ''}
            </span>
          )}
          {props.loading && <span className="spinner" aria-label="Loading" />}
        </div>
      </div>
      {result ? (
        <Body chart={chart} result={result} dark={props.dark} filter={filter} />
      ) : (
        <div className="state state-loading" role="status">
          <span className="spinner" aria-hidden="true" />
          Loading {chart.data}…
        </div>
      )}
      {filter && filter.value === undefined && result && !result.error && isEChartsChart(chart) && <p className="db-hint small muted">Click a point to filter the page by {filter.input}.</p>}
    </section>
  );
}
