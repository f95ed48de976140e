/**
 * The product-analytics explorer's API: GET /api/analytics/events (event
 * names with counts, property keys, the relation's columns, day range) and POST
 * /api/analytics/funnel | retention | active | paths (a JSON body validated
 * by zod → src/analytics' result plus the range covered). The events are
 * basin.yml `analytics: { events }`, read on each request; every query runs
 * in a read-only transaction, whatever the server allows, with every value
 * bound. Bad bodies and bad specs are 400s naming the field; a project
 * without events is a 404 saying what to add to basin.yml.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { runActiveUsers, runFunnel, runPaths, runRetention, runStickiness, eventsDayRange, type DateRange, type EventsSpec } from '../../analytics/index.js';
import type { ProjectConfig } from '../../config/project-config.js';
import { BasinError, errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { projectEvents } from '../../dashboards/project-events.js';
import type { QueryOptions, Warehouse, WarehouseSession } from '../../warehouse/warehouse.js';
import type { ActiveUsersJson, DayRangeJson, EventsOverviewJson, FunnelJson, PathsJson, RetentionJson } from './analytics-json.js';
import { ANALYTICS_REQUESTS, describeIssue, funnelSpec, pathsSpec, retentionSpec, type AnalysisKind } from './analytics-requests.js';
import { eventsOverview } from './events-overview.js';

/** What the explorer routes read: the warehouse and basin.yml (its `analytics:` and target schema). */
export interface AnalyticsRoutesContext {
  warehouse: Warehouse;
  config: Pick<ProjectConfig, 'analytics' | 'schema'>;
}

/** The answer when basin.yml has no `analytics:`. */
export const NOT_CONFIGURED =
  'this project has no events for product analytics: add `analytics: { events: { relation, user_id, event, timestamp, properties } }` to basin.yml (see docs/analytics.md)';

class NotConfigured extends Error {}

function fail(reply: FastifyReply, err: unknown, logger: Logger): FastifyReply {
  if (err instanceof NotConfigured) return reply.code(404).send({ error: NOT_CONFIGURED, code: 'NOT_FOUND' });
  const code = err instanceof BasinError ? err.code : 'INTERNAL';
  const status = code === 'USAGE' || code === 'CONFIG_INVALID' || code === 'WAREHOUSE' ? 400 : code === 'READ_ONLY' ? 403 : code === 'ABORTED' ? 499 : 500;
  if (status === 500) logger.error('analytics request failed', { error: errorMessage(err) });
  return reply.code(status).send({ error: errorMessage(err), code });
}

/** The request's range with open ends filled by the events' first and last day (null: no bound and no events). */
async function coveredRange(session: WarehouseSession, events: EventsSpec, requested: DateRange | undefined, options: QueryOptions): Promise<DayRangeJson | null> {
  if (requested?.from && requested.to) return { from: requested.from, to: requested.to };
  const known = await eventsDayRange(session, events, options);
  const from = requested?.from ?? known?.from;
  const to = requested?.to ?? known?.to;
  return from && to ? { from, to } : null;
}

/** Registers the explorer's routes on `app`. */
export function registerAnalyticsRoutes(app: FastifyInstance, ctx: AnalyticsRoutesContext, logger: Logger): void {
  const { warehouse, config } = ctx;

  /** Runs `fn` read-only over the configured events (which must exist), aborted when the client goes away. */
  const withEvents = async <T>(reply: FastifyReply, fn: (session: WarehouseSession, events: EventsSpec, options: QueryOptions) => Promise<T>): Promise<T> => {
    const events = projectEvents(config)?.spec;
    if (!events) throw new NotConfigured();
    const abort = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) abort.abort(new Error('the client went away'));
    });
    const options = { signal: abort.signal };
    if (!(await warehouse.getRelation(events.relation, options))) {
      const name = [events.relation.schema, events.relation.name].join('.');
      throw new BasinError('USAGE', `the events relation ${name} (basin.yml analytics.events.relation) does not exist in the warehouse: build it first (basin run)`);
    }
    return warehouse.transaction((session) => fn(session, events, options), { readOnly: true, defaultSchema: config.schema, ...options });
  };

  app.get('/api/analytics/events', async (_request, reply) => {
    try {
      const overview = await withEvents(reply, (session, events, options) => eventsOverview(session, events, options));
      const events = projectEvents(config)!.spec;
      const columns = (await warehouse.getColumns(events.relation)) ?? [];
      const answer: EventsOverviewJson = {
        relation: [events.relation.database, events.relation.schema, events.relation.name].filter(Boolean).join('.'),
        columns: { user_id: events.userColumn, event: events.eventColumn, timestamp: events.timestampColumn, properties: events.propertiesColumn ?? null },
        relation_columns: columns.map((c) => ({ name: c.name, type: c.type })),
        ...overview,
      };
      return answer;
    } catch (err) {
      return fail(reply, err, logger);
    }
  });

  const post = <K extends AnalysisKind>(kind: K, run: (body: ReturnType<(typeof ANALYTICS_REQUESTS)[K]['parse']>, session: WarehouseSession, events: EventsSpec, options: QueryOptions) => Promise<unknown>): void => {
    app.post(`/api/analytics/${kind}`, async (request, reply) => {
      const body = ANALYTICS_REQUESTS[kind].safeParse(request.body ?? {});
      if (!body.success) return reply.code(400).send({ error: describeIssue(body.error), code: 'USAGE' });
      try {
        return await withEvents(reply, (session, events, options) => run(body.data as ReturnType<(typeof ANALYTICS_REQUESTS)[K]['parse']>, session, events, options));
      } catch (err) {
        return fail(reply, err, logger);
      }
    });
  };

  post('funnel', async (body, session, events, options): Promise<FunnelJson> => {
    const range = await coveredRange(session, events, body.range, options);
    return { ...(await runFunnel(session, events, funnelSpec(body, range ?? {}), options)), range };
  });

  post('retention', async (body, session, events, options): Promise<RetentionJson> => {
    const range = await coveredRange(session, events, body.range, options);
    return { ...(await runRetention(session, events, retentionSpec(body, range ?? {}), options)), range };
  });

  post('active', async (body, session, events, options): Promise<ActiveUsersJson> => {
    const range = await coveredRange(session, events, body.range, options);
    const empty: ActiveUsersJson = { range, days: [], stickiness: [], stickiness_period: body.stickiness };
    if (!range) return empty;
    const event = body.event ? { event: body.event } : {};
    const days = await runActiveUsers(session, events, { range, ...event }, options);
    const stickiness = await runStickiness(session, events, { range, period: body.stickiness, ...event }, options);
    return { ...empty, days, stickiness };
  });

  post('paths', async (body, session, events, options): Promise<PathsJson> => {
    const range = await coveredRange(session, events, body.range, options);
    return { event: body.event, direction: body.direction, paths: await runPaths(session, events, pathsSpec(body, range ?? {}), options), range };
  });
}
