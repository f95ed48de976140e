import path from 'node:path';
import { Option, type Command } from 'commander';
import { BasinError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Row } from '../../core/types.js';
import type { CliIo } from '../cli-io.js';
import type { EventMatcher, EventsSpec, FunnelAttribution, FunnelExclusion, FunnelSpec, PathsSpec, RetentionSpec } from '../../analytics/index.js';
import type { WarehouseSession } from '../../warehouse/warehouse.js';

/** What `basin analyze` needs from main. */
export interface AnalyzeContext {
  io: CliIo;
  logger: () => Logger;
  run: (fn: () => Promise<number>) => () => Promise<void>;
  signal: AbortSignal;
}

/** Options every `basin analyze` subcommand takes. */
interface CommonOptions {
  project: string;
  target?: string;
  json?: boolean;
  events?: string;
  userColumn?: string;
  eventColumn?: string;
  timestampColumn?: string;
  propertiesColumn?: string;
  from?: string;
  to?: string;
}

/**
 * `basin analyze funnel|retention|active|paths`: product analytics over the
 * project's events relation (definitions: docs/analytics.md). The analytics
 * engine and the warehouse driver load only when a subcommand runs.
 */
export function registerAnalyzeCommand(program: Command, ctx: AnalyzeContext): void {
  const analyze = program.command('analyze').description('Product analytics over an events relation: funnels, retention, active users, paths');
  const common = (cmd: Command): Command =>
    cmd
      .option('--project <dir>', 'project folder', '.')
      .option('--target <name>', 'target name')
      .option('--json', 'print the result as JSON')
      .option('--events <relation>', 'events relation: name (in the target schema) or schema.name (default: basin.yml analytics.events, else events)')
      .option('--user-column <name>', 'user id column (default: basin.yml, else user_id)')
      .option('--event-column <name>', 'event name column (default: basin.yml, else event)')
      .option('--timestamp-column <name>', 'event time column (default: basin.yml, else timestamp)')
      .option('--properties-column <name>', 'JSON properties column, "none" for none (default: basin.yml, else properties)')
      .option('--from <day>', 'first day (YYYY-MM-DD, UTC; default: the first day with events)')
      .option('--to <day>', 'last day (YYYY-MM-DD; default: the last day with events)');

  common(analyze.command('funnel'))
    .description('Conversion through ordered steps within a window from the first step')
    .argument('<steps...>', 'steps: event or event:property=value,property=value')
    .option('--window <duration>', 'conversion window: 30m, 24h, 7d, 3600s', '14d')
    .addOption(new Option('--order <mode>', 'step order').choices(['sequential', 'strict', 'any']).default('sequential'))
    .option('--exclude <event:from-to...>', 'drop attempts with this event between two steps, e.g. help:1-2')
    .option('--breakdown <property>', 'break down by a JSON property')
    .option('--breakdown-column <column>', 'break down by a column of the events relation')
    .option('--attribution <touch>', 'first_touch, last_touch or step:N', 'first_touch')
    .action((steps: string[], opts) => ctx.run(() => runAnalyze('funnel', { steps, ...opts }, ctx))());

  common(analyze.command('retention'))
    .description('Cohort table: users doing the start event, and how many return in each later period')
    .argument('<start-event>', 'event (or event:property=value) that puts users in a cohort')
    .option('--return <event>', 'return event (default: any event)')
    .addOption(new Option('--period <period>', 'cohort and return periods').choices(['day', 'week', 'month']).default('week'))
    .option('--periods <n>', 'periods after the cohort period', '8')
    .addOption(new Option('--mode <mode>', 'on: returned in that period; on_or_after: in it or later').choices(['on', 'on_or_after']).default('on'))
    .addOption(new Option('--cohort <type>', 'first_time: first start event only; recurring: every period with one').choices(['first_time', 'recurring']).default('first_time'))
    .action((start: string, opts) => ctx.run(() => runAnalyze('retention', { start, ...opts }, ctx))());

  common(analyze.command('active'))
    .description('DAU, WAU and MAU for every day; with --stickiness, users by active days per week or month')
    .option('--event <event>', 'only this event (event:property=value) counts as activity')
    .addOption(new Option('--stickiness <period>', 'also users active on exactly / at least N days').choices(['week', 'month']))
    .action((opts) => ctx.run(() => runAnalyze('active', opts, ctx))());

  common(analyze.command('paths'))
    .description('Most common next (or previous) events after (before) an event')
    .argument('<event>', 'the event paths start from (or lead to, with --previous)')
    .option('--previous', 'events before the event instead of after it')
    .option('--depth <n>', 'events per path', '1')
    .option('--limit <n>', 'paths to show', '10')
    .action((event: string, opts) => ctx.run(() => runAnalyze('paths', { event, ...opts }, ctx))());
}

