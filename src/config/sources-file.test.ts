import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import type { EnvMap } from './env-interpolation.js';
import { loadConnections } from './sources-file.js';
import { tempProjects } from '../core/test-support/temp-projects.js';

const temp = tempProjects('basin-sources-');
const project = temp.project;
afterEach(temp.cleanup);

const load = (rootDir: string, env: EnvMap = {}) => loadConnections({ rootDir, env: {} }, { env });

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

async function errorFor(text: string, env: EnvMap = {}, name = 'stripe'): Promise<string> {
  const dir = await project({ [`sources/${name}.yml`]: text });
  return (await configError(load(dir, env))).message;
}

describe('loadConnections: valid files', () => {
  it('reads every connection, sorted, with defaults', async () => {
    const dir = await project({
      'sources/stripe.yml': [
        'type: stripe',
        'config:',
        '  api_key: ${env:STRIPE_KEY}',
        '  account: acct_1',
        'schema: billing',
        'streams:',
        '  customers:',
        '  invoices: { write: merge, lookback_days: 3 }',
        "schedule: '0 * * * *'",
        'pipeline: Stripe billing, hourly',
        'audience: finance',
        'owner: data@acme.test',
        'notes: Test mode keys in dev.',
        '',
      ].join('\n'),
      'sources/hubspot.yaml': 'type: hubspot\n',
      'sources/.hidden.yml': 'this: is ignored\n',
      'sources/README.md': '# not a connection\n',
      'sources/sub/x.yml': 'type: ignored\n',
    });
    const connections = await load(dir, { STRIPE_KEY: 'sk_test_123' });
    expect(connections.map((c) => c.name)).toEqual(['hubspot', 'stripe']);
    const [hubspot, stripe] = connections;
    expect(hubspot).toMatchObject({
      name: 'hubspot',
      file: 'sources/hubspot.yaml',
      type: 'hubspot',
      config: {},
      schema: 'hubspot',
      streams: {},
      secretPaths: [],
    });
    expect(hubspot?.module).toBeUndefined();
    expect(hubspot?.schedule).toBeUndefined();
    expect(stripe).toMatchObject({
      name: 'stripe',
      file: 'sources/stripe.yml',
      type: 'stripe',
      config: { api_key: 'sk_test_123', account: 'acct_1' },
      secretPaths: ['config.api_key'],
      schema: 'billing',
      streams: { customers: {}, invoices: { write: 'merge', lookback_days: 3 } },
      schedule: '0 * * * *',
      pipeline: 'Stripe billing, hourly',
      audience: 'finance',
      owner: 'data@acme.test',
      notes: 'Test mode keys in dev.',
    });
  });

  it('accepts a list of stream names, meaning default settings', async () => {
    const dir = await project({ 'sources/shop.yml': 'type: postgres\nstreams: [orders, customers]\n' });
    const [shop] = await load(dir);
    expect(shop?.streams).toEqual({ orders: {}, customers: {} });
  });

  it('accepts custom audiences and 6-field cron', async () => {
    const dir = await project({ 'sources/ops.yml': "type: files\naudience: ops_team\nschedule: '0 0 6 * * 1-5'\n" });
    const [ops] = await load(dir);
    expect(ops?.audience).toBe('ops_team');
    expect(ops?.schedule).toBe('0 0 6 * * 1-5');
  });

  it('returns no connections without a sources folder', async () => {
    const dir = await project({ 'basin.yml': 'name: x\n' });
    expect(await load(dir)).toEqual([]);
  });

  it('locates keys for later validation errors', async () => {
    const dir = await project({ 'sources/pg.yml': 'type: postgres\nconfig:\n  host: db\n  port: 5432\n' });
    const [pg] = await load(dir);
    expect(pg?.locate(['config', 'port'])).toEqual({ file: 'sources/pg.yml', line: 4 });
    expect(pg?.locate(['config', 'missing'])).toEqual({ file: 'sources/pg.yml', line: 2 });
  });

  it('defaults to the project env snapshot', async () => {
    const dir = await project({ 'sources/pg.yml': 'type: postgres\nconfig:\n  password: ${env:PGPASS}\n' });
    const [pg] = await loadConnections({ rootDir: dir, env: { PGPASS: 'from-snapshot' } });
    expect(pg?.config).toEqual({ password: 'from-snapshot' });
  });
});

