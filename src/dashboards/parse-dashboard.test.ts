import { describe, expect, it } from 'vitest';
import { parseDashboard } from './parse-dashboard.js';

const page = `---
title: Product
tags: [product, growth]
---

# Product usage

How many people use the product.

\`\`\`input
name: range
type: date_range
default: last_30_days
\`\`\`

\`\`\`input
name: plan
type: dropdown
options: { query: plans, column: plan }
all: true
\`\`\`

\`\`\`sql plans
select distinct plan from {{ ref('dim_customer_360') }}
\`\`\`

\`\`\`sql daily
select day, dau from {{ ref('fct_active_users') }} a join {{ source('amplitude', 'events') }} e using (day)
where day between \${inputs.range.start} and \${inputs.range.end} and (\${inputs.plan} is null or plan = \${inputs.plan})
\`\`\`

\`\`\`chart
type: line
data: daily
x: day
y: dau
filters: plan
\`\`\`

Some closing words.
`;

describe('parseDashboard', () => {
  it('reads front matter, blocks in order, prose, refs and sources', () => {
    const d = parseDashboard(page, { name: 'product', file: 'dashboards/product.md' });
    expect(d).toMatchObject({ name: 'product', title: 'Product', tags: ['product', 'growth'], refs: ['dim_customer_360', 'fct_active_users'], sources: [['amplitude', 'events']] });
    expect(d.blocks.map((b) => (b.kind === 'query' ? `query:${b.name}` : b.kind === 'chart' ? `chart:${b.id}` : b.kind === 'input' ? `input:${b.name}` : 'md'))).toEqual([
      'md',
      'input:range',
      'input:plan',
      'query:plans',
      'query:daily',
      'chart:chart_1',
      'md',
    ]);
    expect(d.blocks[5]).toMatchObject({ type: 'line', data: 'daily', x: 'day', y: ['dau'], filters: 'plan', location: { file: 'dashboards/product.md', line: 32 } });
    expect(d.blocks[2]).toMatchObject({ type: 'dropdown', options: { query: 'plans', column: 'plan' }, allowAll: true });
  });

  it('names the file and line of a bad block', () => {
    const bad = page.replace('type: line', 'type: pie');
    expect(() => parseDashboard(bad, { name: 'p', file: 'dashboards/p.md' })).toThrow(/dashboards\/p\.md:33: type/);
    expect(() => parseDashboard(page.replace('data: daily', 'data: weekly'), { name: 'p', file: 'dashboards/p.md' })).toThrow(/dashboards\/p\.md:32: query "weekly" is not defined on this page \(defined: plans, daily\)/);
    expect(() => parseDashboard(page.replace('${inputs.plan} is null', '${inputs.region} is null'), { name: 'p', file: 'dashboards/p.md' })).toThrow(/:27: input "region" is not defined/);
    expect(() => parseDashboard(page.replace('```sql plans', '```sql daily'), { name: 'p', file: 'dashboards/p.md' })).toThrow(/query "daily" is defined twice/);
    expect(() => parseDashboard('---\nschedule: "0 8 * * 1"\n---\n# x\n', { name: 'p', file: 'dashboards/p.md' })).toThrow(/needs both `schedule:`/);
  });

  it('takes the title from the first heading when the front matter has none, and reads a report', () => {
    const d = parseDashboard('---\nschedule: "0 8 * * 1"\nto: [team@example.com]\n---\n# Weekly revenue\n', { name: 'rev', file: 'dashboards/rev.md' });
    expect(d).toMatchObject({ title: 'Weekly revenue', report: { schedule: '0 8 * * 1', to: ['team@example.com'], format: 'html' } });
  });
});
