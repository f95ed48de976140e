import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../../scripts/ingest-kill-test.mjs', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../../../dist/ingest/sources/postgres/index.js', import.meta.url)));

describe('kill -9 during a Postgres ingest (real processes, spooled CSV, DuckDB file; uses dist/)', () => {
  it.skipIf(!built)('converges to the source exactly after 3 SIGKILLs, in append and merge mode', () => {
    const res = spawnSync(
      process.execPath,
      [script, '--source', 'postgres', '--n', '6000', '--kills', '3', '--batch', '250', '--max-delay-ms', '900', '--mode', 'both'],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/append: .* OK: tables equal the source/);
    expect(res.stdout).toMatch(/merge: .* OK: tables equal the source/);
    expect(res.status).toBe(0);
  }, 25_000);
});
