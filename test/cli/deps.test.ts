import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { basin, queryRows, tempDir, writeFiles } from '../support/cli-harness.js';

describe('basin deps', () => {
  it('installs local and git packages from packages.yml, and their macros (dispatched too) run in models', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      // A local package, and a git repository on disk with two tags.
      await writeFiles(path.join(dir, 'pkgs/money'), {
        'dbt_project.yml': "name: money\nversion: '0.2.0'\nconfig-version: 2\n",
        'macros/cents.sql': '{% macro cents_to_dollars(col) %}({{ col }} / 100.0){% endmacro %}\n',
        'target/junk.txt': 'not copied',
      });
      const repo = path.join(dir, 'repos/text_utils');
      await writeFiles(repo, {
        'dbt_project.yml': "name: text_utils\nversion: '1.0.0'\nconfig-version: 2\n",
        'macros/shout.sql': [
          "{% macro shout(col) %}{{ return(adapter.dispatch('shout', 'text_utils')(col)) }}{% endmacro %}",
          "{% macro default__shout(col) %}upper({{ col }}) || '!'{% endmacro %}",
          '',
        ].join('\n'),
      });
      const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { stdio: 'pipe' });
      git('init', '-q');
      git('add', '.');
      git('commit', '-qm', 'v1');
      git('tag', 'v1');
      await writeFiles(repo, { 'macros/shout.sql': "{% macro shout(col) %}'changed after v1'{% endmacro %}\n" });
      git('commit', '-qam', 'v2');

      const project = path.join(dir, 'proj');
      await writeFiles(project, {
        'basin.yml': 'name: uses_packages\nwarehouse: { type: duckdb, path: wh.duckdb }\n',
        'packages.yml': 'packages:\n  - local: ../pkgs/money\n  - git: ../repos/text_utils\n    revision: v1\n',
        'models/priced.sql': "select {{ cents_to_dollars('1250') }} as dollars, {{ shout(\"'hey'\") }} as said\n",
      });
      const installed = await basin(['deps', '--project', project, '--json'], project);
      expect(installed.code, installed.stderr).toBe(0);
      expect(JSON.parse(installed.stdout)).toEqual([
        { name: 'money', version: '0.2.0', source: '../pkgs/money', dir: 'dbt_packages/money' },
        { name: 'text_utils', version: '1.0.0', source: '../repos/text_utils', dir: 'dbt_packages/text_utils' },
      ]);
      expect(existsSync(path.join(project, 'dbt_packages/money/target'))).toBe(false);
      expect((await basin(['build', '--project', project], project)).code).toBe(0);
      expect(await queryRows(project, 'select dollars, said from priced')).toEqual([{ dollars: 12.5, said: 'HEY!' }]);

      // Hub packages cannot be fetched here: the message says what to do instead.
      await writeFiles(project, { 'packages.yml': 'packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.3.0\n' });
      const hub = await basin(['deps', '--project', project], project);
      expect(hub.code).toBe(2);
      expect(hub.stderr).toMatch(/packages\.yml.*dbt-labs\/dbt_utils: dbt Hub packages need the Hub's index/s);
    } finally {
      await cleanup();
    }
  }, 60_000);
});
