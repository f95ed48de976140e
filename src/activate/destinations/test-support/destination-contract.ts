/**
 * The destination contract suite: every built-in destination runs it against
 * its sandbox fake, through the real sync runner on DuckDB.
 *
 * 1. config: the sandbox config parses; `{}` is refused naming a field;
 * 2. check(): passes on the sandbox; fails with a wrong secret without
 *    echoing it;
 * 3. a first sync delivers the model: what the fake holds equals the model;
 * 4. changes: after rows change and are added, the next run plans exactly
 *    those and the fake again equals the model;
 * 5. mirror (when the destination deletes): rows that left the model leave
 *    the destination;
 * 6. faults: a full resync with 30 % of requests answered 429 and 10 % 503
 *    fails no row and leaves the fake equal to the model;
 * 7. a wrong secret fails the run's rows (kept for the next run), and the
 *    secret is in no message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncConfig } from '../../../config/sync-config.js';
import { errorMessage } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import type { VendorFakeFactory } from '../../../sandbox/vendor-fake.js';
import { createDuckDbWarehouse } from '../../../warehouse/duckdb/index.js';
import type { Warehouse } from '../../../warehouse/warehouse.js';
import type { DestinationFactory } from '../../destination.js';
import { runSync, type RunSyncOptions } from '../../run-sync.js';

/** One row of the contract's model `people(id text, name text, score integer)`. */
export interface ContractRow {
  id: string;
  name: string;
  score: number;
}

/** What a destination's contract test provides. */
export interface DestinationContractHarness {
  factory: DestinationFactory;
  /** The fakes to mount (the destination's and any it needs, e.g. Google's token endpoint). */
  vendors: VendorFakeFactory[];
  /** The fake whose faults the suite injects (the vendor's name in the sandbox). */
  faultVendor: string;
  /** The raw `config:` pointing at the sandbox. */
  config(sandbox: Sandbox): Record<string, unknown>;
  /** The same with a wrong secret, and that secret (it must never appear in a message). */
  wrongSecret(sandbox: Sandbox): { config: Record<string, unknown>; secret: string };
  /** The sync's object, destination key and mapping over the model's columns (id, name, score). */
  object: string;
  destinationKey?: string | undefined;
  mapping: SyncConfig['mapping'];
  /** Model ids, so they cannot clash with what the fake already holds (default `c001`...). */
  idOf?: ((i: number) => string) | undefined;
  /** What the destination holds now, by model id, as the fields `expected` gives (values as text). */
  readBack(sandbox: Sandbox): Promise<Map<string, Record<string, string | null>>>;
  /** What the destination should hold for one model row (values as text). */
  expected(row: ContractRow): Record<string, string | null>;
}

const sync = (h: DestinationContractHarness, mode: SyncConfig['mode']): SyncConfig => ({
  name: 'contract_people',
  file: 'syncs/contract_people.yml',
  model: 'people',
  destination: 'contract',
  object: h.object,
  key: ['id'],
  destinationKey: h.destinationKey,
  mapping: h.mapping,
  mode,
  maxRemoveShare: 1,
  enabled: true,
  tags: [],
  locate: () => ({ file: 'syncs/contract_people.yml' }),
});

