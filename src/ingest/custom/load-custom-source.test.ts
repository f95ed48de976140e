import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { createMemoryLogger, silentLogger } from '../../core/logger.js';
import type { RecordBatch, Source, SourceContext, SourceFactory, Stream } from '../source.js';
import { loadCustomSource } from './load-custom-source.js';
import { tempProjects } from '../../core/test-support/temp-projects.js';

const temp = tempProjects('basin-custom-');
const project = temp.project;
afterAll(temp.cleanup);

const never = new AbortController().signal;

function contextFor(projectDir: string, streams: SourceContext['streams'] = {}): SourceContext {
  return { projectDir, connection: 'billing', streams, logger: silentLogger };
}

async function open(factory: SourceFactory, projectDir: string, config: unknown, streams: SourceContext['streams'] = {}): Promise<Source> {
  const parsed = factory.configSchema.parse(config);
  return factory.create(parsed, contextFor(projectDir, streams));
}

async function readAll(stream: Stream, state?: Record<string, unknown>, signal = never): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const batch of stream.read({ state, fullRefresh: false, signal, logger: silentLogger })) out.push(batch);
  return out;
}

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/** A paginated "API" in TypeScript syntax: interfaces, type aliases, generics, an enum, a class with fields. */
const BILLING_TS = `
import { defineSource } from 'basin/source';

interface Invoice { id: number; amount_cents: number; updated_at: string; lines: Array<{ sku: string }> }
type Page<T> = { data: T[]; next: number | null };
enum Status { Open = 'open', Paid = 'paid' }

class FakeApi {
  private readonly pages: number;
  constructor(pages: number) { this.pages = pages; }
  page(n: number): Page<Invoice> {
    const data: Invoice[] = [0, 1].map((i) => ({
      id: n * 2 + i,
      amount_cents: 100 * (n * 2 + i),
      updated_at: \`2025-01-0\${n + 1}T00:00:0\${i}Z\`,
      lines: [{ sku: i % 2 === 0 ? Status.Open : Status.Paid }],
    }));
    return { data, next: n + 1 < this.pages ? n + 1 : null };
  }
}

export default defineSource({
  type: 'billing_api',
  config: (z) => z.object({ base_url: z.string().url(), token: z.string(), pages: z.coerce.number().int().default(3) }),
  streams: (config, ctx) => {
    const api = new FakeApi(config.pages);
    return [
      {
        name: 'invoices',
        primaryKey: ['id'],
        cursorField: 'updated_at',
        write: 'merge',
        async *read({ state, signal, logger }) {
          let page: number | null = typeof state?.next_page === 'number' ? state.next_page : 0;
          while (page !== null) {
            if (signal.aborted) return;
            const res = api.page(page);
            logger.debug('page', { page });
            yield { kind: 'records', records: res.data, state: { next_page: res.next ?? page + 1 } };
            page = res.next;
          }
        },
      },
      {
        name: 'plans',
        primaryKey: 'code',
        async *read() {
          yield [{ code: 'basic', connection: ctx.connection }, { code: 'pro', connection: ctx.connection }];
        },
      },
      { name: 'events', *read() { yield { records: [{ n: 1 }] }; } },
    ];
  },
  async check(config) {
    if (config.token === 'bad') throw new Error('401 for ' + config.base_url + ' with token ' + config.token);
    return { ok: true, message: 'reachable: ' + new URL(config.base_url).host };
  },
});
`;

