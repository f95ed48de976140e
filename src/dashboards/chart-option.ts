/**
 * A chart block and its query's rows as an ECharts option, pure (no ECharts
 * import): the same option draws the chart in the browser and renders the
 * static SVG of an exported page. line / area / bar: one series per `y`
 * column, or per value of `series`; `lower` / `upper` add a shaded band
 * (forecast intervals). scatter: numeric x and y. funnel: `x` names the
 * steps, `y` their counts. cohort: a heat map of `y` by cohort (`series`)
 * and period (`x`); a NULL value (a retention period not observable yet)
 * stays null, an empty cell, and the color scale ignores it. `table` and
 * `big_number` are not ECharts charts.
 */
import type { ChartBlock } from './dashboard.js';

type Row = Record<string, unknown>;
export type EChartsOption = Record<string, unknown>;

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A category label: dates and timestamps (Date objects on the server, ISO text in the browser) as `YYYY-MM-DD[ HH:MM]`. */
function label(value: unknown): string {
  if (typeof value === 'string' && ISO_TIMESTAMP.test(value)) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return label(d);
  }
  if (value instanceof Date) return value.toISOString().slice(0, value.getUTCHours() || value.getUTCMinutes() ? 16 : 10).replace('T', ' ');
  if (value === null || value === undefined) return '∅';
  return String(value);
}

function num(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'bigint' ? Number(value) : Number(value);
  return Number.isFinite(n) ? n : null;
}

function firstColumn(rows: readonly Row[], pick: (v: unknown) => boolean, except: readonly string[] = []): string | undefined {
  const row = rows[0];
  if (!row) return undefined;
  return Object.keys(row).find((k) => !except.includes(k) && pick(row[k]));
}

/** The x and y columns of a chart, defaulted from the rows: x the first non-numeric column, y the first numeric one. */
export function chartColumns(chart: ChartBlock, rows: readonly Row[]): { x: string | undefined; y: string[] } {
  const x = chart.x ?? firstColumn(rows, (v) => num(v) === null || v instanceof Date) ?? firstColumn(rows, () => true);
  const y = chart.y.length > 0 ? chart.y : [firstColumn(rows, (v) => typeof v === 'number' || typeof v === 'bigint', x ? [x] : [])].filter((c): c is string => c !== undefined);
  return { x, y };
}

/** True for chart types drawn by ECharts. */
export function isEChartsChart(chart: Pick<ChartBlock, 'type'>): boolean {
  return chart.type !== 'table' && chart.type !== 'big_number';
}