/** `event` or `event:prop=value,prop2=value`. */
export function parseEventMatcher(text: string): EventMatcher {
  const colon = text.indexOf(':');
  if (colon < 0) return { event: text };
  const where = text
    .slice(colon + 1)
    .split(',')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new BasinError('USAGE', `"${pair}" in "${text}" is not property=value`);
      return { property: pair.slice(0, eq), equals: pair.slice(eq + 1) };
    });
  return { event: text.slice(0, colon), where };
}

/** `90s`, `30m`, `24h`, `7d` (or plain seconds) in seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!m) throw new BasinError('USAGE', `window "${text}" is not a duration like 30m, 24h or 7d`);
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
}

function positiveInt(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new BasinError('USAGE', `${what} must be a positive integer, got "${text}"`);
  return n;
}

function parseExclusion(text: string): FunnelExclusion {
  const m = /^(.+):(\d+)-(\d+)$/.exec(text);
  if (!m) throw new BasinError('USAGE', `exclusion "${text}" is not event:from-to (e.g. help:1-2)`);
  return { event: m[1]!, fromStep: Number(m[2]), toStep: Number(m[3]) };
}

function parseAttribution(text: string): FunnelAttribution {
  if (text === 'first_touch' || text === 'last_touch') return text;
  const m = /^step:(\d+)$/.exec(text);
  if (!m) throw new BasinError('USAGE', `attribution "${text}" is not first_touch, last_touch or step:N`);
  return { step: Number(m[1]) };
}

type Kind = 'funnel' | 'retention' | 'active' | 'paths';

async function runAnalyze(kind: Kind, options: CommonOptions & Record<string, unknown>, ctx: AnalyzeContext): Promise<number> {
  const logger = ctx.logger();
  const [{ loadProjectConfig }, { openWarehouse }, { explainWarehouseLocked }, analytics] = await Promise.all([
    import('../../config/index.js'),
    import('../open-warehouse.js'),
    import('../warehouse-locked.js'),
    import('../../analytics/index.js'),
  ]);
  const root = path.resolve(ctx.io.cwd, options.project);
  const config = await loadProjectConfig(root, { target: options.target, logger, env: ctx.io.env });
  // Options win over basin.yml's `analytics: { events }`, which wins over the defaults.
  const parsed = config.analytics === undefined ? undefined : analytics.analyticsConfigSchema.safeParse(config.analytics);
  if (parsed && !parsed.success) throw new BasinError('CONFIG_INVALID', `basin.yml analytics: ${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const configured = parsed?.data.events;
  const properties = options.propertiesColumn ?? (configured ? (configured.properties ?? 'none') : 'properties');
  const events: EventsSpec = {
    relation: analytics.parseRelationName(options.events ?? configured?.relation ?? 'events', config.schema),
    userColumn: options.userColumn ?? configured?.user_id ?? 'user_id',
    eventColumn: options.eventColumn ?? configured?.event ?? 'event',
    timestampColumn: options.timestampColumn ?? configured?.timestamp ?? 'timestamp',
    propertiesColumn: properties === 'none' ? undefined : properties,
  };
  let warehouse;
  try {
    warehouse = await openWarehouse(config.warehouse, logger);
  } catch (err) {
    throw await explainWarehouseLocked(err, config.rootDir);
  }
  try {
    const q = { signal: ctx.signal };
    const session: WarehouseSession = warehouse;
    if (!(await warehouse.getRelation(events.relation, q))) {
      throw new BasinError('USAGE', `events relation ${events.relation.schema}.${events.relation.name} does not exist (use --events schema.name)`);
    }
    const known = options.from && options.to ? undefined : await analytics.eventsDayRange(session, events, q);
    const range = { from: options.from ?? known?.from, to: options.to ?? known?.to };
    const started = performance.now();
    let result: unknown;
    let tables: Array<{ title?: string; rows: Row[] }>;
    if (kind === 'funnel') {
      const spec: FunnelSpec = {
        steps: (options['steps'] as string[]).map(parseEventMatcher),
        windowSeconds: parseDuration(String(options['window'])),
        order: options['order'] as FunnelSpec['order'],
        exclusions: ((options['exclude'] as string[] | undefined) ?? []).map(parseExclusion),
        attribution: parseAttribution(String(options['attribution'])),
        range,
      };
      if (options['breakdown'] && options['breakdownColumn']) throw new BasinError('USAGE', 'use --breakdown or --breakdown-column, not both');
      if (options['breakdown']) spec.breakdown = { property: String(options['breakdown']) };
      if (options['breakdownColumn']) spec.breakdown = { column: String(options['breakdownColumn']) };
      const r = await analytics.runFunnel(session, events, spec, q);
      result = r;
      tables = r.groups.map((g) => ({
        ...(spec.breakdown ? { title: `breakdown: ${g.breakdown ?? '(none)'}` } : {}),
        rows: g.steps.map((s) => ({
          step: s.step,
          event: s.event,
          users: s.users,
          from_first: pct(s.conversionFromFirst),
          from_previous: pct(s.conversionFromPrevious),
          median_s: s.medianSecondsFromPrevious,
          avg_s: s.avgSecondsFromPrevious,
        })),
      }));
    } else if (kind === 'retention') {
      const spec: RetentionSpec = {
        startEvent: parseEventMatcher(String(options['start'])),
        ...(options['return'] ? { returnEvent: parseEventMatcher(String(options['return'])) } : {}),
        period: options['period'] as RetentionSpec['period'],
        periods: positiveInt(String(options['periods']), '--periods'),
        mode: options['mode'] as RetentionSpec['mode'],
        cohortType: options['cohort'] as RetentionSpec['cohortType'],
        range,
      };
      const r = await analytics.runRetention(session, events, spec, q);
      result = r;
      // Periods not observable yet (after the last day of data) are null: an empty cell, not 0.
      const cell = (x: number | null, rate: number | null | undefined): string => (x === null ? '' : `${x} (${pct(rate ?? null)})`);
      const unobserved = r.cohorts.some((c) => c.retained.includes(null));
      tables = [
        {
          ...(unobserved ? { title: `data through ${r.observedThrough}: empty cells are periods not observable yet` } : {}),
          rows: r.cohorts.map((c) => ({ cohort: c.cohort, users: c.users, ...Object.fromEntries(c.retained.slice(1).map((x, i) => [`${spec.period[0]}${i + 1}`, cell(x, c.rates[i + 1])])) })),
        },
      ];
    } else if (kind === 'active') {
      if (!range.from || !range.to) throw new BasinError('USAGE', 'no events: give --from and --to');
      const dayRange = { from: range.from, to: range.to };
      const event = options['event'] ? parseEventMatcher(String(options['event'])) : undefined;
      const days = await analytics.runActiveUsers(session, events, { range: dayRange, event }, q);
      const period = options['stickiness'] as 'week' | 'month' | undefined;
      const stickiness = period ? await analytics.runStickiness(session, events, { range: dayRange, period, event }, q) : undefined;
      result = stickiness ? { days, stickiness } : { days };
      tables = [{ rows: days as unknown as Row[] }];
      if (stickiness) {
        tables.push({
          title: `stickiness (users active on at least N days of the ${period})`,
          rows: stickiness.map((p) => ({ period: p.period, days: p.days, ...Object.fromEntries(p.atLeast.map((x, i) => [`>=${i + 1}`, x])) })),
        });
      }
    } else {
      const spec: PathsSpec = {
        event: String(options['event']),
        direction: options['previous'] ? 'previous' : 'next',
        depth: positiveInt(String(options['depth']), '--depth'),
        limit: positiveInt(String(options['limit']), '--limit'),
        range,
      };
      const r = await analytics.runPaths(session, events, spec, q);
      result = { event: spec.event, direction: spec.direction, paths: r };
      tables = [{ rows: r.map((p) => ({ path: (spec.direction === 'next' ? [spec.event, ...p.path] : [...p.path].reverse().concat(spec.event)).join(' → '), occurrences: p.occurrences, users: p.users })) }];
    }
    logger.debug(`basin analyze ${kind}: ${Math.round(performance.now() - started)} ms`);
    if (options.json) {
      ctx.io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      const { formatTable } = await import('../table-output.js');
      for (const t of tables) {
        if (t.title) ctx.io.stdout.write(`${t.title}\n`);
        const names = Object.keys(t.rows[0] ?? {});
        ctx.io.stdout.write(formatTable({ columns: names.map((name) => ({ name, type: '' })), rows: t.rows, rowCount: t.rows.length }, 1000));
      }
    }
    return 0;
  } finally {
    await warehouse.close();
  }
}

const pct = (x: number | null): string => (x === null ? '' : `${(x * 100).toFixed(1)}%`);
