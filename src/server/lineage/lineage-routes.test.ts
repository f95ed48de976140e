import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { tempProjects } from '../../core/test-support/temp-projects.js';
import type { AssetGraph } from '../../orchestrator/assets/build-asset-graph.js';
import { loadCompanyAssets } from '../../orchestrator/assets/test-support/company-assets.js';
import type { RunStore } from '../../orchestrator/run-store/run-store.js';
import { createSqliteRunStore } from '../../orchestrator/run-store/sqlite-run-store.js';
import { NODE_WIDTH } from './elk-graph.js';
import type { LineageJson } from './lineage-json.js';
import { registerLineageRoutes } from './lineage-routes.js';

const temp = tempProjects('basin-lineage-');
let app: FastifyInstance;
let assets: AssetGraph;
let store: RunStore;

beforeAll(async () => {
  ({ assets } = await loadCompanyAssets());
  store = await createSqliteRunStore({ path: `${await temp.project({})}/runs.sqlite`, logger: silentLogger });
  await store.migrate();
  app = Fastify();
  registerLineageRoutes(app, { projectName: 'company', assets, store }, silentLogger);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
  await temp.cleanup();
});

async function lineage(query: string): Promise<{ status: number; body: LineageJson }> {
  const res = await app.inject({ method: 'GET', url: `/api/lineage${query}` });
  return { status: res.statusCode, body: res.json() as LineageJson };
}

describe('GET /api/lineage', () => {
  it('lays out the whole graph left to right with tests folded into the assets they test', async () => {
    const { status, body } = await lineage('');
    expect(status).toBe(200);
    const all = [...assets.assets.values()];
    expect(body.nodes.map((n) => n.key)).toEqual(all.filter((a) => a.kind !== 'test').map((a) => a.key));
    expect(body.keys).toHaveLength(all.length);
    const at = new Map(body.nodes.map((n) => [n.key, n]));
    // Every edge goes rightwards: the reader is in a later layer than what it reads.
    for (const e of body.edges) expect(at.get(e.to)!.x, `${e.from} -> ${e.to}`).toBeGreaterThanOrEqual(at.get(e.from)!.x + NODE_WIDTH);
    expect(body.edges.length).toBeGreaterThan(50);
    expect(body.edges.every((e) => e.path.length >= 2)).toBe(true);
    expect(at.get('connection:stripe')!.x).toBeLessThan(at.get('source:stripe.customers')!.x);
    const customers = assets.assets.get([...assets.assets.keys()].find((id) => assets.assets.get(id)!.key === 'source:stripe.customers')!)!;
    expect(at.get(customers.key)!.tests).toBe(all.filter((a) => a.kind === 'test' && a.upstream.includes(customers.id)).length);
    expect(body.width).toBeGreaterThan(4 * NODE_WIDTH);
  });

  it('focuses on one asset with n levels up and down, and merges the latest run statuses', async () => {
    const run = await store.createRun({ selector: ['model:stg_stripe__customers'], trigger: 'api' });
    await store.upsertAssetRun({ runId: run.id, assetKey: 'model:stg_stripe__customers', kind: 'model', status: 'failed', attempts: 1, startedAt: new Date(), finishedAt: new Date() });
    const { status, body } = await lineage('?focus=model:stg_stripe__customers&up=1&down=1');
    expect(status).toBe(200);
    expect(body.focus).toBe('model:stg_stripe__customers');
    expect([body.up, body.down]).toEqual([1, 1]);
    const keys = body.nodes.map((n) => n.key);
    expect(keys).toContain('source:stripe.customers');
    expect(keys).not.toContain('connection:stripe');
    expect(keys.every((k) => !k.startsWith('test:'))).toBe(true);
    expect(body.nodes.find((n) => n.key === 'model:stg_stripe__customers')!.status).toBe('failed');
    const deeper = await lineage('?focus=model:stg_stripe__customers&up=2&down=0');
    expect(deeper.body.nodes.map((n) => n.key)).toContain('connection:stripe');
    expect(deeper.body.nodes.map((n) => n.key).filter((k) => k.startsWith('model:'))).toEqual(['model:stg_stripe__customers']);
    const tested = await lineage('?focus=model:stg_stripe__customers&up=0&down=1&tests=true');
    expect(tested.body.tests).toBe(true);
    expect(tested.body.nodes.some((n) => n.key.startsWith('test:'))).toBe(true);
  });

  it('answers 404 for an unknown focus and 400 for bad levels', async () => {
    expect((await lineage('?focus=model:nope')).status).toBe(404);
    expect((await lineage('?focus=model:stg_stripe__customers&up=-1')).status).toBe(400);
    expect((await lineage('?tests=maybe')).status).toBe(400);
  });
});