/** The ECharts option of `chart` over `rows`. */
export function chartOption(chart: ChartBlock, rows: readonly Row[], options: { dark?: boolean } = {}): EChartsOption {
  const { x, y } = chartColumns(chart, rows);
  const text = options.dark ? '#d6dae3' : '#2b3140';
  const base: EChartsOption = {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: text },
    ...(chart.title ? { title: { text: chart.title, left: 8, top: 4, textStyle: { fontSize: 14, fontWeight: 600, color: text } } } : {}),
    tooltip: { trigger: chart.type === 'scatter' || chart.type === 'cohort' || chart.type === 'funnel' ? 'item' : 'axis' },
    grid: { left: 56, right: 24, top: chart.title ? 48 : 24, bottom: 40 },
  };
  if (chart.type === 'funnel') {
    const value = y[0];
    return {
      ...base,
      series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', top: chart.title ? 48 : 16, bottom: 16, label: { show: true, position: 'inside' }, data: rows.map((r) => ({ name: label(x ? r[x] : ''), value: num(value ? r[value] : null) })) }],
    };
  }
  if (chart.type === 'cohort') {
    const cohortColumn = chart.series ?? firstColumn(rows, () => true, x ? [x] : []);
    const value = y[0];
    const cohorts = [...new Set(rows.map((r) => label(cohortColumn ? r[cohortColumn] : '')))];
    const periods = [...new Set(rows.map((r) => label(x ? r[x] : '')))];
    const data = rows.map((r) => [periods.indexOf(label(x ? r[x] : '')), cohorts.indexOf(label(cohortColumn ? r[cohortColumn] : '')), num(value ? r[value] : null)]);
    const values = data.map((d) => d[2]).filter((v): v is number => typeof v === 'number');
    return {
      ...base,
      grid: { ...(base['grid'] as object), left: 96, bottom: 56 },
      xAxis: { type: 'category', data: periods, splitArea: { show: true } },
      yAxis: { type: 'category', data: cohorts, inverse: true, splitArea: { show: true } },
      visualMap: { min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, textStyle: { color: text } },
      series: [{ type: 'heatmap', data, label: { show: periods.length <= 16, formatter: (p: { value: [number, number, number | null] }) => (p.value[2] === null ? '' : formatValue(p.value[2], chart.format)) } }],
    };
  }
  if (chart.type === 'scatter') {
    return {
      ...base,
      xAxis: { type: 'value', name: x, scale: true },
      yAxis: { type: 'value', scale: true },
      series: y.map((col) => ({ type: 'scatter', name: col, symbolSize: 7, data: rows.map((r) => [num(x ? r[x] : null), num(r[col])]) })),
      ...(y.length > 1 ? { legend: { top: 4, right: 8, textStyle: { color: text } } } : {}),
    };
  }
  // line, area, bar: categories along x (dates as text), a series per y column or per `series` value.
  const categories = [...new Set(rows.map((r) => label(x ? r[x] : '')))];
  const seriesType = chart.type === 'bar' ? 'bar' : 'line';
  const area = chart.type === 'area';
  const series: Array<Record<string, unknown>> = [];
  if (chart.series && y[0]) {
    const groups = new Map<string, Map<string, number | null>>();
    for (const r of rows) {
      const g = label(r[chart.series]);
      if (!groups.has(g)) groups.set(g, new Map());
      groups.get(g)!.set(label(x ? r[x] : ''), num(r[y[0]]));
    }
    for (const [name, points] of groups) {
      series.push({ type: seriesType, name, showSymbol: false, ...(area ? { areaStyle: { opacity: 0.25 }, stack: 'total' } : {}), ...(chart.type === 'bar' ? { stack: 'total' } : {}), data: categories.map((c) => points.get(c) ?? null) });
    }
  } else {
    for (const col of y) series.push({ type: seriesType, name: col, showSymbol: false, ...(area ? { areaStyle: { opacity: 0.25 } } : {}), data: rows.map((r) => num(r[col])) });
  }
  if (chart.lower && chart.upper) {
    // The band: an invisible series at the lower bound and the band's height stacked on it.
    const lower = chart.lower;
    const upper = chart.upper;
    series.push(
      { type: 'line', name: `${lower}`, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, data: rows.map((r) => num(r[lower])), tooltip: { show: false } },
      {
        type: 'line',
        name: `${lower}–${upper}`,
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { opacity: 0.2 },
        data: rows.map((r) => {
          const lo = num(r[lower]);
          const hi = num(r[upper]);
          return lo === null || hi === null ? null : hi - lo;
        }),
      },
    );
  }
  return {
    ...base,
    ...(series.length > 1 ? { legend: { top: 4, right: 8, textStyle: { color: text } } } : {}),
    xAxis: { type: 'category', data: categories, boundaryGap: chart.type === 'bar' },
    yAxis: { type: 'value', scale: chart.type !== 'bar' },
    series,
  };
}

/** A number as the chart's `format` asks. */
export function formatValue(value: unknown, format?: string): string {
  const n = num(value);
  if (n === null) return value === null || value === undefined ? '' : String(value);
  if (format === 'percent') return `${(n * 100).toFixed(1)} %`;
  if (format === 'currency') return n.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
  if (format === 'compact') return n.toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 1 });
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
