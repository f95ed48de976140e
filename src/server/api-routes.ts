/**
 * The HTTP API under /api/ (fastify): health, assets, jobs with their next
 * run times, runs with per-asset results and events, trigger a job, cancel a
 * run. JSON only; no secret is ever part of what it returns (run errors are
 * scrubbed when they are recorded).
 */
import type { FastifyInstance } from 'fastify';
import type { AssetRunRecord, RunRecord, RunStatus } from '../orchestrator/run-store/run-store.js';
import type { ApiContext } from './api-context.js';

const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'succeeded', 'failed', 'canceled', 'interrupted'];

function runJson(run: RunRecord): Record<string, unknown> {
  return {
    id: run.id,
    job: run.job ?? null,
    selector: run.selector,
    trigger: run.trigger,
    status: run.status,
    created_at: run.createdAt.toISOString(),
    started_at: run.startedAt?.toISOString() ?? null,
    finished_at: run.finishedAt?.toISOString() ?? null,
    scheduled_for: run.scheduledFor?.toISOString() ?? null,
    error: run.error ?? null,
  };
}

function assetRunJson(a: AssetRunRecord): Record<string, unknown> {
  return {
    asset: a.assetKey,
    kind: a.kind,
    status: a.status,
    attempts: a.attempts,
    started_at: a.startedAt?.toISOString() ?? null,
    finished_at: a.finishedAt?.toISOString() ?? null,
    rows: a.rows ?? null,
    error: a.error ?? null,
    metadata: a.metadata ?? null,
  };
}

/** Registers the API routes on `app`. */
export function registerApiRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/api/health', async () => ({ status: 'ok', started_at: ctx.startedAt.toISOString(), store: ctx.store.description }));

  app.get('/api/assets', async () =>
    [...ctx.assets.assets.values()].map((a) => ({
      id: a.id,
      key: a.key,
      kind: a.kind,
      name: a.name,
      upstream: a.upstream,
      tags: a.tags,
      file: a.file,
      description: a.description ?? null,
      schema: a.schema ?? null,
      schedule: a.schedule ?? null,
      catalog: a.catalog ?? null,
    })),
  );

  app.get('/api/jobs', async () => {
    const next = ctx.nextTicks();
    return ctx.jobs.map((j) => ({
      name: j.name,
      select: j.select,
      exclude: j.exclude,
      schedule: j.schedule ?? null,
      timezone: j.timezone,
      enabled: j.enabled,
      next_run_at: next.get(j.name)?.toISOString() ?? null,
    }));
  });

  app.post<{ Params: { name: string } }>('/api/jobs/:name/run', async (request, reply) => {
    const job = ctx.jobs.find((j) => j.name === request.params.name);
    if (!job) return reply.code(404).send({ error: `no job named ${request.params.name}` });
    const runId = await ctx.triggerJob(job);
    return reply.code(202).send({ run_id: runId });
  });

  app.get<{ Querystring: { job?: string; status?: string; limit?: string; before?: string } }>('/api/runs', async (request, reply) => {
    const { job, status, before } = request.query;
    const limit = Math.min(Math.max(Number(request.query.limit ?? 50) || 50, 1), 500);
    if (status !== undefined && !RUN_STATUSES.includes(status as RunStatus)) {
      return reply.code(400).send({ error: `status must be one of ${RUN_STATUSES.join(', ')}` });
    }
    const page = await ctx.store.listRuns({ limit, ...(job ? { job } : {}), ...(status ? { status: status as RunStatus } : {}), ...(before ? { before } : {}) });
    return { runs: page.runs.map(runJson), next_cursor: page.nextCursor ?? null };
  });

  app.get<{ Params: { id: string } }>('/api/runs/:id', async (request, reply) => {
    const run = await ctx.store.getRun(request.params.id);
    if (!run) return reply.code(404).send({ error: `no run ${request.params.id}` });
    return { ...runJson(run), assets: (await ctx.store.listAssetRuns(run.id)).map(assetRunJson) };
  });

  app.get<{ Params: { id: string }; Querystring: { after?: string; limit?: string } }>('/api/runs/:id/events', async (request, reply) => {
    const run = await ctx.store.getRun(request.params.id);
    if (!run) return reply.code(404).send({ error: `no run ${request.params.id}` });
    const events = await ctx.store.listEvents(run.id, {
      ...(request.query.after ? { afterSeq: Number(request.query.after) } : {}),
      limit: Math.min(Number(request.query.limit ?? 1000) || 1000, 5000),
    });
    return events.map((e) => ({ seq: e.seq, at: e.at.toISOString(), asset: e.assetKey ?? null, level: e.level, type: e.type, message: e.message }));
  });

  app.post<{ Params: { id: string } }>('/api/runs/:id/cancel', async (request, reply) => {
    const run = await ctx.store.getRun(request.params.id);
    if (!run) return reply.code(404).send({ error: `no run ${request.params.id}` });
    if (!ctx.cancelRun(run.id)) return reply.code(409).send({ error: `run ${run.id} is ${run.status}, not running on this server` });
    return reply.code(202).send({ run_id: run.id, status: 'canceling' });
  });
}
