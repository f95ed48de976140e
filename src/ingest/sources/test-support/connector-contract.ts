/**
 * The connector contract suite: every SaaS connector runs it against its
 * sandbox fake, through the real ingest runner and loader into DuckDB.
 *
 * 1. config validation: the sandbox config parses; each invalid config is
 *    rejected naming its field;
 * 2. check(): passes on the sandbox, fails with bad credentials without
 *    echoing them;
 * 3. full sync: every stream succeeds and loads rows;
 * 4. incremental sync: after the sandbox clock moves, a second run leaves the
 *    tables equal to a full refresh at the same sandbox time, and streams
 *    with a cursor load fewer rows than that full refresh did (only changes);
 * 5. resume: a run aborted after a few checkpoints, then rerun, ends equal
 *    to the full refresh;
 * 6. faults: a full sync with 30 % of requests answered 429 or 5xx ends
 *    equal to the full refresh.
 *
 * Tables are compared without Basin's `_basin_*` bookkeeping columns and
 * without null values, as multisets of rows, child tables included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionConfig } from '../../../config/connection-config.js';
import { silentLogger } from '../../../core/logger.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import type { SandboxDuration } from '../../../sandbox/duration.js';
import type { VendorFakeFactory } from '../../../sandbox/vendor-fake.js';
import { createDuckDbWarehouse } from '../../../warehouse/duckdb/index.js';
import type { Warehouse } from '../../../warehouse/warehouse.js';
import type { IngestEvent, StreamResult } from '../../ingest-events.js';
import { openStreamLoader } from '../../loader/index.js';
import { runIngest, type IngestSummary } from '../../run-ingest.js';
import type { SourceFactory } from '../../source.js';

type Config = Record<string, unknown>;

/** What a connector brings to the contract suite. */
export interface ConnectorContractSpec<C> {
  /** The connector type (`stripe`); also the connection's name and raw schema. */
  name: string;
  /** The connector, created with fast retry settings so the fault run stays quick. */
  factory: SourceFactory<C>;
  /** The sandbox fakes to mount. */
  vendors: readonly VendorFakeFactory[];
  /** The fake's vendor name, for fault injection. */
  vendor: string;
  /** The `config:` block of a connection to the sandbox, as written in sources/*.yml. */
  config(sandbox: Sandbox): Config;
  /** A config with wrong credentials: check() must fail without echoing them. */
  badCredentials(sandbox: Sandbox): Config;
  /** Configs the schema must reject, each naming a field path (`api_key`, `collections.0.name`). */
  invalidConfig: ReadonlyArray<{ config: Config; path: string }>;
  /** Per-stream settings (the `streams:` block), when the connector needs some. */
  streams?: Record<string, Record<string, unknown>>;
  /** How far the sandbox clock moves between the full and the incremental sync. */
  advance: SandboxDuration;
  seed?: number;
  scale?: number;
  /** Checkpoints after which the resume test aborts its first run (default 2). */
  abortAfterCheckpoints?: number;
  /** Streams that legitimately load no rows on the sandbox. */
  mayBeEmpty?: readonly string[];
  /**
   * Columns the vendor changes without reporting the change to incremental
   * reads (documented API behaviour, e.g. Stripe's `customers.next_invoice_sequence`
   * moves with every invoice but emits no `customer.updated`), by table.
   * They are left out of the comparisons.
   */
  unreportedChanges?: Record<string, readonly string[]>;
}

/** A table's rows without bookkeeping columns and nulls, each as canonical JSON, sorted. */
export type TableSnapshot = Record<string, string[]>;

function canonical(row: Record<string, unknown>, skip: readonly string[]): string {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(row).sort()) {
    if (key.startsWith('_basin_') || skip.includes(key)) continue;
    const value = row[key];
    if (value === null || value === undefined) continue;
    out[key] = value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? String(value) : value;
  }
  return JSON.stringify(out);
}

/** Every data table of `schema` (Basin's meta tables excluded), canonicalized. */
export async function snapshotSchema(
  warehouse: Warehouse,
  schema: string,
  skipColumns: Record<string, readonly string[]> = {},
): Promise<TableSnapshot> {
  const out: TableSnapshot = {};
  for (const relation of await warehouse.listRelations(schema)) {
    if (relation.name.startsWith('_basin')) continue;
    const table = warehouse.dialect.relation({ schema, name: relation.name });
    const { rows } = await warehouse.query(`SELECT * FROM ${table}`);
    out[relation.name] = rows.map((r) => canonical(r, skipColumns[relation.name] ?? [])).sort();
  }
  return out;
}

