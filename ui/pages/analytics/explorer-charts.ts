/**
 * The explorer's chart options, pure. Active users and stickiness go through
 * dashboards' `chartOption` (the same line and bar charts as a dashboard);
 * the funnel has its own: one bar series per breakdown value side by side
 * (not stacked), each bar labelled with its conversion from step 1.
 */
import { chartOption, type EChartsOption } from '../../../src/dashboards/chart-option';
import type { ChartBlock } from '../../../src/dashboards/dashboard';
import type { ActiveUsersDay, FunnelGroupResult, StickinessPeriod } from '../../../src/server/analytics/analytics-json';
import { percent } from './explorer-format';

function block(type: ChartBlock['type'], x: string, y: string[], extra: Partial<ChartBlock> = {}): ChartBlock {
  return { kind: 'chart', id: `analytics_${type}`, type, data: 'analytics', x, y, location: { file: 'analytics' }, ...extra };
}

/** A group's label in legends and tables. */
export function groupLabel(group: Pick<FunnelGroupResult, 'breakdown'>, brokenDown: boolean): string {
  if (!brokenDown) return 'All users';
  return group.breakdown === null ? '(none)' : group.breakdown;
}

/** `labels`: the steps as the axis names them (with their filters); the result's event names where missing. */
export function funnelOption(groups: readonly FunnelGroupResult[], brokenDown: boolean, dark: boolean, labels: readonly string[] = []): EChartsOption {
  const text = dark ? '#d6dae3' : '#2b3140';
  const steps = groups[0]?.steps ?? [];
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: text },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 56, right: 24, top: brokenDown ? 40 : 24, bottom: 40 },
    ...(brokenDown ? { legend: { top: 4, right: 8, textStyle: { color: text } } } : {}),
    xAxis: { type: 'category', data: steps.map((s) => `${s.step}. ${labels[s.step - 1] ?? s.event}`) },
    yAxis: { type: 'value', name: 'users' },
    series: groups.map((g) => ({
      type: 'bar',
      name: groupLabel(g, brokenDown),
      barMaxWidth: 64,
      data: g.steps.map((s) => ({ value: s.users, rate: s.conversionFromFirst })),
      label: { show: groups.length <= 4, position: 'top', color: text, formatter: (p: { data: { rate: number | null } }) => percent(p.data.rate, 0) },
    })),
  };
}

export function activeUsersOption(days: readonly ActiveUsersDay[], dark: boolean): EChartsOption {
  return chartOption(block('line', 'day', ['dau', 'wau', 'mau']), days as unknown as Array<Record<string, unknown>>, { dark });
}

/**
 * Stickiness over the whole range: for n = 1, 2, ... the users active on
 * exactly n days of a period, summed over the periods (a user counts once per
 * period they were active in).
 */
export function stickinessTotals(periods: readonly StickinessPeriod[]): Array<{ days: string; users: number }> {
  const longest = Math.max(0, ...periods.map((p) => p.exactly.length));
  return Array.from({ length: longest }, (_, i) => ({ days: `${i + 1} d`, users: periods.reduce((sum, p) => sum + (p.exactly[i] ?? 0), 0) }));
}

export function stickinessOption(periods: readonly StickinessPeriod[], dark: boolean): EChartsOption {
  return chartOption(block('bar', 'days', ['users']), stickinessTotals(periods), { dark });
}
