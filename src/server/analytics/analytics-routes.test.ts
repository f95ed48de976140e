import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runActiveUsers, runFunnel, runPaths, runRetention, runStickiness, type EventsSpec } from '../../analytics/index.js';
import { FIXTURE_EVENTS, generateEvents, loadEvents } from '../../analytics/test-support/events-fixture.js';
import { silentLogger } from '../../core/logger.js';
import { createDuckDbWarehouse } from '../../warehouse/duckdb/duckdb-warehouse.js';
import { createPostgresWarehouse } from '../../warehouse/postgres/index.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { installServerAuth, type ServerAuth } from '../auth/server-auth.js';
import type { ActiveUsersJson, EventsOverviewJson, FunnelJson, PathsJson, RetentionJson } from './analytics-json.js';
import { NOT_CONFIGURED, registerAnalyticsRoutes, type AnalyticsRoutesContext } from './analytics-routes.js';
import { commonKeys } from './events-overview.js';

const fixture = generateEvents(7, 60);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const FIRST_DAY = day(Math.min(...fixture.map((e) => e.ts)));
const LAST_DAY = day(Math.max(...fixture.map((e) => e.ts)));

/** A warehouse for the suite, the schema its events load into, and the target schema basin.yml would name. */
interface Target {
  create(): Promise<Warehouse>;
  /** The schema the events load into (created by the suite, dropped after it when `drop`). */
  schema: string;
  /** basin.yml's target schema. */
  projectSchema: string;
  drop: boolean;
}

