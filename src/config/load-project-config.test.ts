import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import { loadProjectConfig } from './load-project-config.js';
import { tempProjects } from '../core/test-support/temp-projects.js';

const temp = tempProjects('basin-config-');
const project = temp.project;
afterEach(temp.cleanup);

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/** A hermetic env: HOME points at an empty temp dir so ~/.dbt is never read. */
const hermetic = (extra: Record<string, string> = {}) => ({ HOME: path.join(tmpdir(), 'basin-no-home'), ...extra });

describe('loadProjectConfig: basin.yml', () => {
  it('applies defaults for a minimal file', async () => {
    const dir = await project({ 'basin.yml': 'name: shop\n' });
    const config = await loadProjectConfig(dir, { env: hermetic() });
    expect(config.name).toBe('shop');
    expect(config.warehouse).toEqual({ type: 'duckdb', path: path.join(dir, 'warehouse.duckdb') });
    expect(config.schema).toBe('main');
    expect(config.targetName).toBe('dev');
    expect(config.threads).toBe(4);
    expect(config.paths.models).toEqual(['models']);
    expect(config.paths.docs).toContain('macros');
    expect(config.targetPath).toBe('target');
    expect(config.packagesInstallPath).toBe('dbt_packages');
    expect(config.files.basinYml).toBe(path.join(dir, 'basin.yml'));
    expect(config.files.dbtProjectYml).toBeUndefined();
  });

  it('reads a postgres warehouse with defaults and the public schema', async () => {
    const dir = await project({
      'basin.yml': 'name: shop\nwarehouse:\n  type: postgres\n  user: app\n  database: analytics\n',
    });
    const config = await loadProjectConfig(dir, { env: hermetic() });
    expect(config.warehouse).toEqual({
      type: 'postgres',
      host: '127.0.0.1',
      port: 5432,
      user: 'app',
      password: undefined,
      database: 'analytics',
      ssl: undefined,
      poolSize: undefined,
    });
    expect(config.schema).toBe('public');
  });

  it('reports a bad warehouse type with file, line, key and allowed values', async () => {
    const dir = await project({ 'basin.yml': 'name: shop\n\nwarehouse:\n  type: mysql\n' });
    const err = await configError(loadProjectConfig(dir, { env: hermetic() }));
    expect(err.message).toBe('basin.yml:4: warehouse.type: expected one of duckdb, postgres');
    expect(err.location).toEqual({ file: 'basin.yml', line: 4 });
    expect(err.key).toBe('warehouse.type');
    expect(err.code).toBe('CONFIG_INVALID');
  });

  it('names an unknown top-level key and lists the allowed ones', async () => {
    const dir = await project({ 'basin.yml': 'name: shop\nthreads: 2\nwarehous:\n  type: duckdb\n' });
    const err = await configError(loadProjectConfig(dir, { env: hermetic() }));
    expect(err.message).toMatch(/^basin\.yml:3: warehous: unknown key "warehous"; allowed keys: name, warehouse, schema, target, threads, vars, paths, jobs, run_store, freshness, alerts, server, smtp, analytics$/);
  });

  it('reads run_store and names its bad keys', async () => {
    const ok = await project({ 'basin.yml': 'name: shop\nrun_store:\n  type: postgres\n  connection_string: ${env:RUNS_URL}\n  schema: ops_runs\n' });
    const config = await loadProjectConfig(ok, { env: { ...hermetic(), RUNS_URL: 'postgres://u@h/db' } });
    expect(config.runStore).toMatchObject({ type: 'postgres', connection_string: 'postgres://u@h/db', schema: 'ops_runs' });
    const bad = await project({ 'basin.yml': 'name: shop\nrun_store:\n  type: sqlite\n  file: runs.db\n' });
    const err = await configError(loadProjectConfig(bad, { env: hermetic() }));
    expect(err.message).toMatch(/^basin\.yml:4: run_store\.file: unknown key "file"/);
  });

  it('names an unknown nested key with the keys of the chosen warehouse type', async () => {
    const dir = await project({ 'basin.yml': 'name: shop\nwarehouse:\n  type: duckdb\n  file: x.duckdb\n' });
    const err = await configError(loadProjectConfig(dir, { env: hermetic() }));
    expect(err.message).toBe('basin.yml:4: warehouse.file: unknown key "file"; allowed keys: type, path, threads');
  });

  it('rejects a bad name, a missing name and wrong types', async () => {
    let dir = await project({ 'basin.yml': 'name: My-Shop\n' });
    let err = await configError(loadProjectConfig(dir, { env: hermetic() }));
    expect(err.message).toBe('basin.yml:1: name: must be lowercase letters, digits and underscores, not starting with a digit');

    dir = await project({ 'basin.yml': 'threads: 3\n' });
    err = await configError(loadProjectConfig(dir, { env: hermetic() }));
    expect(err.message).toBe('basin.yml:1: name: is required (expected string)');

    dir = await project({ 'basin.yml': 'name: shop\nthreads: many\n' });
    err = await configError(loadProjectConfig(dir, { env: hermetic() }));
    expect(err.message).toBe('basin.yml:2: threads: expected number, got a string');

    dir = await project({ 'basin.yml': 'name: shop\nwarehouse:\n  type: postgres\n  database: db\n' });
    err = await configError(loadProjectConfig(dir, { env: hermetic() }));
    expect(err.message).toBe('basin.yml:2: warehouse.user: is required (expected string)');
  });

  it('reports YAML syntax errors with a line', async () => {
    const dir = await project({ 'basin.yml': 'name: shop\nwarehouse:\n  type: [duckdb\n' });
    const err = await configError(loadProjectConfig(dir, { env: hermetic() }));
    expect(err.location?.file).toBe('basin.yml');
    expect(err.location?.line).toBeGreaterThanOrEqual(3);
    expect(err.message).toMatch(/invalid YAML/);
  });

  it('raises CONFIG_NOT_FOUND for a folder with neither file', async () => {
    const dir = await project({ 'README.md': 'hi' });
    const err = await configError(loadProjectConfig(dir, { env: hermetic() }));
    expect(err.code).toBe('CONFIG_NOT_FOUND');
    expect(err.message).toContain(dir);
  });

  it('keeps forward-compatible sections loosely typed', async () => {
    const dir = await project({ 'basin.yml': 'name: shop\njobs:\n  nightly: {cron: "0 3 * * *"}\nserver:\n  port: 8080\nalerts: {}\n' });
    const config = await loadProjectConfig(dir, { env: hermetic() });
    expect(config.jobs).toEqual({ nightly: { cron: '0 3 * * *' } });
    expect(config.server).toEqual({ port: 8080 });
  });
});

