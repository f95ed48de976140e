import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { basin, tempDir, writeFiles } from '../support/cli-harness.js';

const DASHBOARD = `---
title: Signups
tags: [growth]
---

# Signups by plan

\`\`\`input
name: plan
type: dropdown
options: { query: plans, column: plan }
all: true
\`\`\`

\`\`\`sql plans
select distinct plan from {{ ref('signups') }} order by 1
\`\`\`

\`\`\`sql by_plan
select plan, count(*) as signups from {{ ref('signups') }}
where \${inputs.plan} is null or plan = \${inputs.plan}
group by 1 order by 1
\`\`\`

\`\`\`chart
type: bar
data: by_plan
title: Signups per plan
\`\`\`

\`\`\`chart
type: table
data: by_plan
\`\`\`
`;

async function project(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const t = await tempDir();
  await writeFiles(t.dir, {
    'basin.yml': 'name: dash\nwarehouse: { type: duckdb, path: wh.duckdb }\n',
    'seeds/signups.csv': 'id,plan\n1,free\n2,free\n3,team\n4,enterprise\n',
    'dashboards/signups.md': DASHBOARD,
  });
  expect((await basin(['seed', '--project', t.dir], t.dir)).code).toBe(0);
  return t;
}

describe('basin dashboards', () => {
  it('lists dashboards and exports one as HTML with the inputs applied; a bad input is refused by name', async () => {
    const { dir, cleanup } = await project();
    try {
      const ls = await basin(['dashboards', 'ls', '--project', dir, '--json'], dir);
      expect(ls.code, ls.stderr).toBe(0);
      expect(JSON.parse(ls.stdout)).toEqual([expect.objectContaining({ dashboard: 'signups', title: 'Signups', reads: ['signups'], queries: 2, charts: 2, tags: ['growth'] })]);

      const out = path.join(dir, 'team.html');
      const exported = await basin(['dashboards', 'export', 'signups', '--project', dir, '--input', 'plan=team', '--out', out], dir);
      expect(exported.code, exported.stderr).toBe(0);
      const html = await readFile(out, 'utf8');
      expect(html).toContain('<h1>Signups by plan</h1>');
      expect(html).toMatch(/<td>team<\/td><td>1<\/td>/);
      expect(html).not.toContain('<td>free</td>');
      expect(html).toContain('<svg');

      const bad = await basin(['dashboards', 'export', 'signups', '--project', dir, '--input', "plan=x' or '1'='1"], dir);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/input plan: "x' or '1'='1" is not one of its options/);
    } finally {
      await cleanup();
    }
  });

  it.skipIf(!existsSync('/usr/bin/chromium'))('exports a PDF through headless Chromium', async () => {
    const { dir, cleanup } = await project();
    try {
      const out = path.join(dir, 'signups.pdf');
      const exported = await basin(['dashboards', 'export', 'signups', '--project', dir, '--format', 'pdf', '--out', out], dir);
      expect(exported.code, exported.stderr).toBe(0);
      const pdf = await readFile(out);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(5_000);
    } finally {
      await cleanup();
    }
  }, 90_000);
});