/** Registers the contract suite of one destination. */
export function destinationContract(label: string, h: DestinationContractHarness): void {
  describe(`destination contract: ${label}`, () => {
    let sandbox: Sandbox;
    let warehouse: Warehouse;
    let rows: ContractRow[];
    let runs = 0;
    const idOf = h.idOf ?? ((i: number) => `c${String(i).padStart(3, '0')}`);

    const writeModel = async (): Promise<void> => {
      const values = rows.map((r) => `(${warehouse.dialect.quoteLiteral(r.id)}, ${warehouse.dialect.quoteLiteral(r.name)}, ${r.score})`).join(', ');
      await warehouse.execute(`CREATE OR REPLACE TABLE people AS SELECT * FROM (VALUES ${values}) AS t(id, name, score)`);
    };
    const run = async (mode: SyncConfig['mode'], extra: Partial<RunSyncOptions> = {}, config = h.config(sandbox)) =>
      runSync({
        sync: sync(h, mode),
        destinationConfig: h.factory.configSchema.parse(config),
        factory: h.factory,
        warehouse,
        input: { relation: { schema: 'main', name: 'people' } },
        runId: `run${++runs}`,
        logger: silentLogger,
        ...extra,
      });
    const expectEqualToModel = async (): Promise<void> => {
      const held = await h.readBack(sandbox);
      const expected = new Map(rows.map((r) => [r.id, h.expected(r)]));
      const ids = new Set([...held.keys()].filter((id) => /^c\d{3}$/.test(id) || rows.some((r) => r.id === id)));
      expect([...ids].sort()).toEqual([...expected.keys()].sort());
      for (const [id, fields] of expected) expect(held.get(id), `record ${id}`).toEqual(fields);
    };

    beforeAll(async () => {
      sandbox = await startSandbox({ vendors: h.vendors, logger: silentLogger });
      warehouse = await createDuckDbWarehouse({ path: ':memory:' }, { logger: silentLogger });
      rows = Array.from({ length: 25 }, (_, i) => ({ id: idOf(i + 1), name: `person ${i + 1}`, score: i * 3 }));
      await writeModel();
    });
    afterAll(async () => {
      await warehouse?.close();
      await sandbox?.close();
    });

    it('parses the sandbox config and refuses an empty one naming a field', () => {
      expect(h.factory.configSchema.safeParse(h.config(sandbox)).success).toBe(true);
      const empty = h.factory.configSchema.safeParse({});
      expect(empty.success).toBe(false);
      expect(empty.error?.issues[0]?.path.length).toBeGreaterThan(0);
    });

    it('checks credentials, and a wrong secret fails without being echoed', async () => {
      const ctx = { logger: silentLogger, sync: 'contract_people' };
      if (!h.factory.check) return;
      await expect(h.factory.check(h.factory.configSchema.parse(h.config(sandbox)), ctx)).resolves.toBeUndefined();
      const { config, secret } = h.wrongSecret(sandbox);
      const err = await h.factory.check(h.factory.configSchema.parse(config), ctx).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeDefined();
      expect(errorMessage(err)).not.toContain(secret);
    });

    it('delivers the model, then exactly what changed', async () => {
      const first = await run('upsert');
      expect(first).toMatchObject({ planned: { add: rows.length }, added: rows.length, failed: 0 });
      await expectEqualToModel();

      rows[2] = { ...rows[2]!, name: 'renamed' };
      rows[5] = { ...rows[5]!, score: 999 };
      rows.push({ id: idOf(26), name: 'person 26', score: 1 }, { id: idOf(27), name: 'person 27', score: 2 });
      await writeModel();
      const second = await run('upsert');
      expect(second).toMatchObject({ planned: { add: 2, change: 2, remove: 0 }, failed: 0 });
      await expectEqualToModel();
      expect(await run('upsert')).toMatchObject({ planned: { add: 0, change: 0, remove: 0 } });
    });

    it('mirrors rows that left the model (when the destination deletes)', async () => {
      const writer = await h.factory.open(h.factory.configSchema.parse(h.config(sandbox)), { object: h.object, keyField: h.destinationKey }, { logger: silentLogger, sync: 'contract_people' });
      await writer.close?.();
      if (!writer.capabilities.ops.includes('delete')) return;
      rows = rows.filter((_, i) => i !== 0 && i !== 9);
      await writeModel();
      const result = await run('mirror');
      expect(result).toMatchObject({ planned: { remove: 2 }, removed: 2, failed: 0 });
      await expectEqualToModel();
    });

    it('delivers everything despite 429s and 503s', async () => {
      sandbox.faults.set({ [h.faultVendor]: { rateLimit: 0.3, serverError: 0.1, retryAfterSeconds: 0 } });
      try {
        rows = rows.map((r) => ({ ...r, score: r.score + 1 }));
        await writeModel();
        const result = await run('upsert', { fullResync: true });
        expect(result.failed, JSON.stringify(result.failures.slice(0, 3))).toBe(0);
      } finally {
        sandbox.faults.reset();
      }
      await expectEqualToModel();
    });

    it('keeps the rows of a run with a wrong secret as failed, without the secret, and delivers them next time', async () => {
      rows = rows.map((r) => ({ ...r, name: `${r.name}!` }));
      await writeModel();
      const { config, secret } = h.wrongSecret(sandbox);
      const failed = await run('upsert', {}, config);
      expect(failed.failed).toBe(rows.length);
      expect(JSON.stringify(failed)).not.toContain(secret);
      const retried = await run('upsert');
      expect(retried).toMatchObject({ failed: 0 });
      expect(retried.added + retried.changed).toBe(rows.length);
      await expectEqualToModel();
    });
  });
}
