/**
 * A dashboard chart drawn by ECharts (core build: line, bar, scatter,
 * funnel, heat map; the canvas renderer, which draws a page of six charts
 * faster than SVG) from the option `chartOption` builds, redrawn when
 * the theme or the rows change, resized with its box. With `onPick`, a click on a point reports its x value (cross-filtering). The
 * host carries `data-rendered` once drawn and `data-points` (the first
 * series' point count) for tests and the benchmark.
 */
import { useEffect, useRef } from 'react';
import { BarChart, FunnelChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { chartOption } from '../../../src/dashboards/chart-option';
import { useEChart } from '../../use-echart';
import type { ChartBlock, QueryResultJson } from './dashboard-json';

echarts.use([BarChart, FunnelChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

interface ClickParams {
  name?: string;
  value?: unknown;
  seriesType?: string;
}

/** The x value of a clicked point: the category name, or a scatter point's x. */
function pickedValue(p: ClickParams): string | undefined {
  if (p.seriesType === 'scatter' && Array.isArray(p.value)) return p.value[0] === null || p.value[0] === undefined ? undefined : String(p.value[0]);
  return p.name === undefined || p.name === '' ? undefined : p.name;
}

export function EChart(props: { chart: ChartBlock; result: QueryResultJson; dark: boolean; onPick?: ((value: string) => void) | undefined }) {
  const host = useRef<HTMLDivElement>(null);
  const pick = useRef(props.onPick);
  pick.current = props.onPick;
  const instance = useEChart(host, (chart) =>
    chart.on('click', (p) => {
      const value = pickedValue(p as ClickParams);
      if (value !== undefined) pick.current?.(value);
    }),
  );

  useEffect(() => {
    const chart = instance.current;
    const el = host.current;
    if (!chart || !el) return;
    const option = chartOption(props.chart, props.result.rows, { dark: props.dark });
    chart.setOption(option, { notMerge: true });
    const series = (option['series'] as Array<{ data?: unknown[] }> | undefined) ?? [];
    el.dataset['points'] = String(series[0]?.data?.length ?? 0);
    el.dataset['rendered'] = 'true';
  }, [props.chart, props.result, props.dark]);

  return <div className={`db-echart${props.onPick ? ' pickable' : ''}`} ref={host} data-chart-type={props.chart.type} role="img" aria-label={`${props.chart.type} chart${props.chart.title ? `: ${props.chart.title}` : ''}`} />;
}
