import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { CUSTOMERIO_SANDBOX_API_KEY, CUSTOMERIO_SANDBOX_SITE_ID, createCustomerIoFake, type CustomerIoFake } from '../../src/sandbox/customerio/customerio-fake.js';
import { startSandbox } from '../../src/sandbox/start-sandbox.js';
import { basin, queryRows, tempDir, writeFiles } from '../support/cli-harness.js';

describe('Customer.io syncs from the CLI', () => {
  it('checks the credentials, delivers people with their attributes, sends only changes, and keeps refused rows with the API message', async () => {
    let fake!: CustomerIoFake;
    const sandbox = await startSandbox({ vendors: [(c) => (fake = createCustomerIoFake(c))], logger: silentLogger });
    const { dir, cleanup } = await tempDir();
    const destination = (apiKey: string) =>
      `type: customerio\nconfig:\n  site_id: ${CUSTOMERIO_SANDBOX_SITE_ID}\n  api_key: \${env:CIO_KEY:-${apiKey}}\n  base_url: ${sandbox.baseUrl('customerio')}\n`;
    try {
      await writeFiles(dir, {
        'basin.yml': 'name: cio\nwarehouse: { type: duckdb, path: wh.duckdb }\n',
        'seeds/users.csv': ['user_id,email,signed_up,score,plan', ...Array.from({ length: 40 }, (_, i) => `u${i},u${i}@example.com,2026-01-0${(i % 9) + 1} 10:00:00,${i},${i === 7 ? 'p'.repeat(1200) : 'free'}`)].join('\n') + '\n',
        'destinations/customerio.yml': destination(CUSTOMERIO_SANDBOX_API_KEY),
        'destinations/wrong.yml': destination('not-the-key-9f8e7d'),
        'syncs/users_to_cio.yml':
          'model: users\ndestination: customerio\nobject: person\nkey: user_id\nmapping:\n  email: email\n  created_at: { column: signed_up, cast: timestamp }\n  score: { column: score, cast: integer }\n  plan: plan\n  source: { constant: basin }\n',
      });
      expect((await basin(['seed', '--project', dir], dir)).code).toBe(0);

      const check = await basin(['destinations', 'check', '--project', dir, '--json'], dir);
      expect(check.code).toBe(1);
      const results = JSON.parse(check.stdout) as Array<{ destination: string; ok: boolean; message: string }>;
      expect(results.find((r) => r.destination === 'customerio')).toMatchObject({ ok: true });
      expect(results.find((r) => r.destination === 'wrong')).toMatchObject({ ok: false, message: expect.stringContaining('401') });
      expect(check.stdout + check.stderr).not.toContain('not-the-key-9f8e7d');

      const first = await basin(['activate', '--project', dir, '--json'], dir);
      expect(first.code, first.stderr).toBe(0);
      expect(fake.people()).toHaveLength(39);
      expect(fake.person('u3')?.attributes).toEqual({ email: 'u3@example.com', created_at: Date.UTC(2026, 0, 4, 10) / 1000, score: 3, plan: 'free', source: 'basin' });
      const [failed] = await queryRows(dir, "select error from _basin_activate.users_to_cio where key = 'u7'");
      expect(String(failed?.['error'])).toMatch(/value for attribute 'plan' cannot be longer than 1000 bytes/);

      await writeFiles(dir, {
        'seeds/users.csv': ['user_id,email,signed_up,score,plan', ...Array.from({ length: 40 }, (_, i) => `u${i},u${i}@example.com,2026-01-0${(i % 9) + 1} 10:00:00,${i === 5 ? 500 : i},free`)].join('\n') + '\n',
      });
      expect((await basin(['seed', '--project', dir], dir)).code).toBe(0);
      fake.resetReceived();
      const second = await basin(['activate', '--project', dir, '--json'], dir);
      expect(second.code, second.stderr).toBe(0);
      const sent = fake.received().flatMap((r) => ((r.body as { batch?: Array<{ identifiers: { id: string } }> }).batch ?? []).map((op) => op.identifiers.id));
      expect(sent.sort()).toEqual(['u5', 'u7']);
      expect(fake.person('u5')?.attributes['score']).toBe(500);
      expect(fake.people()).toHaveLength(40);
    } finally {
      await cleanup();
      await sandbox.close();
    }
  });
});