describe('loadProjectConfig: env references', () => {
  const pg = 'name: shop\nwarehouse:\n  type: postgres\n  host: ${env:PGHOST:-db.internal}\n  port: ${env:PGPORT}\n  user: ${env:PGUSER}\n  password: ${env:PGPASSWORD}\n  database: analytics\n';

  it('resolves ${env:VAR} and ${env:VAR:-default} from the given env', async () => {
    const dir = await project({ 'basin.yml': pg });
    const config = await loadProjectConfig(dir, { env: hermetic({ PGPORT: '6543', PGUSER: 'loader', PGPASSWORD: 's3cr3t-pw' }) });
    expect(config.warehouse).toMatchObject({ host: 'db.internal', port: 6543, user: 'loader', password: 's3cr3t-pw' });
    expect(config.env['PGUSER']).toBe('loader');
    expect(Object.isFrozen(config.env)).toBe(true);
  });

  it('names file, key and variable when a variable is missing', async () => {
    const dir = await project({ 'basin.yml': pg });
    const err = await configError(loadProjectConfig(dir, { env: hermetic({ PGPORT: '1', PGUSER: 'u' }) }));
    expect(err.message).toMatch(/^basin\.yml:7: warehouse\.password: environment variable PGPASSWORD is not set/);
  });

  it('never puts resolved secrets into error messages', async () => {
    const secret = 'hunter2-very-secret';
    const dir = await project({ 'basin.yml': pg.replace('database: analytics', 'database: analytics\n  pool_size: ${env:PGPASSWORD}') });
    const err = await configError(
      loadProjectConfig(dir, { env: hermetic({ PGPORT: 'not-a-port', PGUSER: 'u', PGPASSWORD: secret }) }),
    );
    expect(err.message).toContain('warehouse.port');
    expect(err.message).toContain('warehouse.pool_size');
    expect(err.message).not.toContain(secret);
    expect(err.message).not.toContain('not-a-port');
  });
});

