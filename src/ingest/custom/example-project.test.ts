import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { loadConnections } from '../../config/sources-file.js';
import { redactedConfig } from '../../config/connection-redaction.js';
import { validateConnectionConfig } from '../../config/connection-validation.js';
import type { RecordBatch, Stream } from '../source.js';
import { loadCustomSource } from './load-custom-source.js';

/** examples/custom-source, loaded the way the CLI does: connection file, module, config validation. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/custom-source');
const never = new AbortController().signal;

async function batches(stream: Stream, state?: Record<string, unknown>): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const b of stream.read({ state, fullRefresh: false, signal: never, logger: silentLogger })) out.push(b);
  return out;
}
const records = (bs: RecordBatch[]) => bs.flatMap((b) => (b.kind === 'records' ? b.records : []));

describe('examples/custom-source', () => {
  it('loads, checks and reads deterministically, resuming from a checkpoint', async () => {
    const [shop] = await loadConnections({ rootDir: root, env: { SHOP_API_TOKEN: 'tok-from-env' } });
    if (!shop) throw new Error('no connection');
    expect(redactedConfig(shop)).toMatchObject({ api_token: '***', customers: 25 });
    const factory = await loadCustomSource(shop, { projectDir: root, logger: silentLogger });
    const config = validateConnectionConfig(shop, factory.configSchema);
    const source = factory.create(config, { projectDir: root, connection: shop.name, streams: shop.streams, logger: silentLogger });
    expect((await source.check(never)).ok).toBe(true);
    const [customers, orders] = (await source.streams(never)) as [Stream, Stream];
    expect(records(await batches(customers))).toHaveLength(25);

    const all = await batches(orders);
    expect(all).toHaveLength(7);
    expect(records(all)).toHaveLength(14 * 6);
    const again = await batches(orders);
    expect(records(again)).toEqual(records(all));
    const third = all[2];
    if (third?.kind !== 'records') throw new Error('expected records');
    expect(third.state).toEqual({ next_day: 6 });
    const resumed = await batches(orders, third.state);
    expect(records(resumed)).toEqual(records(all.slice(3)));
  });
});
