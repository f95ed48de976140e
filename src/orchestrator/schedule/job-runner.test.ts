import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { tempProjects } from '../../core/test-support/temp-projects.js';
import { plannedAssetKeys } from '../pipeline/rerun-plan.js';
import type { Asset } from '../assets/asset.js';
import type { ScheduledJob } from '../jobs/job.js';
import type { RunStore } from '../run-store/run-store.js';
import { createSqliteRunStore } from '../run-store/sqlite-run-store.js';
import { JobRunner, RUN_TIMEOUT, type JobPipelineInput, type JobPipelineOutcome } from './job-runner.js';
import { Scheduler } from './scheduler.js';
import { testJob } from './test-support/scheduler-harness.js';
import { VirtualClock } from './test-support/virtual-clock.js';

const temp = tempProjects('basin-job-runner-');
let store: RunStore;
afterEach(async () => store.close());
afterAll(() => temp.cleanup());

const SECRET = 'sk_test_51SECRETVALUE';
const asset: Asset = { id: 'model.demo.mrr', key: 'model:mrr', kind: 'model', name: 'mrr', upstream: [], tags: [], file: 'models/mrr.sql' };

async function setup(job: ScheduledJob, pipeline: (input: JobPipelineInput) => Promise<JobPipelineOutcome>) {
  store = await createSqliteRunStore({ path: path.join(await temp.project({}), 'runs.sqlite'), logger: silentLogger });
  await store.migrate();
  const clock = new VirtualClock(new Date('2026-06-01T00:00:00.500Z'));
  const runner = new JobRunner({ store, owner: 'server-a', runPipeline: pipeline, secrets: [SECRET], logger: silentLogger, clock });
  const runs: Promise<void>[] = [];
  const scheduler = new Scheduler({ jobs: [job], store, owner: 'server-a', logger: silentLogger, clock, startRun: (j, id) => void runs.push(runner.start(j, id)) });
  // Waits for tick handling and lets run bookkeeping proceed, without waiting for runs that block on their signal.
  const settle = async (): Promise<void> => {
    await scheduler.idle();
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  return { clock, runner, scheduler, settle, runs };
}

const scheduled = (extra: Partial<ScheduledJob> = {}): ScheduledJob => ({ ...testJob('billing', '* * * * *', { select: ['source:stripe+'], exclude: ['tag:slow'], retries: { count: 2, backoffSeconds: 5 } }), schedule: '* * * * *', ...extra });

describe('JobRunner', () => {
  it('runs a claimed tick with the job settings, records assets, and sets the final status', async () => {
    const inputs: Array<Omit<JobPipelineInput, 'signal' | 'onEvent' | 'onPlanned' | 'job'>> = [];
    const { clock, scheduler, settle } = await setup(scheduled(), async ({ signal: _s, onEvent, onPlanned, job: _j, ...input }) => {
      inputs.push(input);
      onPlanned(['model:mrr', 'test:never_started']);
      const at = clock.now();
      onEvent({ type: 'asset_started', asset, attempt: 1, at });
      onEvent({ type: 'asset_finished', asset, at, result: { id: asset.id, status: 'succeeded', attempts: 1, rows: 42, startedAt: at, finishedAt: at } });
      return { failed: false, canceled: false };
    });
    await scheduler.start();
    await clock.advanceTo(new Date('2026-06-01T00:01:00Z'), settle);
    await scheduler.stop();
    const [run] = (await store.listRuns({ job: 'billing', limit: 10 })).runs;
    expect(inputs).toEqual([{ select: ['source:stripe+'], exclude: ['tag:slow'], retry: { count: 2, backoffMs: 5000 }, runTimeoutMs: undefined, runId: run!.id }]);
    expect(run).toMatchObject({ status: 'succeeded', owner: 'server-a', trigger: 'schedule', scheduledFor: new Date('2026-06-01T00:01:00Z'), startedAt: new Date('2026-06-01T00:01:00Z'), finishedAt: new Date('2026-06-01T00:01:00Z') });
    expect(await store.listAssetRuns(run!.id)).toEqual([{ runId: run!.id, assetKey: 'model:mrr', kind: 'model', status: 'succeeded', attempts: 1, rows: 42, startedAt: new Date('2026-06-01T00:01:00Z'), finishedAt: new Date('2026-06-01T00:01:00Z') }]);
    // The plan is recorded first, so a rerun knows what never started.
    expect(await plannedAssetKeys(store, run!.id)).toEqual(['model:mrr', 'test:never_started']);
  });

  it('fails a run that exceeds timeout_minutes or whose pipeline throws (secrets scrubbed), cancels on shutdown', async () => {
    let calls = 0;
    const { clock, runner, scheduler, settle, runs } = await setup(scheduled({ timeoutMinutes: 2, concurrency: 5 }), async ({ signal }) => {
      calls++;
      if (calls === 2) throw new Error(`warehouse refused key ${SECRET}`);
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      return { failed: true, canceled: true };
    });
    await scheduler.start();
    await clock.advanceTo(new Date('2026-06-01T00:03:30Z'), settle);
    await scheduler.stop();
    await Promise.allSettled(runs.slice(0, 2));
    expect(runner.activeRunIds()).toHaveLength(1);
    await runner.cancelAll();
    expect(runner.activeRunIds()).toEqual([]);
    const stored = (await store.listRuns({ job: 'billing', limit: 10 })).runs.reverse();
    expect(stored.map((r) => [r.scheduledFor?.toISOString().slice(11, 16), r.status, r.error, r.finishedAt?.toISOString().slice(11, 19)])).toEqual([
      ['00:01', 'failed', { code: RUN_TIMEOUT, message: "the run exceeded the job's timeout_minutes (2)" }, '00:03:00'],
      ['00:02', 'failed', { message: 'warehouse refused key ***' }, '00:02:00'],
      ['00:03', 'canceled', undefined, '00:03:30'],
    ]);
  });
});
