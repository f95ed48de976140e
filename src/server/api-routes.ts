/**
 * The HTTP API under /api/ (fastify): health, assets, jobs with their next
 * run times, runs with per-asset results and events, trigger a job or an
 * ad-hoc selection, rerun what failed, cancel a run, and read-only queries.
 * JSON only; no secret is ever part of what it returns (run errors are
 * scrubbed when they are recorded).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { BasinError, errorMessage } from '../core/errors.js';
import { toJson } from '../core/json-text.js';
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

const stringList = z.union([z.string().min(1).transform((v) => [v]), z.array(z.string().min(1))]);

/** Body of POST /api/runs. */
const runRequestBody = z.strictObject({
  job: z.string().min(1).optional(),
  select: stringList.optional(),
  exclude: stringList.optional(),
  full_refresh: z.boolean().optional(),
  kinds: z.array(z.string().min(1)).optional(),
  full_resync: z.boolean().optional(),
  dry_run: z.boolean().optional(),
  retries: z.number().int().min(0).max(10).optional(),
});

/** Body of POST /api/query. */
const queryBody = z.strictObject({
  sql: z.string().min(1),
  /** Rows returned at most (the result says when it was truncated). */
  limit: z.number().int().min(1).max(100_000).optional(),
});

/** Maps Basin's error codes to HTTP statuses; anything unexpected is a 500 with its message (also used by POST /api/query/csv). */
export function sendError(reply: FastifyReply, err: unknown): FastifyReply {
  const code = err instanceof BasinError ? err.code : undefined;
  const status = code === 'SELECTION' || code === 'USAGE' || code === 'WAREHOUSE' ? 400 : code === 'READ_ONLY' || code === 'EXTERNAL_ACCESS' ? 403 : code === 'ABORTED' ? 499 : 500;
  return reply.code(status).send({ error: errorMessage(err), code: code ?? 'INTERNAL' });
}

export function invalidBody(reply: FastifyReply, error: z.ZodError): FastifyReply {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return reply.code(400).send({ error: `invalid request body: ${where}${issue?.message ?? 'invalid'}`, code: 'USAGE' });
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
    try {
      const run = await ctx.submitRun({ job });
      return reply.code(202).send({ run_id: run.id });
    } catch (err) {
      return sendError(reply, err);
    }
  });

  app.post('/api/runs', async (request, reply) => {
    const body = runRequestBody.safeParse(request.body ?? {});
    if (!body.success) return invalidBody(reply, body.error);
    const { job: jobName, select, exclude, full_refresh: fullRefresh, retries, kinds, full_resync: fullResync, dry_run: dryRun } = body.data;
    const job = jobName === undefined ? undefined : ctx.jobs.find((j) => j.name === jobName);
    if (jobName !== undefined && !job) return reply.code(404).send({ error: `no job named ${jobName}` });
    try {
      const run = await ctx.submitRun({ job, select, exclude, fullRefresh, retries, kinds, fullResync, dryRun });
      return reply.code(202).send({ run_id: run.id });
    } catch (err) {
      return sendError(reply, err);
    }
  });

  app.post<{ Params: { id: string } }>('/api/runs/:id/rerun', async (request, reply) => {
    const previous = await ctx.store.getRun(request.params.id);
    if (!previous) return reply.code(404).send({ error: `no run ${request.params.id}` });
    if (previous.status === 'queued' || previous.status === 'running') return reply.code(409).send({ error: `run ${previous.id} is still ${previous.status}` });
    const run = await ctx.submitRerun(previous);
    if (!run) return reply.code(409).send({ error: `run ${previous.id} has nothing that failed or was skipped: nothing to rerun` });
    return reply.code(202).send({ run_id: run.id, rerun_of: previous.id });
  });

  app.post('/api/query', async (request, reply) => {
    const body = queryBody.safeParse(request.body ?? {});
    if (!body.success) return invalidBody(reply, body.error);
    const limit = body.data.limit ?? 10_000;
    const abort = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) abort.abort(new Error('the client went away'));
    });
    try {
      const result = await ctx.query(body.data.sql, { signal: abort.signal });
      const rows = result.rows.slice(0, limit);
      return reply
        .type('application/json; charset=utf-8')
        .send(toJson({ columns: result.columns, rows, row_count: result.rows.length, truncated: result.rows.length > limit }, 0));
    } catch (err) {
      return sendError(reply, err);
    }
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
    return events.map((e) => ({ seq: e.seq, at: e.at.toISOString(), asset: e.assetKey ?? null, level: e.level, type: e.type, message: e.message, data: e.data ?? null }));
  });

  app.post<{ Params: { id: string } }>('/api/runs/:id/cancel', async (request, reply) => {
    const run = await ctx.store.getRun(request.params.id);
    if (!run) return reply.code(404).send({ error: `no run ${request.params.id}` });
    if (!ctx.cancelRun(run.id)) return reply.code(409).send({ error: `run ${run.id} is ${run.status}, not running on this server` });
    return reply.code(202).send({ run_id: run.id, status: 'canceling' });
  });
}
