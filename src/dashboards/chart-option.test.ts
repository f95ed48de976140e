import { describe, expect, it } from 'vitest';
import type { ChartBlock } from './dashboard.js';
import { chartOption } from './chart-option.js';

const chart = (extra: Partial<ChartBlock>): ChartBlock => ({ kind: 'chart', id: 'c', type: 'line', data: 'q', y: [], location: { file: 'f' }, ...extra });

describe('chartOption', () => {
  it('labels dates the same whether they arrive as Date objects (export) or ISO text (browser)', () => {
    const asDates = chartOption(chart({ x: 'week', y: ['n'] }), [{ week: new Date('2024-12-30T00:00:00Z'), n: 1 }]);
    const asText = chartOption(chart({ x: 'week', y: ['n'] }), [{ week: '2024-12-30T00:00:00.000Z', n: 1 }]);
    expect((asText['xAxis'] as { data: string[] }).data).toEqual(['2024-12-30']);
    expect(asText['xAxis']).toEqual(asDates['xAxis']);
  });

  it('draws a band from lower / upper as a stacked pair, one series per series value, and a cohort heat map', () => {
    const band = chartOption(chart({ x: 'm', y: ['v'], lower: 'lo', upper: 'hi' }), [{ m: 'a', v: 2, lo: 1, hi: 4 }]);
    const series = band['series'] as Array<{ name: string; data: Array<number | null>; stack?: string }>;
    expect(series.map((x) => [x.name, x.data, x.stack])).toEqual([['v', [2], undefined], ['lo', [1], 'band'], ['lo–hi', [3], 'band']]);
    const split = chartOption(chart({ type: 'bar', x: 'm', y: ['v'], series: 'plan' }), [{ m: 'a', plan: 'free', v: 1 }, { m: 'a', plan: 'team', v: 2 }, { m: 'b', plan: 'team', v: 3 }]);
    expect((split['series'] as Array<{ name: string; data: unknown[] }>).map((x) => [x.name, x.data])).toEqual([['free', [1, null]], ['team', [2, 3]]]);
    const cohort = chartOption(chart({ type: 'cohort', x: 'period', series: 'cohort', y: ['rate'] }), [{ cohort: 'w1', period: 0, rate: 1 }, { cohort: 'w1', period: 1, rate: 0.5 }]);
    expect((cohort['series'] as Array<{ type: string; data: unknown[] }>)[0]).toMatchObject({ type: 'heatmap', data: [[0, 0, 1], [1, 0, 0.5]] });
  });

  it('keeps a null cohort cell null (ECharts draws no cell) and out of the color scale', () => {
    const rows = [
      { cohort: 'w1', period: 0, rate: 1 },
      { cohort: 'w1', period: 1, rate: 0.25 },
      { cohort: 'w2', period: 0, rate: 1 },
      { cohort: 'w2', period: 1, rate: null },
    ];
    const option = chartOption(chart({ type: 'cohort', x: 'period', series: 'cohort', y: ['rate'], format: 'percent' }), rows);
    const series = (option['series'] as Array<{ data: unknown[]; label: { formatter: (p: { value: unknown[] }) => string } }>)[0]!;
    expect(series.data).toEqual([[0, 0, 1], [1, 0, 0.25], [0, 1, 1], [1, 1, null]]);
    expect(series.label.formatter({ value: [1, 1, null] })).toBe('');
    expect(option['visualMap']).toMatchObject({ min: 0.25, max: 1 });
  });
});
