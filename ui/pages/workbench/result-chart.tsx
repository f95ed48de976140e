/**
 * The quick chart of a result: type (bar, line, area, scatter), x and y
 * column pickers with sensible defaults, drawn by ECharts (core build with
 * only these charts, SVG renderer) and redrawn when the theme changes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { defaultAxes, QUICK_CHART_TYPES, quickChartOption, type ChartColours, type QuickChartType } from './chart-model';
import type { QueryColumn, Row } from './grid-model';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, TooltipComponent, SVGRenderer]);

/** Rows drawn at most (the chart stays responsive; the grid and CSV have them all). */
export const CHART_ROW_LIMIT = 2_000;

function themeColours(): ChartColours {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { text: v('--text', '#1b2330'), muted: v('--muted', '#667085'), border: v('--border', '#e1e4ea') };
}

export function ResultChart(props: { columns: QueryColumn[]; rows: Row[]; dark: boolean }) {
  const [type, setType] = useState<QuickChartType>('bar');
  const [picked, setPicked] = useState<{ x?: string; y?: string }>({});
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts>();
  const names = props.columns.map((c) => c.name);

  useEffect(() => setPicked({}), [props.columns]);
  const defaults = useMemo(() => defaultAxes(type, props.columns, props.rows), [type, props.columns, props.rows]);
  const x = picked.x !== undefined && names.includes(picked.x) ? picked.x : defaults?.x;
  const y = picked.y !== undefined && names.includes(picked.y) ? picked.y : defaults?.y;
  const rows = props.rows.length > CHART_ROW_LIMIT ? props.rows.slice(0, CHART_ROW_LIMIT) : props.rows;

  useEffect(() => {
    if (!host.current) return;
    const instance = echarts.init(host.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(host.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, [x === undefined || y === undefined]);

  useEffect(() => {
    if (!chart.current || x === undefined || y === undefined) return;
    chart.current.setOption(quickChartOption(type, { x, y }, rows, props.dark, themeColours()), { notMerge: true });
    host.current?.setAttribute('data-chart', `${type}:${x}:${y}`);
  }, [type, x, y, rows, props.dark]);

  return (
    <div className="wb-chart">
      <div className="wb-chart-controls">
        <div className="segmented" role="tablist" aria-label="Chart type">
          {QUICK_CHART_TYPES.map((t) => (
            <button key={t} type="button" role="tab" aria-selected={t === type} onClick={() => setType(t)}>
              {t}
            </button>
          ))}
        </div>
        <label className="select">
          <span>X</span>
          <select name="chart-x" value={x ?? ''} onChange={(e) => setPicked({ ...picked, x: e.target.value })}>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label className="select">
          <span>Y</span>
          <select name="chart-y" value={y ?? ''} onChange={(e) => setPicked({ ...picked, y: e.target.value })}>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        {props.rows.length > CHART_ROW_LIMIT && <span className="muted small">Drawing the first {CHART_ROW_LIMIT.toLocaleString('en-US')} rows.</span>}
      </div>
      {x === undefined || y === undefined ? (
        <div className="state state-empty">
          <strong>Nothing to draw</strong>
          <p>A chart needs at least one column of numbers.</p>
        </div>
      ) : (
        <div className="wb-chart-canvas" ref={host} role="img" aria-label={`${type} chart of ${y} by ${x}`} />
      )}
    </div>
  );
}
