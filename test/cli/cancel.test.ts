import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { openProject } from '../../src/cli/project-session.js';
import { runTransform } from '../../src/transform/execute/run-transform.js';
import { tempDir, writeFiles } from '../support/cli-harness.js';

describe('cancellation', () => {
  it('interrupts the running statement, skips what is left and records it', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, {
        'basin.yml': 'name: cancel\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\nthreads: 1\n',
        'models/slow.sql': "{{ config(materialized='table') }}\nselect count(*) as n from range(100000000000) t(i) where i % 7 = 3",
        'models/after.sql': "select * from {{ ref('slow') }}",
      });
      const session = await openProject({ project: dir }, dir, silentLogger);
      try {
        const controller = new AbortController();
        const started = Date.now();
        setTimeout(() => controller.abort(), 300);
        const summary = await runTransform(session.manifest, session.warehouse, {
          command: 'run',
          logger: silentLogger,
          signal: controller.signal,
        });
        expect(Date.now() - started).toBeLessThan(10_000);
        const byId = new Map(summary.results.map((r) => [r.uniqueId, r]));
        expect(byId.get('model.cancel.slow')?.status).toBe('error');
        expect(byId.get('model.cancel.slow')?.message).toMatch(/cancelled/);
        expect(byId.get('model.cancel.after')?.status).toBe('skipped');
        expect(summary.failed).toBe(true);
        // Nothing half-built was left behind.
        expect(await session.warehouse.getRelation({ schema: 'main', name: 'slow' })).toBeUndefined();
      } finally {
        await session.close();
      }
    } finally {
      await cleanup();
    }
  });
});
