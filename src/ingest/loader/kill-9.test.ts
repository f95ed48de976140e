import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/ingest-kill-test.mjs', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../../dist/ingest/loader/index.js', import.meta.url)));

describe('kill -9 during an ingest (real processes, DuckDB file; uses dist/)', () => {
  it.skipIf(!built)('converges to the source exactly after 3 SIGKILLs, in append and merge mode', () => {
    const res = spawnSync(process.execPath, [script, '--n', '5000', '--kills', '3', '--batch', '250', '--max-delay-ms', '900', '--mode', 'both'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/append: .* OK: tables equal the source/);
    expect(res.stdout).toMatch(/merge: .* OK: tables equal the source/);
    expect(res.status).toBe(0);
  }, 25_000);
});
