import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { startSandbox } from '../../src/sandbox/start-sandbox.js';
import { createWebhookFake, type WebhookFake } from '../../src/sandbox/webhook/webhook-fake.js';
import { basin, queryRows, tempDir, writeFiles } from '../support/cli-harness.js';

interface Row {
  key: string;
  fields: Record<string, unknown>;
}

describe('basin activate against a destination that refuses rows and rate-limits', () => {
  it('records exactly what the destination accepted, and each next run sends exactly the remainder', async () => {
    let fake!: WebhookFake;
    // About 20 % of rows refused (once each) by the endpoint, 30 % of requests answered 429.
    const sandbox = await startSandbox({
      vendors: [(c) => (fake = createWebhookFake(c))],
      faults: { webhook: { rateLimit: 0.3, retryAfterSeconds: 0 } },
      logger: silentLogger,
    });
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, {
        'basin.yml': 'name: hooks\nwarehouse: { type: duckdb, path: wh.duckdb }\n',
        'seeds/accounts.csv': ['id,name,score', ...Array.from({ length: 300 }, (_, i) => `${i + 1},account ${i + 1},${i % 7}`)].join('\n') + '\n',
        'destinations/hook.yml': `type: webhook\nconfig:\n  url: ${sandbox.baseUrl('webhook')}/reject-some\n  secret: \${env:WEBHOOK_SECRET:-whsec_sandbox_5b1c0e7a9d4f4e21a3c8}\n`,
        'syncs/accounts_out.yml': 'model: accounts\ndestination: hook\nobject: account\nkey: id\nmapping:\n  name: name\n  score: { column: score, cast: integer }\nbatch_size: 10\n',
      });
      expect((await basin(['seed', '--project', dir], dir)).code).toBe(0);
      const acceptedKeys = (): string[] => [...new Set(fake.acceptedRows('reject-some').map((r) => (r as Row).key))].sort();
      const deliveredKeys = async (): Promise<string[]> =>
        (await queryRows(dir, 'select key from _basin_activate.accounts_out where delivered_hash is not null')).map((r) => String(r['key'])).sort();
      const attemptedKeys = (from: number): string[] =>
        [...new Set(fake.received().slice(from).flatMap((r) => ((r.body as { records?: Row[] }).records ?? []).map((x) => x.key)))].sort();

      let before = 0;
      let remainder: string[] = Array.from({ length: 300 }, (_, i) => String(i + 1)).sort();
      for (let run = 1; run <= 5 && remainder.length > 0; run++) {
        const result = await basin(['activate', '--project', dir, '--json'], dir);
        expect(result.code, result.stderr).toBe(0);
        // The state says delivered exactly what the destination accepted.
        expect(await deliveredKeys()).toEqual(acceptedKeys());
        // This run sent exactly what was left (the fake's received log holds accepted requests, incl. partial refusals).
        const sent = attemptedKeys(before);
        expect(sent.every((k) => remainder.includes(k))).toBe(true);
        before = fake.received().length;
        const delivered = new Set(await deliveredKeys());
        remainder = remainder.filter((k) => !delivered.has(k));
        if (run === 1) {
          const detail = (JSON.parse(result.stdout) as { assets: Array<{ detail: { failed: number } }> }).assets[0]!.detail;
          expect(detail.failed).toBeGreaterThan(20);
        }
      }
      expect(remainder).toEqual([]);
      expect(acceptedKeys()).toHaveLength(300);
      // Each row was accepted once: nothing delivered twice.
      expect(fake.acceptedRows('reject-some')).toHaveLength(300);
    } finally {
      await cleanup();
      await sandbox.close();
    }
  }, 180_000);
});