describe('loadCustomSource: a TypeScript module, no build step', () => {
  it('loads a CommonJS-mode project (no package.json) and reads its streams', async () => {
    const dir = await project({ 'sources/billing_api.ts': BILLING_TS });
    const factory = await loadCustomSource(path.join(dir, 'sources/billing_api.ts'), {
      ...contextFor(dir),
      connectionType: 'custom',
    });
    expect(factory.type).toBe('custom');
    expect(factory.configSchema.safeParse({ base_url: 'not a url', token: 't' }).success).toBe(false);
    const source = await open(factory, dir, { base_url: 'https://billing.test/api', token: 'tok' });
    expect(source.type).toBe('billing_api');
    const streams = await source.streams(never);
    expect(streams.map((s) => s.definition)).toEqual([
      { name: 'invoices', primaryKey: ['id'], cursorField: 'updated_at', write: 'merge', contract: undefined, maxNestingDepth: undefined, columns: undefined },
      { name: 'plans', primaryKey: ['code'], cursorField: undefined, write: 'merge', contract: undefined, maxNestingDepth: undefined, columns: undefined },
      { name: 'events', primaryKey: [], cursorField: undefined, write: 'append', contract: undefined, maxNestingDepth: undefined, columns: undefined },
    ]);
    const [invoices, plans, events] = streams as [Stream, Stream, Stream];
    const batches = await readAll(invoices);
    expect(batches).toHaveLength(3);
    expect(batches[0]).toMatchObject({ kind: 'records', state: { next_page: 1 } });
    expect(batches.flatMap((b) => (b.kind === 'records' ? b.records.map((r) => r.id) : []))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(batches[2]).toMatchObject({ records: [{ id: 4, lines: [{ sku: 'open' }] }, { id: 5 }], state: { next_page: 3 } });
    // resumes from committed state
    expect((await readAll(invoices, { next_page: 2 })).length).toBe(1);
    expect(await readAll(plans)).toEqual([
      { kind: 'records', records: [{ code: 'basic', connection: 'billing' }, { code: 'pro', connection: 'billing' }] },
    ]);
    expect(await readAll(events)).toEqual([{ kind: 'records', records: [{ n: 1 }], state: undefined, deletedKeys: undefined }]);
    expect(await source.check(never)).toEqual({ ok: true, message: 'reachable: billing.test' });
  });

  it('reports a failing check without throwing, and without the secret', async () => {
    const dir = await project({ 'sources/billing_api.ts': BILLING_TS });
    const factory = await loadCustomSource('sources/billing_api.ts', { projectDir: dir, logger: silentLogger });
    const source = await open(factory, dir, { base_url: 'https://billing.test/api', token: 'bad' });
    expect(await source.check(never)).toEqual({ ok: false, message: '401 for https://billing.test/api with token ***' });
  });

  it('loads an ESM project with relative imports, top-level await and z from basin/source', async () => {
    const dir = await project({
      'package.json': '{ "type": "module" }',
      'sources/lib/numbers.ts': 'export function range(n: number): number[] { return Array.from({ length: n }, (_, i) => i); }\n',
      'sources/counter.ts': [
        "import { defineSource, z } from 'basin/source';",
        "import { range } from './lib/numbers.js';",
        'const start: number = await Promise.resolve(10);',
        'const schema = z.object({ count: z.number().int().positive() });',
        'type Config = z.infer<typeof schema>;',
        'export default defineSource({',
        '  config: schema,',
        '  streams: (config: Config) => [{ name: "numbers", primaryKey: "n", async *read() { yield range(config.count).map((i) => ({ n: start + i })); } }],',
        '});',
        '',
      ].join('\n'),
    });
    const factory = await loadCustomSource('sources/counter.ts', { projectDir: dir, logger: silentLogger });
    expect(factory.configSchema.safeParse({ count: 0 }).success).toBe(false);
    const source = await open(factory, dir, { count: 3 });
    expect(source.type).toBe('custom');
    const [numbers] = (await source.streams(never)) as [Stream];
    expect(await readAll(numbers)).toEqual([{ kind: 'records', records: [{ n: 10 }, { n: 11 }, { n: 12 }] }]);
    expect(await source.check(never)).toEqual({ ok: true, message: 'the module loads and its config is valid (it defines no check())' });
  });

  it('loads plain JavaScript modules (.mjs) and accepts any config mapping without a schema', async () => {
    const dir = await project({
      'sources/js_source.mjs': [
        "import { defineSource } from 'basin/source';",
        'export default defineSource({ streams: (config) => [{ name: "echo", async *read() { yield [config]; } }] });',
        '',
      ].join('\n'),
    });
    const factory = await loadCustomSource('sources/js_source.mjs', { projectDir: dir, logger: silentLogger });
    const source = await open(factory, dir, { anything: [1, 2] });
    const [echo] = (await source.streams(never)) as [Stream];
    expect(await readAll(echo)).toEqual([{ kind: 'records', records: [{ anything: [1, 2] }] }]);
  });

  it('takes a type: custom connection (its resolved module)', async () => {
    const dir = await project({ 'sources/billing_api.ts': BILLING_TS });
    const factory = await loadCustomSource(
      { type: 'custom', file: 'sources/billing.yml', module: path.join(dir, 'sources/billing_api.ts') },
      { projectDir: dir, logger: silentLogger },
    );
    expect(factory.type).toBe('custom');
    const err = await configError(loadCustomSource({ type: 'custom', file: 'sources/billing.yml' }, { projectDir: dir, logger: silentLogger }));
    expect(err.message).toBe('sources/billing.yml: module: a `type: custom` connection has no module to load');
  });

  it('applies the connection file\'s stream selection and settings', async () => {
    const dir = await project({ 'sources/billing_api.ts': BILLING_TS });
    const factory = await loadCustomSource('sources/billing_api.ts', { projectDir: dir, logger: silentLogger });
    const config = { base_url: 'https://billing.test/api', token: 't' };
    const source = await open(factory, dir, config, { events: { write: 'replace' }, invoices: { write: 'append', primary_key: ['id', 'updated_at'] } });
    const streams = await source.streams(never);
    expect(streams.map((s) => [s.definition.name, s.definition.write, s.definition.primaryKey])).toEqual([
      ['invoices', 'append', ['id', 'updated_at']],
      ['events', 'replace', []],
    ]);
    const bad = await open(factory, dir, config, { invoices: {}, refunds: {}, payouts: {} });
    expect((await configError(bad.streams(never))).message).toBe(
      'sources/billing_api.ts: connection billing selects streams refunds, payouts, which sources/billing_api.ts does not define; it defines: invoices, plans, events',
    );
  });

  it('passes the host\'s HTTP toolkit and stream settings to read()', async () => {
    const dir = await project({
      'sources/h.ts': [
        "import { defineSource } from 'basin/source';",
        'export default defineSource({ streams: (_c, ctx) => [{ name: "s", async *read({ http, settings }) {',
        '  yield [{ has_http: ctx.http === http && typeof http?.get === "function", path: settings.path }];',
        '} }] });',
        '',
      ].join('\n'),
    });
    const http = { get: () => undefined };
    const factory = await loadCustomSource('sources/h.ts', { projectDir: dir, logger: silentLogger, http: () => http });
    const source = await open(factory, dir, {}, { s: { path: '/x' } });
    const [s] = (await source.streams(never)) as [Stream];
    expect(await readAll(s)).toEqual([{ kind: 'records', records: [{ has_http: true, path: '/x' }] }]);
  });

  it('loads .mts modules, and picks up edits on the next load', async () => {
    const text = (n: number) =>
      `import { defineSource } from 'basin/source';\nimport { helper } from './helper.mts';\nexport default defineSource({ type: 'v' + helper(${n}), streams: () => [] });\n`;
    const dir = await project({ 'sources/v.mts': text(1), 'sources/helper.mts': 'export const helper = (n: number): string => String(n);\n' });
    const load = async () => (await open(await loadCustomSource('sources/v.mts', { projectDir: dir, logger: silentLogger }), dir, {})).type;
    expect(await load()).toBe('v1');
    await writeFile(path.join(dir, 'sources/v.mts'), text(2));
    await writeFile(path.join(dir, 'sources/helper.mts'), 'export const helper = (n: number): string => `#${n}`;\n');
    expect(await load()).toBe('v#2');
  });

  it('stops reading when the signal fires', async () => {
    const dir = await project({
      'sources/endless.ts': [
        "import { defineSource } from 'basin/source';",
        'export default defineSource({ streams: () => [{ name: "ticks", async *read() { for (let i = 0; ; i++) yield [{ i }]; } }] });',
        '',
      ].join('\n'),
    });
    const factory = await loadCustomSource('sources/endless.ts', { projectDir: dir, logger: createMemoryLogger() });
    const [ticks] = (await (await open(factory, dir, {})).streams(never)) as [Stream];
    const controller = new AbortController();
    let seen = 0;
    await expect(
      (async () => {
        for await (const _batch of ticks.read({ state: undefined, fullRefresh: false, signal: controller.signal, logger: silentLogger })) {
          if (++seen === 3) controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    expect(seen).toBe(3);
  });
});

describe('loadCustomSource: clear errors naming the file', () => {
  const cases: Array<[string, string, string]> = [
    [
      'no default export',
      "export const source = 1;\n",
      "sources/bad.ts: has no default export; a custom source module must `export default defineSource({ streams: ... })` with `import { defineSource } from 'basin/source'`",
    ],
    [
      'a plain object',
      'export default { streams: () => [] };\n',
      "sources/bad.ts: default-exports a plain object (not a defineSource result); a custom source module must `export default defineSource({ streams: ... })` with `import { defineSource } from 'basin/source'`",
    ],
    [
      'a function',
      'export default function source() { return []; }\n',
      "sources/bad.ts: default-exports a function; a custom source module must `export default defineSource({ streams: ... })` with `import { defineSource } from 'basin/source'`",
    ],
    [
      'no streams function',
      "import { defineSource } from 'basin/source';\nexport default defineSource({ streams: 5 } as any);\n",
      'sources/bad.ts: the defineSource({...}) call needs a streams(config, ctx) function',
    ],
    [
      'a config that is not a schema',
      "import { defineSource } from 'basin/source';\nexport default defineSource({ config: (() => 42) as any, streams: () => [] });\n",
      'sources/bad.ts: config must be a zod schema or a function (z) => schema',
    ],
    ['a syntax error', 'export default defineSource({ streams: () => [ });\n', 'sources/bad.ts: cannot load custom source: '],
    ['an unknown import', "import { x } from 'no-such-package-basin';\nexport default x;\n", 'sources/bad.ts: cannot load custom source: '],
    ['a throwing module', "throw new Error('boom at load');\n", 'sources/bad.ts: cannot load custom source: boom at load'],
  ];
  for (const [what, text, expected] of cases) {
    it(what, async () => {
      const dir = await project({ 'sources/bad.ts': text });
      const err = await configError(loadCustomSource('sources/bad.ts', { projectDir: dir, logger: silentLogger }));
      if (expected.endsWith(': ')) expect(err.message.startsWith(expected), err.message).toBe(true);
      else expect(err.message).toBe(expected);
      expect(err.location?.file).toBe('sources/bad.ts');
    });
  }

  it('a missing file', async () => {
    const dir = await project({});
    const err = await configError(loadCustomSource('sources/nope.ts', { projectDir: dir, logger: silentLogger }));
    expect(err.message).toBe('sources/nope.ts: custom source module not found');
  });

  const streamCases: Array<[string, string, string]> = [
    ['a bad stream name', '[{ name: "Bad Name", async *read() {} }]', 'sources/s.ts: stream 1: name must be lowercase letters, digits and underscores, not starting with a digit'],
    ['no read()', '[{ name: "a" }]', 'sources/s.ts: stream a has no read() function'],
    ['merge without a key', '[{ name: "a", write: "merge", async *read() {} }]', 'sources/s.ts: stream a: write: merge needs a primaryKey'],
    ['a bad write', '[{ name: "a", write: "upsert", async *read() {} }]', 'sources/s.ts: stream a: write must be append, replace or merge'],
    ['duplicate names', '[{ name: "a", async *read() {} }, { name: "a", async *read() {} }]', 'sources/s.ts: stream a is defined twice'],
    ['not a list', '({ a: 1 })', 'sources/s.ts: streams() must return a list of streams'],
  ];
  for (const [what, streams, expected] of streamCases) {
    it(`streams(): ${what}`, async () => {
      const dir = await project({ 'sources/s.ts': `import { defineSource } from 'basin/source';\nexport default defineSource({ streams: () => ${streams} as any });\n` });
      const factory = await loadCustomSource('sources/s.ts', { projectDir: dir, logger: silentLogger });
      const err = await configError((await open(factory, dir, {})).streams(never));
      expect(err.message).toBe(expected);
    });
  }

  it('read(): an invalid batch names the module and the stream', async () => {
    const dir = await project({
      'sources/s.ts': "import { defineSource } from 'basin/source';\nexport default defineSource({ streams: () => [{ name: 'a', async *read() { yield 42 as any; } }] });\n",
    });
    const factory = await loadCustomSource('sources/s.ts', { projectDir: dir, logger: silentLogger });
    const [a] = (await (await open(factory, dir, {})).streams(never)) as [Stream];
    const err = await configError(readAll(a));
    expect(err.message).toBe(
      'sources/s.ts: stream a yielded an invalid batch: expected an array of records, { records, state } or { kind: "file", format, path }',
    );
  });
});