describe('loadConnections: environment', () => {
  it('resolves references in config and streams and records their paths', async () => {
    const dir = await project({
      'sources/api.yml': [
        'type: rest',
        'config:',
        '  base_url: https://${env:API_HOST:-api.example.test}/v1',
        '  auth:',
        '    token: Bearer ${env:API_TOKEN}',
        '  hosts: [a, "${env:API_HOST2}"]',
        'streams:',
        '  orders:',
        '    path: ${env:ORDERS_PATH:-/orders}',
        'owner: ${env:NOT_RESOLVED_HERE}',
        '',
      ].join('\n'),
    });
    const [api] = await load(dir, { API_TOKEN: 'tok_secret_1', API_HOST2: 'b.example.test' });
    expect(api?.config).toEqual({
      base_url: 'https://api.example.test/v1',
      auth: { token: 'Bearer tok_secret_1' },
      hosts: ['a', 'b.example.test'],
    });
    expect(api?.streams).toEqual({ orders: { path: '/orders' } });
    expect(api?.secretPaths).toEqual(['config.base_url', 'config.auth.token', 'config.hosts[1]', 'streams.orders.path']);
    expect(api?.owner).toBe('${env:NOT_RESOLVED_HERE}');
  });

  it('names file, line, key and variable of a missing variable', async () => {
    const message = await errorFor('type: stripe\nconfig:\n  account: a\n  api_key: ${env:STRIPE_KEY}\n');
    expect(message).toBe(
      'sources/stripe.yml:4: config.api_key: environment variable STRIPE_KEY is not set (write ${env:STRIPE_KEY:-default} to give a default)',
    );
  });

  it('treats an empty variable as unset', async () => {
    const message = await errorFor('type: stripe\nstreams:\n  charges:\n    key: ${env:K}\n', { K: '' });
    expect(message).toMatch(/^sources\/stripe\.yml:4: streams\.charges\.key: environment variable K is not set/);
  });

  it('never puts a resolved value in an error message', async () => {
    const secret = 'sk_live_VERY_SECRET';
    const env = { STRIPE_KEY: secret };
    const messages = [
      await errorFor('type: stripe\nconfig:\n  api_key: ${env:STRIPE_KEY}\nbogus: ${env:STRIPE_KEY}\n', env),
      await errorFor('type: stripe\nconfig: ${env:STRIPE_KEY}\n', env),
      await errorFor('type: stripe\nstreams: ${env:STRIPE_KEY}\n', env),
      await errorFor('type: stripe\nconfig:\n  api_key: ${env:STRIPE_KEY}\nschema: Not Valid\n', env),
    ];
    expect(messages).toEqual([
      'sources/stripe.yml:4: bogus: unknown key "bogus"; allowed keys: type, module, config, schema, streams, schedule, pipeline, audience, owner, notes',
      'sources/stripe.yml:2: config: expected a mapping of connector settings, got a string',
      'sources/stripe.yml:2: streams: expected a mapping of stream names to settings, or a list of stream names, got a string',
      'sources/stripe.yml:4: schema: must be lowercase letters, digits and underscores, not starting with a digit',
    ]);
    for (const message of messages) expect(message).not.toContain(secret);
  });
});

