import { readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { tempProjects } from '../../core/test-support/temp-projects.js';
import type { AssetGraph } from '../../orchestrator/assets/build-asset-graph.js';
import { loadCompanyAssets } from '../../orchestrator/assets/test-support/company-assets.js';
import type { RunStore } from '../../orchestrator/run-store/run-store.js';
import { createSqliteRunStore } from '../../orchestrator/run-store/sqlite-run-store.js';
import type { ElkInput } from './elk-graph.js';
import { LayoutStore, layoutStoreDir } from './layout-store.js';
import { ElkWorker, type ElkResult } from './layout-worker.js';
import type { LineageJson } from './lineage-json.js';
import { registerLineageRoutes } from './lineage-routes.js';

/** ELK in its worker, counting the layouts it was asked for. */
class CountingElk extends ElkWorker {
  calls = 0;
  override layout(graph: ElkInput): Promise<ElkResult> {
    this.calls++;
    return super.layout(graph);
  }
}

const temp = tempProjects('basin-lineage-store-');
let assets: AssetGraph;
let store: RunStore;
let projectDir: string;

beforeAll(async () => {
  ({ assets } = await loadCompanyAssets());
  projectDir = await temp.project({});
  store = await createSqliteRunStore({ path: `${projectDir}/runs.sqlite`, logger: silentLogger });
  await store.migrate();
});
afterAll(async () => {
  await store.close();
  await temp.cleanup();
});

/** One server start: GET /api/lineage with `query` on `graph`; the body and how many layouts ELK ran. */
async function start(graph: AssetGraph, query = ''): Promise<{ body: LineageJson; elkCalls: number }> {
  const elk = new CountingElk();
  const app = Fastify();
  registerLineageRoutes(app, { projectName: 'company', assets: graph, store }, silentLogger, { layoutDir: layoutStoreDir(projectDir), elk });
  await app.ready();
  try {
    const res = await app.inject({ method: 'GET', url: `/api/lineage${query}` });
    expect(res.statusCode).toBe(200);
    return { body: res.json() as LineageJson, elkCalls: elk.calls };
  } finally {
    await app.close();
  }
}

const files = async (): Promise<string[]> => (await readdir(layoutStoreDir(projectDir))).sort();

describe('lineage layouts kept in .basin/lineage-layouts/', () => {
  it('a second start with an unchanged project reads the layout without running ELK; a changed graph is laid out again', async () => {
    const first = await start(assets);
    expect(first.elkCalls).toBe(1);
    const stored = await files();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f]{32}\.json$/);

    const second = await start(assets);
    expect(second.elkCalls).toBe(0);
    expect(second.body.nodes).toEqual(first.body.nodes);
    expect(second.body.edges).toEqual(first.body.edges);
    expect([second.body.width, second.body.height]).toEqual([first.body.width, first.body.height]);
    expect(second.body.layout_ms).toBe(0);

    // Another view of the same graph is another file.
    expect((await start(assets, '?tests=true')).elkCalls).toBe(1);
    expect(await files()).toHaveLength(2);

    // One asset fewer: another graph, laid out again; the earlier files stay.
    const dropped = [...assets.assets.values()].find((a) => a.kind === 'model')!;
    const changed: AssetGraph = { ...assets, assets: new Map([...assets.assets].filter(([id]) => id !== dropped.id)) };
    const third = await start(changed);
    expect(third.elkCalls).toBe(1);
    expect(third.body.nodes.some((n) => n.id === dropped.id)).toBe(false);
    expect(await files()).toHaveLength(3);
    expect((await start(changed)).elkCalls).toBe(0);

    // A small focus view is quick to lay out: not stored.
    expect((await start(assets, `?focus=${encodeURIComponent(dropped.key)}`)).elkCalls).toBe(1);
    expect(await files()).toHaveLength(3);
  });

  it('lays out again when the stored file is damaged or does not fit the graph', async () => {
    await start(assets);
    const dir = layoutStoreDir(projectDir);
    for (const name of await files()) await writeFile(path.join(dir, name), '{"version":1,"key":"x"');
    expect((await start(assets)).elkCalls).toBe(1);
    // The whole-graph file was written again (whole); the other views' files are still damaged.
    const parsed = await Promise.all(
      (await files()).map(async (n) => {
        try {
          return JSON.parse(await readFile(path.join(dir, n), 'utf8')) as { positions: unknown[] };
        } catch {
          return undefined;
        }
      }),
    );
    const whole = parsed.filter((p) => p !== undefined);
    expect(whole).toHaveLength(1);
    expect(whole[0]!.positions.length).toBe((await start(assets)).body.nodes.length);
  });
});

describe('LayoutStore', () => {
  it('keeps the most recently used files, at most `keep`, and leaves no temporary file', async () => {
    const dir = path.join(await temp.project({}), 'layouts');
    const layoutStore = new LayoutStore(dir, silentLogger, 2);
    const input = (id: string): ElkInput => ({ id: 'root', layoutOptions: {}, children: [{ id, width: 1, height: 1 }], edges: [] });
    const layout = (id: string) => ({ width: 10, height: 5, positions: new Map([[id, { x: 1, y: 2 }]]), paths: [] });
    await layoutStore.write('a', layout('a'), 5);
    await layoutStore.write('b', layout('b'), 5);
    // `a` was written first; reading it makes it the most recently used.
    await utimes(path.join(dir, 'a.json'), new Date(1_000), new Date(1_000));
    await utimes(path.join(dir, 'b.json'), new Date(2_000), new Date(2_000));
    expect(await layoutStore.read('a', input('a'))).toEqual({ layout: layout('a'), ms: 5 });
    expect((await stat(path.join(dir, 'a.json'))).mtimeMs).toBeGreaterThan(2_000);
    await layoutStore.write('c', layout('c'), 5);
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'c.json']);
    // A file whose nodes are not the graph's does not fit.
    expect(await layoutStore.read('c', input('other'))).toBeUndefined();
    expect(await layoutStore.read('missing', input('a'))).toBeUndefined();
  });
});
