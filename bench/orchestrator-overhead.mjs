#!/usr/bin/env node
/**
 * Orchestration overhead: 1,000 no-op assets in a chain and in a wide fan
 * (one root, 999 children) through the asset runner (graph order, limits,
 * events), once counting events in memory and once recording every asset
 * and event in a SQLite run store, as `basin pipeline` does. Target
 * (issue #5): <= 10 s each, i.e. <= 10 ms per asset.
 *
 *   npm run build && node bench/orchestrator-overhead.mjs [--assets 1000]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { runAssets } = await import(path.join(root, 'dist/orchestrator/runner/run-assets.js'));
const { DependencyGraph } = await import(path.join(root, 'dist/transform/graph/dependency-graph.js'));
const { openRunStore } = await import(path.join(root, 'dist/orchestrator/run-store/open-run-store.js'));
const { createRunRecorder } = await import(path.join(root, 'dist/orchestrator/pipeline/run-recorder.js'));
const { silentLogger } = await import(path.join(root, 'dist/core/logger.js'));
const { mkdtemp, rm } = await import('node:fs/promises');
const { tmpdir } = await import('node:os');

const args = process.argv.slice(2);
const n = args.includes('--assets') ? Number(args[args.indexOf('--assets') + 1]) : 1000;

function shape(kind) {
  const ids = Array.from({ length: n }, (_, i) => `model.bench.m${String(i).padStart(5, '0')}`);
  const upstream = (i) => (i === 0 ? [] : kind === 'chain' ? [ids[i - 1]] : [ids[0]]);
  const assets = new Map(ids.map((id, i) => [id, { id, key: `model:${id}`, kind: 'model', name: id, upstream: upstream(i), tags: [], file: '' }]));
  const graph = new DependencyGraph(ids.map((id, i) => ({ uniqueId: id, dependsOn: upstream(i) })));
  return { assets, graph, ids };
}

const dir = await mkdtemp(path.join(tmpdir(), 'basin-bench-orch-'));
const store = await openRunStore(undefined, { projectDir: dir, logger: silentLogger });
for (const [kind, recorded] of [['chain', false], ['fan', false], ['chain', true], ['fan', true]]) {
  const { assets, graph, ids } = shape(kind);
  let events = 0;
  const started = process.hrtime.bigint();
  const run = recorded ? await store.createRun({ selector: [kind], trigger: 'manual', status: 'running', startedAt: new Date() }) : undefined;
  const recorder = run ? createRunRecorder(store, run.id, [], silentLogger) : undefined;
  const results = await runAssets({
    assets,
    graph,
    ids,
    limits: { global: 8, perKind: { connection: 4 }, perConnection: 1 },
    execute: async () => ({ status: 'succeeded' }),
    onEvent: (e) => {
      events++;
      recorder?.onEvent(e);
    },
  });
  await recorder?.flush();
  if (run) await store.updateRun(run.id, { status: 'succeeded', finishedAt: new Date() });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const ok = results.filter((r) => r.status === 'succeeded').length;
  console.log(`${kind.padEnd(5)} ${recorded ? 'recorded in SQLite' : 'in memory         '} ${n} no-op assets: ${(ms / 1000).toFixed(3)} s, ${(ms / n).toFixed(3)} ms per asset (${ok} succeeded, ${events} events)`);
}
await store.close();
await rm(dir, { recursive: true, force: true });