describe('loadConnections: errors name file, line and key', () => {
  const cases: Array<[string, string, string]> = [
    ['missing type', 'config:\n  a: 1\n', 'sources/stripe.yml:1: type: is required (expected string)'],
    ['type not a string', 'type: [a]\n', 'sources/stripe.yml:1: type: expected string, got a list'],
    [
      'unknown key',
      'type: stripe\nstream: [a]\n',
      'sources/stripe.yml:2: stream: unknown key "stream"; allowed keys: type, module, config, schema, streams, schedule, pipeline, audience, owner, notes',
    ],
    ['config not a mapping', 'type: stripe\nconfig: [1]\n', 'sources/stripe.yml:2: config: expected a mapping of connector settings, got a list'],
    [
      'schema not an identifier',
      'type: stripe\nschema: 9lives\n',
      'sources/stripe.yml:2: schema: must be lowercase letters, digits and underscores, not starting with a digit',
    ],
    [
      'streams not a mapping or list',
      'type: stripe\nstreams: 3\n',
      'sources/stripe.yml:2: streams: expected a mapping of stream names to settings, or a list of stream names, got an integer',
    ],
    [
      'stream settings not a mapping',
      'type: stripe\nstreams:\n  charges: yes please\n',
      'sources/stripe.yml:3: streams.charges: expected a mapping of stream settings, got a string',
    ],
    [
      'cron with the wrong number of fields',
      "type: stripe\nschedule: '0 * *'\n",
      'sources/stripe.yml:2: schedule: expected a cron expression with 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first)',
    ],
    ['owner not a string', 'type: stripe\nowner: 5\n', 'sources/stripe.yml:2: owner: expected string, got an integer'],
    ['empty audience', "type: stripe\naudience: ''\n", 'sources/stripe.yml:2: audience: must be at least 1 characters long'],
    ['empty file', '', 'sources/stripe.yml:1: file is empty; it needs at least `type:`'],
    ['not a mapping', '- a\n- b\n', 'sources/stripe.yml:1: expected a mapping with `type:`, `config:`, `streams:` ...'],
    ['YAML syntax', 'type: stripe\nconfig: {a: 1\n', 'sources/stripe.yml:3: invalid YAML: '],
    [
      'module on another type',
      'type: stripe\nmodule: x.ts\n',
      'sources/stripe.yml:2: module: only `type: custom` connections take a module (this one is `type: stripe`)',
    ],
    [
      'custom without its module',
      'type: custom\n',
      'sources/stripe.yml:1: type: custom source module sources/stripe.ts not found; write `module: <file>.ts` (relative to sources/) to use another file',
    ],
    ['custom with a missing module', 'type: custom\nmodule: nope.ts\n', 'sources/stripe.yml:2: module: custom source module sources/nope.ts not found'],
  ];
  for (const [what, text, expected] of cases) {
    it(what, async () => {
      const message = await errorFor(text);
      if (expected.endsWith(': ')) expect(message.startsWith(expected)).toBe(true);
      else expect(message).toBe(expected);
    });
  }

  it('rejects a file name that is not an identifier', async () => {
    expect(await errorFor('type: stripe\n', {}, 'Stripe-Prod')).toBe(
      'sources/Stripe-Prod.yml: connection name "Stripe-Prod" (the file name) must be lowercase letters, digits and underscores, not starting with a digit; rename the file',
    );
  });

  it('rejects the same name as .yml and .yaml', async () => {
    const dir = await project({ 'sources/a.yml': 'type: x\n', 'sources/a.yaml': 'type: x\n' });
    expect((await configError(load(dir))).message).toBe(
      'sources/a.yml: connection "a" is defined twice (also in sources/a.yaml); keep one file',
    );
  });

  it('lists every issue of a file, the first as the headline', async () => {
    const message = await errorFor('type: stripe\nschema: X\nschedule: nope\n');
    expect(message).toBe(
      [
        'sources/stripe.yml:2: schema: must be lowercase letters, digits and underscores, not starting with a digit',
        '  also sources/stripe.yml:3: schedule: expected a cron expression with 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first)',
      ].join('\n'),
    );
  });
});

describe('loadConnections: custom sources', () => {
  it('resolves the module beside the file, by default <name>.ts', async () => {
    const dir = await project({
      'sources/billing.yml': 'type: custom\nmodule: billing_api.ts\nconfig:\n  token: ${env:T}\n',
      'sources/billing_api.ts': 'export default {};\n',
      'sources/events.yml': 'type: custom\n',
      'sources/events.ts': 'export default {};\n',
    });
    const [billing, events] = await load(dir, { T: 'x-token' });
    expect(billing?.module).toBe(path.join(dir, 'sources', 'billing_api.ts'));
    expect(billing?.config).toEqual({ token: 'x-token' });
    expect(events?.module).toBe(path.join(dir, 'sources', 'events.ts'));
  });
});