describe('loadProjectConfig: dbt_project.yml', () => {
  const dbtProject = `
name: jaffle_shop
version: '1.0'
config-version: 2
profile: jaffle
source-paths: ["transform"]
data-paths: ["data"]
target-path: build
clean-targets: [build, dbt_packages]
vars:
  start_date: '2020-01-01'
  dbt_utils:
    surrogate_key_treat_nulls_as_empty_strings: true
on-run-start: "create schema if not exists audit"
on-run-end:
  - "grant usage on schema {{ target.schema }} to reporter"
quoting:
  identifier: false
dispatch:
  - macro_namespace: dbt_utils
    search_order: [jaffle_shop, dbt_utils]
models:
  +materialized: view
  jaffle_shop:
    staging:
      materialized: view
      +tags: [staging]
      +pre-hook: "select 1"
    marts:
      +materialized: table
      +meta: {owner: data}
tests:
  +severity: warn
data_tests:
  jaffle_shop:
    +store_failures: true
`;

  it('reads names, legacy paths, hooks, quoting, dispatch and config trees', async () => {
    const dir = await project({ 'dbt_project.yml': dbtProject });
    const config = await loadProjectConfig(dir, { env: hermetic() });
    expect(config.name).toBe('jaffle_shop');
    expect(config.version).toBe('1.0');
    expect(config.profile).toBe('jaffle');
    expect(config.paths.models).toEqual(['transform']);
    expect(config.paths.seeds).toEqual(['data']);
    expect(config.paths.snapshots).toEqual(['snapshots']);
    expect(config.targetPath).toBe('build');
    expect(config.cleanTargets).toEqual(['build', 'dbt_packages']);
    expect(config.vars['start_date']).toBe('2020-01-01');
    expect(config.onRunStart).toEqual(['create schema if not exists audit']);
    expect(config.onRunEnd).toHaveLength(1);
    expect(config.quoting).toEqual({ identifier: false });
    expect(config.dispatch).toEqual([{ macroNamespace: 'dbt_utils', searchOrder: ['jaffle_shop', 'dbt_utils'] }]);
    const models = config.resourceConfigs.models;
    expect(models.configs).toEqual({ materialized: 'view' });
    const staging = models.children['jaffle_shop']?.children['staging'];
    expect(staging?.configs).toEqual({ materialized: 'view', tags: ['staging'], pre_hook: 'select 1' });
    expect(models.children['jaffle_shop']?.children['marts']?.configs).toEqual({ materialized: 'table', meta: { owner: 'data' } });
    expect(config.resourceConfigs.tests.configs).toEqual({ severity: 'warn' });
    expect(config.resourceConfigs.tests.children['jaffle_shop']?.configs).toEqual({ store_failures: true });
    // No basin.yml and no profiles.yml: the default DuckDB warehouse.
    expect(config.warehouse).toEqual({ type: 'duckdb', path: path.join(dir, 'warehouse.duckdb') });
    expect(config.schema).toBe('main');
  });

  it('reports bad dbt_project.yml values with a line', async () => {
    const dir = await project({ 'dbt_project.yml': 'name: shop\nmodels:\n  shop:\n    +enabled: maybe\n' });
    const err = await configError(loadProjectConfig(dir, { env: hermetic() }));
    expect(err.message).toBe('dbt_project.yml:4: models.shop.+enabled: expected true or false');
  });

  it('lets basin.yml set the warehouse and override paths next to dbt_project.yml', async () => {
    const dir = await project({
      'dbt_project.yml': 'name: jaffle_shop\nprofile: jaffle\nmodel-paths: [models]\n',
      'basin.yml': 'name: jaffle\nwarehouse:\n  type: duckdb\n  path: data/wh.duckdb\nschema: analytics\npaths:\n  models: src_models\n',
      'profiles.yml': 'jaffle:\n  target: dev\n  outputs:\n    dev: {type: postgres, user: u, dbname: d, schema: s}\n',
    });
    const config = await loadProjectConfig(dir, { env: hermetic() });
    expect(config.name).toBe('jaffle_shop');
    expect(config.warehouse).toEqual({ type: 'duckdb', path: path.join(dir, 'data/wh.duckdb'), threads: undefined });
    expect(config.schema).toBe('analytics');
    expect(config.paths.models).toEqual(['src_models']);
    expect(config.files.profilesYml).toBeUndefined();
  });
});