const TARGETS: Array<[string, Target]> = [
  ['DuckDB', { create: () => createDuckDbWarehouse({ path: ':memory:', threads: 1 }, { logger: silentLogger }), schema: 'product', projectSchema: 'main', drop: false }],
  [
    'Postgres',
    {
      /** The development machine's Postgres (trust auth); the suite uses its own schema. */
      create: () => createPostgresWarehouse({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test', poolSize: 2 }, { logger: silentLogger }),
      schema: `basin_ax_${randomBytes(4).toString('hex')}`,
      projectSchema: 'public',
      drop: true,
    },
  ],
];

describe.each(TARGETS)('the analytics explorer API on %s', (_name, target) => {
  const EVENTS_CONFIG = { events: { relation: `${target.schema}.events`, user_id: 'user_id', event: 'event', timestamp: 'ts', properties: 'properties' } };
  let warehouse: Warehouse;
  let events: EventsSpec;
  let dir: string;
  let app: FastifyInstance;
  let auth: ServerAuth;
  let headers: Record<string, string>;

  async function served(config: AnalyticsRoutesContext['config']): Promise<FastifyInstance> {
    const other = Fastify();
    registerAnalyticsRoutes(other, { warehouse, config }, silentLogger);
    await other.ready();
    return other;
  }

  beforeAll(async () => {
    warehouse = await target.create();
    await warehouse.execute(warehouse.dialect.createSchema(target.schema));
    events = await loadEvents(warehouse, target.schema, fixture);
    dir = await mkdtemp(path.join(tmpdir(), 'basin-analytics-routes-'));
    app = Fastify();
    auth = installServerAuth(app, { projectDir: dir, logger: silentLogger });
    headers = { authorization: `Bearer ${auth.localToken}` };
    registerAnalyticsRoutes(app, { warehouse, config: { schema: target.projectSchema, analytics: EVENTS_CONFIG } }, silentLogger);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await auth?.close();
    if (target.drop) await warehouse?.execute(warehouse.dialect.dropSchema(target.schema));
    await warehouse?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const post = async <T>(kind: string, body: unknown, on: FastifyInstance = app): Promise<{ status: number; body: T }> => {
    const res = await on.inject({ method: 'POST', url: `/api/analytics/${kind}`, headers, payload: body as Record<string, unknown> });
    return { status: res.statusCode, body: res.json() as T };
  };

  it('needs a token like every /api/ route', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/analytics/events' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/analytics/funnel', payload: { steps: ['signup', 'view'] } })).statusCode).toBe(401);
  });

  it('GET /api/analytics/events: names by count, property keys of a sample, the day range', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/analytics/events', headers });
    expect(res.statusCode).toBe(200);
    const body = res.json() as EventsOverviewJson;
    const counts = new Map<string, number>();
    for (const e of fixture) counts.set(e.event, (counts.get(e.event) ?? 0) + 1);
    const expected = [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
    expect(body.events).toEqual(expected);
    expect(body.events.map((e) => e.name).sort()).toEqual([...FIXTURE_EVENTS].sort());
    expect(body.events_truncated).toBe(false);
    expect(body.properties).toEqual(['plan', 'source']);
    expect(body.properties_sample).toBeGreaterThan(0);
    expect(body.range).toEqual({ from: FIRST_DAY, to: LAST_DAY });
    expect(body.relation).toBe(`${target.schema}.events`);
    expect(body.columns).toEqual({ user_id: 'user_id', event: 'event', timestamp: 'ts', properties: 'properties' });
    expect(body.relation_columns.map((c) => c.name)).toEqual(['user_id', 'event', 'ts', 'properties', 'country']);
    expect(body.relation_columns.every((c) => c.type.length > 0)).toBe(true);
  });

  it('POST funnel: runFunnel over the events, the range filled with the first and last day', async () => {
    const { status, body } = await post<FunnelJson>('funnel', { steps: ['signup', 'view', { event: 'buy', where: { plan: 'pro' } }], window: '7d' });
    expect(status).toBe(200);
    const direct = await runFunnel(
      warehouse,
      events,
      { steps: [{ event: 'signup' }, { event: 'view' }, { event: 'buy', where: [{ property: 'plan', equals: 'pro' }] }], windowSeconds: 7 * 86_400, order: 'sequential', exclusions: [], range: { from: FIRST_DAY, to: LAST_DAY } },
    );
    expect(body.groups).toEqual(direct.groups);
    expect(body.groups[0]!.steps[0]!.users).toBeGreaterThan(body.groups[0]!.steps[2]!.users);
    expect(body.range).toEqual({ from: FIRST_DAY, to: LAST_DAY });

    const broken = await post<FunnelJson>('funnel', { steps: ['signup', 'view'], window: 3600, order: 'strict', breakdown: { property: 'plan' }, attribution: { step: 2 }, range: { from: '2026-03-10', to: '2026-04-10' } });
    expect(broken.status).toBe(200);
    const directBroken = await runFunnel(warehouse, events, {
      steps: [{ event: 'signup' }, { event: 'view' }],
      windowSeconds: 3600,
      order: 'strict',
      breakdown: { property: 'plan' },
      attribution: { step: 2 },
      range: { from: '2026-03-10', to: '2026-04-10' },
    });
    expect(broken.body.groups).toEqual(directBroken.groups);
    expect(broken.body.groups.map((g) => g.breakdown)).toContain('pro');
    expect(broken.body.range).toEqual({ from: '2026-03-10', to: '2026-04-10' });
  });

  it('POST funnel: step filters, exclusions and a column breakdown as runFunnel computes them', async () => {
    const body = {
      steps: ['signup', { event: 'view', where: { plan: 'pro', source: 'ads' } }, 'cart'],
      window: '1d',
      exclusions: [{ event: 'help', from_step: 1, to_step: 3 }],
      breakdown: { column: 'country' },
      attribution: 'last_touch',
    };
    const { status, body: answer } = await post<FunnelJson>('funnel', body);
    expect(status).toBe(200);
    const steps = [{ event: 'signup' }, { event: 'view', where: [{ property: 'plan', equals: 'pro' }, { property: 'source', equals: 'ads' }] }, { event: 'cart' }];
    const range = { from: FIRST_DAY, to: LAST_DAY };
    const direct = await runFunnel(warehouse, events, { steps, windowSeconds: 86_400, order: 'sequential', exclusions: [{ event: 'help', fromStep: 1, toStep: 3 }], breakdown: { column: 'country' }, attribution: 'last_touch', range });
    expect(answer.groups).toEqual(direct.groups);
    expect(answer.groups.map((g) => g.breakdown).filter((b) => b !== null).sort()).toEqual(['de', 'fr', 'us']);
    // The filter and the exclusion each narrow the funnel.
    const plain = await runFunnel(warehouse, events, { steps: [{ event: 'signup' }, { event: 'view' }, { event: 'cart' }], windowSeconds: 86_400, order: 'sequential', range });
    const unexcluded = await runFunnel(warehouse, events, { steps, windowSeconds: 86_400, order: 'sequential', range });
    const filtered = await post<FunnelJson>('funnel', { ...body, exclusions: [], breakdown: undefined, attribution: undefined });
    expect(filtered.body.groups).toEqual(unexcluded.groups);
    expect(unexcluded.groups[0]!.steps[1]!.users).toBeLessThan(plain.groups[0]!.steps[1]!.users);
    const excluded = await post<FunnelJson>('funnel', { steps: ['signup', 'view', 'cart'], window: '1d', exclusions: body.exclusions });
    expect(excluded.body.groups[0]!.converted).toBeLessThan(plain.groups[0]!.converted);
  });

  it('POST retention: the cohort table of runRetention', async () => {
    const { status, body } = await post<RetentionJson>('retention', { start: 'signup', period: 'week', periods: 4, mode: 'on_or_after' });
    expect(status).toBe(200);
    const direct = await runRetention(warehouse, events, { startEvent: { event: 'signup' }, period: 'week', periods: 4, mode: 'on_or_after', cohortType: 'first_time', range: { from: FIRST_DAY, to: LAST_DAY } });
    expect(body.cohorts).toEqual(direct.cohorts);
    expect(body.cohorts.length).toBeGreaterThan(2);
  });

  it('POST active: DAU/WAU/MAU per day and stickiness per week', async () => {
    const range = { from: '2026-03-02', to: '2026-03-29' };
    const { status, body } = await post<ActiveUsersJson>('active', { range, stickiness: 'week' });
    expect(status).toBe(200);
    expect(body.days).toEqual(await runActiveUsers(warehouse, events, { range }));
    expect(body.days).toHaveLength(28);
    expect(body.stickiness).toEqual(await runStickiness(warehouse, events, { range, period: 'week' }));
    expect(body.stickiness_period).toBe('week');
    const only = await post<ActiveUsersJson>('active', { event: 'buy', range });
    expect(only.body.days).toEqual(await runActiveUsers(warehouse, events, { range, event: { event: 'buy' } }));
  });

  it('POST paths: the most common next or previous events', async () => {
    const { status, body } = await post<PathsJson>('paths', { event: 'view', direction: 'previous', depth: 2, limit: 5 });
    expect(status).toBe(200);
    expect(body.paths).toEqual(await runPaths(warehouse, events, { event: 'view', direction: 'previous', depth: 2, limit: 5, range: { from: FIRST_DAY, to: LAST_DAY } }));
    expect(body.paths).toHaveLength(5);
    expect([body.event, body.direction]).toEqual(['view', 'previous']);
  });

  it('answers 400 naming the field for a bad body or a spec the analysis refuses', async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['funnel', { steps: ['signup'] }, /^invalid request body: steps: /],
      ['funnel', { steps: ['signup', 'view'], window: '7 weeks' }, /window: expected a duration/],
      ['funnel', { steps: ['signup', 'view'], range: { from: '2026-3-1' } }, /range\.from: expected a day as YYYY-MM-DD/],
      ['funnel', { steps: ['signup', 'view'], range: { from: '2026-04-01', to: '2026-03-01' } }, /range: from must not be after to/],
      ['funnel', { steps: ['signup', 'view'], attribution: { step: 5 } }, /attribution step must be 1\.\.2/],
      ['funnel', { steps: ['signup', 'view'], breakdown: { column: 'no_such_column' } }, /no_such_column/],
      ['funnel', { steps: ['signup', 'view'], order: 'any', exclusions: [{ event: 'help', from_step: 1, to_step: 2 }] }, /exclusion steps need an ordered funnel/],
      ['funnel', { steps: ['signup', 'view'], exclusions: [{ event: 'help', from_step: 2, to_step: 1 }] }, /exclusion "help" must lie between two steps/],
      ['funnel', { steps: ['signup', { event: 'view', where: { plan: ['pro'] } }] }, /^invalid request body: steps\.1\.where\.plan: /],
      ['retention', { start: 'signup', period: 'year' }, /^invalid request body: period: /],
      ['active', { stickiness: 'day' }, /^invalid request body: stickiness: /],
      ['paths', { event: 'view', depth: 11 }, /^invalid request body: depth: /],
      ['paths', { event: 'view', extra: 1 }, /extra/],
    ];
    for (const [kind, body, message] of cases) {
      const res = await post<{ error: string; code: string }>(kind, body);
      expect(res.status, `${kind} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error).toMatch(message);
    }
  });

  it('answers 404 with what to add to basin.yml when the project has no events, 400 when they are misconfigured or missing', async () => {
    const schema = target.projectSchema;
    const none = await served({ schema });
    const bad = await served({ schema, analytics: { events: { relation: `${target.schema}.events`, user: 'who' } } });
    const missing = await served({ schema, analytics: { events: { relation: 'nowhere' } } });
    try {
      const overview = await none.inject({ method: 'GET', url: '/api/analytics/events' });
      expect(overview.statusCode).toBe(404);
      expect((overview.json() as { error: string }).error).toBe(NOT_CONFIGURED);
      expect(NOT_CONFIGURED).toContain('analytics:');
      const funnel = await post<{ error: string }>('funnel', { steps: ['signup', 'view'] }, none);
      expect([funnel.status, funnel.body.error]).toEqual([404, NOT_CONFIGURED]);
      const invalid = await bad.inject({ method: 'GET', url: '/api/analytics/events' });
      expect(invalid.statusCode).toBe(400);
      expect((invalid.json() as { error: string }).error).toMatch(/basin\.yml.*analytics\.events/);
      const absent = await post<{ error: string }>('paths', { event: 'view' }, missing);
      expect(absent.status).toBe(400);
      expect(absent.body.error).toMatch(new RegExp(`${schema}\\.nowhere.*does not exist`));
    } finally {
      await Promise.all([none.close(), bad.close(), missing.close()]);
    }
  });

});

describe('the events overview', () => {
  it('reads property keys from JSON text or parsed objects, most frequent first', () => {
    expect(commonKeys(['{"a":1,"b":2}', { b: 1 }, '[1]', 'not json', null, '{"c":1}'])).toEqual(['b', 'a', 'c']);
  });
});