function connectionOf<C>(spec: ConnectorContractSpec<C>, config: Config): ConnectionConfig {
  const file = `sources/${spec.name}.yml`;
  return {
    name: spec.name,
    file,
    type: spec.factory.type,
    config,
    secretPaths: [],
    schema: spec.name,
    streams: spec.streams ?? {},
    locate: () => ({ file }),
  };
}

/** Runs the connector once into `warehouse`. */
async function ingest<C>(
  spec: ConnectorContractSpec<C>,
  sandbox: Sandbox,
  warehouse: Warehouse,
  options: { fullRefresh?: boolean; signal?: AbortSignal; onEvent?: (e: IngestEvent) => void } = {},
): Promise<IngestSummary> {
  const spoolDir = mkdtempSync(join(tmpdir(), `basin-contract-${spec.name}-`));
  try {
    return await runIngest({
      connections: [connectionOf(spec, spec.config(sandbox))],
      openSource: async (connection) =>
        spec.factory.create(spec.factory.configSchema.parse(connection.config), {
          projectDir: spoolDir,
          connection: connection.name,
          streams: connection.streams,
          logger: silentLogger,
        }),
      openLoader: openStreamLoader,
      warehouse,
      fullRefresh: options.fullRefresh,
      spoolDir,
      logger: silentLogger,
      signal: options.signal,
      onEvent: options.onEvent,
    });
  } finally {
    rmSync(spoolDir, { recursive: true, force: true });
  }
}

const openWarehouse = (): Promise<Warehouse> => createDuckDbWarehouse({ path: ':memory:', threads: 2 }, { logger: silentLogger });

function failures(summary: IngestSummary): string[] {
  return [
    ...summary.connectionErrors.map((e) => `${e.connection}: ${e.error}`),
    ...summary.streams.filter((s) => s.status !== 'succeeded').map((s) => `${s.stream}: ${s.status} ${s.error ?? ''}`),
  ];
}

const rowsOf = (result: StreamResult): number => result.summary?.rows ?? 0;

/** Differences between two snapshots, per table: counts and a few examples (readable where a deep diff is not). */
export function diffSnapshots(actual: TableSnapshot, expected: TableSnapshot): string[] {
  const out: string[] = [];
  for (const table of [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort()) {
    const count = (rows: string[]): Map<string, number> => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(r, (m.get(r) ?? 0) + 1);
      return m;
    };
    const a = count(actual[table] ?? []);
    const e = count(expected[table] ?? []);
    const missing: string[] = [];
    const extra: string[] = [];
    for (const [row, n] of e) for (let k = a.get(row) ?? 0; k < n; k++) missing.push(row);
    for (const [row, n] of a) for (let k = e.get(row) ?? 0; k < n; k++) extra.push(row);
    if (missing.length === 0 && extra.length === 0) continue;
    out.push(`${table}: ${missing.length} rows missing, ${extra.length} unexpected; missing e.g. ${missing.slice(0, 2).join(' ')}; unexpected e.g. ${extra.slice(0, 2).join(' ')}`);
  }
  return out;
}

