import { describe, expect, it } from 'vitest';
import { parseDashboard } from './parse-dashboard.js';
import { renderDashboardHtml } from './render-html.js';
import type { DashboardRun } from './run-dashboard.js';

const page = parseDashboard(
  `# Sales <script>

\`\`\`sql monthly
select 1
\`\`\`

\`\`\`chart
type: line
data: monthly
title: Revenue & more
x: month
y: [revenue]
lower: low
upper: high
\`\`\`

\`\`\`chart
type: big_number
data: monthly
value: revenue
format: currency
\`\`\`

\`\`\`chart
type: table
data: broken
\`\`\`

\`\`\`sql broken
select nope
\`\`\`
`,
  { name: 'sales', file: 'dashboards/sales.md' },
);

const run: DashboardRun = {
  dataVersion: 'v',
  inputs: [{ name: 'range', type: 'date_range', value: { start: '2026-01-01', end: '2026-03-31' } }],
  queries: {
    monthly: {
      columns: [{ name: 'month', type: 'DATE' }, { name: 'revenue', type: 'DOUBLE' }, { name: 'low', type: 'DOUBLE' }, { name: 'high', type: 'DOUBLE' }],
      rows: [
        { month: '2026-01-01', revenue: 1200.5, low: 1100, high: 1300 },
        { month: '2026-02-01', revenue: 1500, low: 1400, high: 1600 },
      ],
      truncated: false,
      cached: false,
      ms: 1,
    },
    broken: { columns: [], rows: [], truncated: false, cached: false, ms: 1, error: 'column "nope" does not exist' },
  },
};

describe('renderDashboardHtml', () => {
  it('renders a self-contained page: escaped title, SVG charts with bands, big numbers, per-chart errors, the inputs', async () => {
    const html = await renderDashboardHtml(page, run, { generatedAt: new Date('2026-04-01T08:00:00Z') });
    expect(html).toContain('<h1>Sales &lt;script&gt;</h1>');
    expect(html).toContain('<h3>Revenue &amp; more</h3>');
    expect(html.match(/<svg/g)).toHaveLength(1);
    expect(html).toContain('$1,201');
    expect(html).toContain('column &quot;nope&quot; does not exist');
    expect(html).toContain('2026-01-01 – 2026-03-31');
    expect(html).not.toMatch(/<script|src="http|href="http/);
  });

  it('draws a retention cohort chart with an empty cell, not 0 %, for a period not observable yet (rate null)', async () => {
    const cohorts = parseDashboard('```retention weekly\nstart: sign_up\nperiods: 2\n```\n\n```chart\ntype: cohort\ndata: weekly\nx: period\nseries: cohort\ny: [rate]\nformat: percent\n```\n', {
      name: 'product',
      file: 'dashboards/product.md',
      eventsModel: 'events',
    });
    const week = (cohort: string, users: number, retained: Array<number | null>) => retained.map((n, period) => ({ cohort, period, users, retained: n, rate: n === null ? null : n / users }));
    const rows = [...week('2026-03-02', 4, [4, 1, 2]), ...week('2026-03-09', 2, [2, 1, null])];
    const columns = ['cohort', 'period', 'users', 'retained', 'rate'].map((name) => ({ name, type: name === 'cohort' ? 'VARCHAR' : 'DOUBLE' }));
    const html = await renderDashboardHtml(cohorts, { dataVersion: 'v', inputs: [], queries: { weekly: { columns, rows, truncated: false, cached: false, ms: 1 } } }, { generatedAt: new Date('2026-04-01T08:00:00Z') });
    const labels = [...html.matchAll(/>(\d+\.\d %)</g)].map((m) => m[1]);
    expect(labels.sort()).toEqual(['100.0 %', '100.0 %', '25.0 %', '50.0 %', '50.0 %']);
  });
});