describe('loadProjectConfig: profiles.yml', () => {
  const profiles = `
jaffle:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: dev.duckdb
      threads: 8
    prod:
      type: postgres
      host: "{{ env_var('PG_HOST', 'localhost') }}"
      port: "{{ env_var('PG_PORT') | int }}"
      user: loader
      pass: "{{ env_var('PG_PASSWORD') }}"
      dbname: warehouse
      schema: analytics
      threads: 2
    mem:
      type: duckdb
      path: ":memory:"
    bq:
      type: bigquery
`;

  it('picks the profile target from the project dir', async () => {
    const dir = await project({ 'dbt_project.yml': 'name: jaffle_shop\nprofile: jaffle\n', 'profiles.yml': profiles });
    const config = await loadProjectConfig(dir, { env: hermetic() });
    expect(config.warehouse).toEqual({ type: 'duckdb', path: path.join(dir, 'dev.duckdb') });
    expect(config.schema).toBe('main');
    expect(config.threads).toBe(8);
    expect(config.targetName).toBe('dev');
    expect(config.files.profilesYml).toBe(path.join(dir, 'profiles.yml'));
  });

  it('renders env_var() and honours --target', async () => {
    const dir = await project({ 'dbt_project.yml': 'name: jaffle_shop\nprofile: jaffle\n', 'profiles.yml': profiles });
    const config = await loadProjectConfig(dir, { env: hermetic({ PG_PORT: '5433', PG_PASSWORD: 'pw-from-env' }), target: 'prod' });
    expect(config.warehouse).toEqual({
      type: 'postgres',
      host: 'localhost',
      port: 5433,
      user: 'loader',
      password: 'pw-from-env',
      database: 'warehouse',
      ssl: undefined,
    });
    expect(config.schema).toBe('analytics');
    expect(config.targetName).toBe('prod');
    expect(config.threads).toBe(2);

    const mem = await loadProjectConfig(dir, { env: hermetic(), target: 'mem' });
    expect(mem.warehouse).toEqual({ type: 'duckdb', path: ':memory:' });
  });

  it('explains missing env vars, unknown targets and unsupported types', async () => {
    const dir = await project({ 'dbt_project.yml': 'name: jaffle_shop\nprofile: jaffle\n', 'profiles.yml': profiles });
    let err = await configError(loadProjectConfig(dir, { env: hermetic({ PG_PASSWORD: 'x' }), target: 'prod' }));
    expect(err.message).toBe("profiles.yml:12: jaffle.outputs.prod.port: env_var('PG_PORT') is not set and has no default");
    err = await configError(loadProjectConfig(dir, { env: hermetic(), target: 'staging' }));
    expect(err.message).toBe('profiles.yml:4: jaffle.outputs: target "staging" not found; available targets: dev, prod, mem, bq');
    err = await configError(loadProjectConfig(dir, { env: hermetic(), target: 'bq' }));
    expect(err.message).toBe('profiles.yml:22: jaffle.outputs.bq.type: unsupported output type "bigquery"; supported: duckdb, postgres');
  });

  it('keeps env values out of profiles.yml errors', async () => {
    const dir = await project({ 'dbt_project.yml': 'name: jaffle_shop\nprofile: jaffle\n', 'profiles.yml': profiles });
    const err = await configError(
      loadProjectConfig(dir, { env: hermetic({ PG_PORT: 'p4ssw0rd-not-a-port', PG_PASSWORD: 'x' }), target: 'prod' }),
    );
    expect(err.message).toBe('profiles.yml:12: jaffle.outputs.prod.port: expected a whole number');
  });

  it('looks in DBT_PROFILES_DIR, then ~/.dbt', async () => {
    const dir = await project({ 'dbt_project.yml': 'name: jaffle_shop\nprofile: jaffle\n' });
    const elsewhere = await project({ 'profiles.yml': profiles });
    const config = await loadProjectConfig(dir, { env: hermetic({ DBT_PROFILES_DIR: elsewhere }) });
    expect(config.files.profilesYml).toBe(path.join(elsewhere, 'profiles.yml'));
    const home = await project({ '.dbt/profiles.yml': profiles });
    const fromHome = await loadProjectConfig(dir, { env: { HOME: home } });
    expect(fromHome.files.profilesYml).toBe(path.join(home, '.dbt', 'profiles.yml'));
    expect(fromHome.warehouse).toEqual({ type: 'duckdb', path: path.join(dir, 'dev.duckdb') });
  });
});
