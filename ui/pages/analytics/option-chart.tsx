/**
 * An ECharts chart of a ready option (core build: bar and line, canvas
 * renderer, `useEChart`), redrawn when the option changes, resized with its box. The
 * host carries `data-rendered` once drawn and `data-points` (the first
 * series' point count) for tests.
 */
import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from '../../../src/dashboards/chart-option';
import { useEChart } from '../../use-echart';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function OptionChart(props: { option: EChartsOption; name: string; label: string; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const instance = useEChart(host);

  useEffect(() => {
    const chart = instance.current;
    const el = host.current;
    if (!chart || !el) return;
    chart.setOption(props.option, { notMerge: true });
    const series = (props.option['series'] as Array<{ data?: unknown[] }> | undefined) ?? [];
    el.dataset['points'] = String(series[0]?.data?.length ?? 0);
    el.dataset['series'] = String(series.length);
    el.dataset['rendered'] = 'true';
  }, [props.option]);

  return <div className="ax-chart" ref={host} data-chart={props.name} role="img" aria-label={props.label} style={{ height: props.height ?? 320 }} />;
}
