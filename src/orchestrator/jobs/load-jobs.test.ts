import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionConfig } from '../../config/connection-config.js';
import { loadProjectConfig } from '../../config/load-project-config.js';
import { parseYamlText } from '../../config/yaml-file.js';
import { ConfigError } from '../../core/errors.js';
import { tempProjects } from '../../core/test-support/temp-projects.js';
import { loadJobs, parseJobs } from './load-jobs.js';

const temp = tempProjects('basin-jobs-');
afterAll(() => temp.cleanup());

function connection(name: string, schedule?: string): ConnectionConfig {
  return {
    name,
    file: `sources/${name}.yml`,
    type: 'stripe',
    config: {},
    secretPaths: [],
    schema: name,
    streams: {},
    schedule,
    locate: (path) => ({ file: `sources/${name}.yml`, line: path[0] === 'schedule' ? 3 : 1 }),
  };
}

function errorOf(fn: () => unknown): ConfigError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  return caught as ConfigError;
}

describe('jobs from basin.yml', () => {
  it('applies defaults and accepts every field', () => {
    const jobs = parseJobs({
      nightly: { select: 'tag:nightly' },
      finance: {
        select: ['source:stripe+', 'tag:finance'],
        exclude: 'model:big',
        schedule: '0 6 * * 1-5',
        timezone: 'Europe/Berlin',
        retries: { count: '2', backoff_seconds: 10 },
        timeout_minutes: 90,
        concurrency: 2,
        missed: 'catch_up_once',
        enabled: 'false',
      },
      quick: { select: 'kind:connection', schedule: '*/30 * * * * *', retries: 3 },
    });
    expect(jobs).toEqual([
      { name: 'nightly', select: ['tag:nightly'], exclude: [], schedule: undefined, timezone: 'UTC', retries: { count: 0, backoffSeconds: 30 }, timeoutMinutes: undefined, concurrency: 1, missed: 'skip', enabled: true, file: 'basin.yml' },
      {
        name: 'finance',
        select: ['source:stripe+', 'tag:finance'],
        exclude: ['model:big'],
        schedule: '0 6 * * 1-5',
        timezone: 'Europe/Berlin',
        retries: { count: 2, backoffSeconds: 10 },
        timeoutMinutes: 90,
        concurrency: 2,
        missed: 'catch_up_once',
        enabled: false,
        file: 'basin.yml',
      },
      { name: 'quick', select: ['kind:connection'], exclude: [], schedule: '*/30 * * * * *', timezone: 'UTC', retries: { count: 3, backoffSeconds: 30 }, timeoutMinutes: undefined, concurrency: 1, missed: 'skip', enabled: true, file: 'basin.yml' },
    ]);
  });

  it('names basin.yml, the line and the key path of an invalid cron, zone or field', () => {
    const text = ['name: demo', 'jobs:', '  nightly:', '    select: tag:nightly', '    schedule: "0 25 * * *"', '  other:', '    select: x', '    timezone: Mars/Olympus', ''].join('\n');
    const yaml = parseYamlText(text, 'basin.yml');
    const jobs = (yaml.value as { jobs: unknown }).jobs;
    const err = errorOf(() => parseJobs(jobs, { yaml }));
    expect(err.key).toBe('jobs.nightly.schedule');
    expect(err.location).toEqual({ file: 'basin.yml', line: 5 });
    expect(err.message).toMatch(/^basin\.yml:5: jobs\.nightly\.schedule: invalid cron expression "0 25 \* \* \*": .*hour/);
    expect(err.message).toContain('also basin.yml:8: jobs.other.timezone: unknown time zone "Mars/Olympus"');

    expect(errorOf(() => parseJobs({ a: { select: 'x', schedule: '* * * *' } })).message).toBe(
      'basin.yml: jobs.a.schedule: invalid cron expression "* * * *": expected 5 fields (minute hour day month weekday) or 6 (seconds first), got 4',
    );
    expect(errorOf(() => parseJobs({ a: { select: 'x', missed: 'all' } })).message).toBe('basin.yml: jobs.a.missed: expected one of skip, catch_up_once');
    expect(errorOf(() => parseJobs({ a: { select: 'x', concurrency: 0 } })).message).toBe('basin.yml: jobs.a.concurrency: must be at least 1');
    expect(errorOf(() => parseJobs({ a: { schedule: '0 * * * *' } })).key).toBe('jobs.a.select');
    expect(errorOf(() => parseJobs({ a: { select: 'x', cron: '0 * * * *' } })).message).toMatch(/^basin\.yml: jobs\.a\.cron: unknown key "cron"; allowed keys: select, exclude, schedule, timezone/);
  });

  it('adds ingest_<connection> jobs selecting source:<connection>+ for connections with a schedule', () => {
    const jobs = parseJobs({ nightly: { select: 'tag:nightly', schedule: '0 2 * * *' } }, { connections: [connection('stripe', '0 * * * *'), connection('hubspot')] });
    expect(jobs.map((j) => [j.name, j.select, j.schedule, j.timezone, j.file, j.connection])).toEqual([
      ['nightly', ['tag:nightly'], '0 2 * * *', 'UTC', 'basin.yml', undefined],
      ['ingest_stripe', ['source:stripe+'], '0 * * * *', 'UTC', 'sources/stripe.yml', 'stripe'],
    ]);
    const bad = errorOf(() => parseJobs({}, { connections: [connection('stripe', 'hourly please')] }));
    expect(bad.message).toMatch(/^sources\/stripe\.yml:3: schedule: invalid cron expression "hourly please"/);
    const clash = errorOf(() => parseJobs({ ingest_stripe: { select: 'x' } }, { connections: [connection('stripe', '0 * * * *')] }));
    expect(clash.key).toBe('jobs.ingest_stripe');
    expect(clash.message).toContain("taken by the job of sources/stripe.yml's schedule");
  });

  it('loads a project: line numbers come from basin.yml', async () => {
    const dir = await temp.project({ 'basin.yml': 'name: demo\njobs:\n  hourly:\n    select: "source:stripe+"\n    schedule: "${env:CRON}"\n    timezone: America/New_York\n' });
    const config = await loadProjectConfig(dir, { env: { CRON: '15 * * * *' } });
    expect(await loadJobs(config, [])).toMatchObject([{ name: 'hourly', schedule: '15 * * * *', timezone: 'America/New_York' }]);
    const broken = await loadProjectConfig(dir, { env: { CRON: '15 * *' } });
    const err = await loadJobs(broken, []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toMatch(/^basin\.yml:5: jobs\.hourly\.schedule: invalid cron expression "15 \* \*"/);
  });
});