/** Declares the contract suite for one connector. */
export function describeConnectorContract<C>(spec: ConnectorContractSpec<C>): void {
  describe(`${spec.name} connector contract`, () => {
    let sandbox: Sandbox;
    const warehouses: Warehouse[] = [];
    let incremental: Warehouse;
    let reference: TableSnapshot | undefined;
    let referenceRows = new Map<string, number>();

    const fresh = async (): Promise<Warehouse> => {
      const wh = await openWarehouse();
      warehouses.push(wh);
      return wh;
    };

    /** The full refresh at the current sandbox time, computed once after the clock moved. */
    const fullRefresh = async (): Promise<TableSnapshot> => {
      if (reference) return reference;
      const wh = await fresh();
      const summary = await ingest(spec, sandbox, wh, { fullRefresh: true });
      expect(failures(summary)).toEqual([]);
      referenceRows = new Map(summary.streams.map((s) => [s.stream, rowsOf(s)]));
      reference = await snapshotSchema(wh, spec.name, spec.unreportedChanges);
      return reference;
    };

    beforeAll(async () => {
      sandbox = await startSandbox({ seed: spec.seed ?? 1, scale: spec.scale ?? 1, vendors: spec.vendors });
    });
    afterAll(async () => {
      await Promise.all(warehouses.map((wh) => wh.close()));
      await sandbox?.close();
    });

    it('validates its config and names the bad field', () => {
      const good = spec.factory.configSchema.safeParse(spec.config(sandbox));
      expect(good.error?.issues ?? []).toEqual([]);
      for (const { config, path } of spec.invalidConfig) {
        const bad = spec.factory.configSchema.safeParse(config);
        expect(bad.success, `config should be rejected at ${path}`).toBe(false);
        expect(bad.error?.issues.map((i) => i.path.join('.'))).toContain(path);
      }
    });

    it('check() passes on the sandbox and fails with bad credentials without echoing them', async () => {
      const signal = new AbortController().signal;
      const context = { projectDir: tmpdir(), connection: spec.name, streams: spec.streams ?? {}, logger: silentLogger };
      const good = spec.factory.create(spec.factory.configSchema.parse(spec.config(sandbox)), context);
      expect(await good.check(signal)).toMatchObject({ ok: true });
      await good.close?.();
      const badConfig = spec.badCredentials(sandbox);
      const bad = spec.factory.create(spec.factory.configSchema.parse(badConfig), context);
      const result = await bad.check(signal);
      await bad.close?.();
      expect(result.ok).toBe(false);
      const goodConfig = spec.config(sandbox);
      const badSecrets = Object.entries(badConfig).filter(([k, v]) => typeof v === 'string' && v.length >= 8 && v !== goodConfig[k]);
      expect(badSecrets.length, 'badCredentials must change a credential').toBeGreaterThan(0);
      for (const [, secret] of badSecrets) expect(result.message).not.toContain(secret);
    });

    it('full sync loads every stream', async () => {
      incremental = await fresh();
      const summary = await ingest(spec, sandbox, incremental);
      expect(failures(summary)).toEqual([]);
      expect(summary.streams.length).toBeGreaterThan(0);
      const empty = summary.streams.filter((s) => rowsOf(s) === 0 && !(spec.mayBeEmpty ?? []).includes(s.stream)).map((s) => s.stream);
      expect(empty).toEqual([]);
    });

    it('an incremental sync after time moves loads only changes and ends equal to a full refresh', async () => {
      sandbox.advance(spec.advance);
      const summary = await ingest(spec, sandbox, incremental);
      expect(failures(summary)).toEqual([]);
      const expected = await fullRefresh();
      expect(diffSnapshots(await snapshotSchema(incremental, spec.name, spec.unreportedChanges), expected)).toEqual([]);
      const source = spec.factory.create(spec.factory.configSchema.parse(spec.config(sandbox)), {
        projectDir: tmpdir(),
        connection: spec.name,
        streams: spec.streams ?? {},
        logger: silentLogger,
      });
      const definitions = (await source.streams(new AbortController().signal)).map((s) => s.definition);
      await source.close?.();
      for (const definition of definitions) {
        if (!definition.cursorField || definition.write === 'replace') continue;
        const full = referenceRows.get(definition.name) ?? 0;
        const loaded = rowsOf(summary.streams.find((s) => s.stream === definition.name)!);
        if (full > 0) expect(loaded, `${definition.name}: incremental rows`).toBeLessThan(full);
      }
    });

    it('resumes after an aborted run and ends equal to a full refresh', async () => {
      const expected = await fullRefresh();
      const wh = await fresh();
      const controller = new AbortController();
      let checkpoints = 0;
      const limit = spec.abortAfterCheckpoints ?? 2;
      const first = await ingest(spec, sandbox, wh, {
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === 'checkpoint' && ++checkpoints >= limit) controller.abort(new Error('simulated crash'));
        },
      });
      expect(checkpoints).toBeGreaterThanOrEqual(limit);
      expect(first.failed || first.streams.length < Object.keys(expected).length || controller.signal.aborted).toBe(true);
      const second = await ingest(spec, sandbox, wh);
      expect(failures(second)).toEqual([]);
      expect(diffSnapshots(await snapshotSchema(wh, spec.name, spec.unreportedChanges), expected)).toEqual([]);
    });

    it('completes with identical results when 30 % of requests get 429 or 5xx', async () => {
      const expected = await fullRefresh();
      const wh = await fresh();
      sandbox.faults.set({ [spec.vendor]: { rateLimit: 0.15, serverError: 0.15, retryAfterSeconds: 0 } });
      try {
        const summary = await ingest(spec, sandbox, wh, { fullRefresh: true });
        expect(failures(summary)).toEqual([]);
      } finally {
        sandbox.faults.reset();
      }
      expect(diffSnapshots(await snapshotSchema(wh, spec.name, spec.unreportedChanges), expected)).toEqual([]);
    });
  });
}
