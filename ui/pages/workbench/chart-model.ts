/**
 * The quick chart's pure parts: which columns can be x and y, sensible
 * defaults (bar, line, area: x the first text or date column, y the first
 * number; scatter: the first two numbers), and the ECharts option, built by
 * the dashboards' chart builder and re-coloured from the page's theme.
 * (Imports spell `.js`: the Node tests import this file too.)
 */
import type { ChartBlock } from '../../../src/dashboards/dashboard.js';
import { chartOption, type EChartsOption } from '../../../src/dashboards/chart-option.js';
import { isNumericType, type QueryColumn, type Row } from './grid-model.js';

export const QUICK_CHART_TYPES = ['bar', 'line', 'area', 'scatter'] as const;
export type QuickChartType = (typeof QUICK_CHART_TYPES)[number];

/** Names of the columns holding numbers (by type, or by the first row's value when the type says nothing). */
export function numericColumns(columns: readonly QueryColumn[], rows: readonly Row[]): string[] {
  return columns.filter((c) => isNumericType(c.type) || typeof rows[0]?.[c.name] === 'number').map((c) => c.name);
}

/** The default x and y of a chart type over a result; undefined when the result has nothing to draw. */
export function defaultAxes(type: QuickChartType, columns: readonly QueryColumn[], rows: readonly Row[]): { x: string; y: string } | undefined {
  const numbers = numericColumns(columns, rows);
  if (type === 'scatter') {
    const [x, y] = numbers;
    return x !== undefined && y !== undefined ? { x, y } : x !== undefined ? { x, y: x } : undefined;
  }
  const x = columns.find((c) => !numbers.includes(c.name))?.name ?? columns[0]?.name;
  const y = numbers.find((n) => n !== x) ?? numbers[0];
  return x !== undefined && y !== undefined ? { x, y } : undefined;
}

/** The page's colours the chart uses (read from the CSS custom properties). */
export interface ChartColours {
  text: string;
  muted: string;
  border: string;
}

/** The ECharts option of a quick chart, axis lines and labels in the theme's colours. */
export function quickChartOption(type: QuickChartType, axes: { x: string; y: string }, rows: readonly Row[], dark: boolean, colours: ChartColours): EChartsOption {
  const block: ChartBlock = { kind: 'chart', id: 'workbench', type, data: 'result', x: axes.x, y: [axes.y], location: { file: 'workbench' } };
  const option = chartOption(block, rows, { dark });
  const axis = (a: unknown, name: string) => ({
    ...(a as object),
    name,
    nameLocation: 'middle',
    nameGap: 28,
    nameTextStyle: { color: colours.muted },
    axisLine: { lineStyle: { color: colours.border } },
    axisLabel: { color: colours.muted },
    splitLine: { lineStyle: { color: colours.border } },
  });
  return {
    ...option,
    textStyle: { color: colours.text },
    grid: { left: 64, right: 24, top: 24, bottom: 48, containLabel: false },
    xAxis: axis(option['xAxis'], axes.x),
    yAxis: { ...axis(option['yAxis'], axes.y), nameGap: 48 },
  };
}
