import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataOnly, loaderFixture, WAREHOUSES, type LoaderFixture } from './test-support/loader-fixtures.js';

for (const { name, open } of WAREHOUSES) {
  describe(`column hints with exact text values on ${name}`, () => {
    let f: LoaderFixture;
    beforeEach(async () => {
      f = await loaderFixture(open);
    });
    afterEach(async () => {
      await f.cleanup();
    });

    it('keeps microseconds and wall times, exact decimals and big integers', async () => {
      const loader = await f.open({
        name: 'hinted',
        primaryKey: ['id'],
        columns: { ts: 'timestamp', tstz: 'timestamptz', day: 'date', amount: 'decimal', big: 'bigint' },
      });
      await loader.load({
        kind: 'records',
        records: [
          {
            id: 1,
            ts: '2024-01-02T03:04:05.123456',
            tstz: '2024-01-02T01:04:05.5Z',
            day: '2024-02-29',
            amount: '12345.67',
            big: '9007199254740993',
          },
        ],
      });
      await loader.finish('succeeded');
      const texts = await f.wh.query(
        `select cast(ts as varchar) as ts, cast(day as varchar) as day, cast(amount as varchar) as amount, cast(big as varchar) as big from ${f.wh.dialect.relation({ schema: f.schema, name: 'hinted' })}`,
      );
      const row = texts.rows[0]!;
      expect(String(row['ts'])).toMatch(/^2024-01-02[ T]03:04:05\.123456$/);
      expect(row['day']).toBe('2024-02-29');
      expect(String(row['amount'])).toMatch(/^12345\.67/);
      expect(row['big']).toBe('9007199254740993');
      const rows = dataOnly(await f.rows('hinted'));
      expect((rows[0]!['tstz'] as Date).toISOString()).toBe('2024-01-02T01:04:05.500Z');
      expect(Object.keys(rows[0]!).some((k) => k.includes('__v_'))).toBe(false);
    });
  });
}
