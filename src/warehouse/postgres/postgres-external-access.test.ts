import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import type { Warehouse } from '../warehouse.js';
import { checkPostgresExternalAccess } from './postgres-external-access.js';
import { createPostgresWarehouse } from './postgres-warehouse.js';

describe('checkPostgresExternalAccess', () => {
  const refused: Array<[string, string]> = [
    ["SELECT pg_read_file('/etc/passwd')", 'pg_read_file'],
    ["select PG_READ_BINARY_FILE('/etc/passwd')", 'pg_read_binary_file'],
    ["SELECT pg_catalog.pg_read_file('/etc/passwd')", 'pg_read_file'],
    ['SELECT "pg_read_file"(\'/etc/passwd\')', 'pg_read_file'],
    ["SELECT * FROM pg_ls_dir('/')", 'pg_ls_dir'],
    ['SELECT * FROM pg_ls_waldir()', 'pg_ls_waldir'],
    ["SELECT pg_stat_file('/etc/passwd')", 'pg_stat_file'],
    ["SELECT lo_import('/etc/passwd')", 'lo_import'],
    ["SELECT lo_export(1, '/tmp/x')", 'lo_export'],
    ["SELECT pg_file_write('/tmp/x', 'y', false)", 'pg_file_write'],
    ['SELECT * FROM pg_file_settings', 'pg_file_settings'],
    ['SELECT * FROM pg_catalog.pg_hba_file_rules', 'pg_hba_file_rules'],
    ["SELECT * FROM dblink('host=evil', 'select 1') AS t(x int)", 'dblink'],
    ["SELECT dblink_connect('host=evil')", 'dblink_connect'],
    ["SELECT query_to_xml('select pg_read_file(''/etc/passwd'')', true, true, '')", 'query_to_xml'],
    ["SELECT * FROM ts_stat('select 1')", 'ts_stat'],
    ["WITH a AS (SELECT pg_read_file('/etc/passwd') AS t) SELECT * FROM a", 'pg_read_file'],
    ["SELECT (SELECT pg_read_file('/etc/passwd'))", 'pg_read_file'],
    ["SELECT 1 UNION ALL SELECT length(pg_read_file('/etc/passwd'))", 'pg_read_file'],
    ["SELECT * FROM t, LATERAL (SELECT pg_read_file('/etc/passwd')) x", 'pg_read_file'],
    ["SELECT 1; SELECT pg_read_file('/etc/passwd')", 'pg_read_file'],
    ["SELECT /* a /* nested */ comment */ pg_read_file('/etc/passwd')", 'pg_read_file'],
    ["SELECT 'it''s' , pg_read_file('/etc/passwd')", 'pg_read_file'],
    // With standard_conforming_strings off, the server reads '\'' as one quote, and the call after it is real.
    ["SELECT '\\'' , pg_read_file('/etc/passwd') --'", 'pg_read_file'],
    ["SELECT E'\\'' , pg_read_file('/etc/passwd') --'", 'pg_read_file'],
    ['SELECT U&"\\0070g_read_file"(\'/etc/passwd\')', 'Unicode escapes'],
    // Any non-ASCII character may be part of a dollar-quote tag, as in Postgres's lexer.
    ["SELECT $€$ ' $€$, pg_read_file('/etc/passwd') --'", 'pg_read_file'],
    ["SELECT $é1$ ' $é1$, pg_read_file('/etc/passwd') --'", 'pg_read_file'],
    ["COPY (SELECT 1) TO PROGRAM 'curl evil'", 'not COPY'],
    ["copy t from '/etc/passwd'", 'not COPY'],
    ["DO $$ BEGIN EXECUTE 'select 1'; END $$", 'not DO'],
    ['CALL p()', 'not CALL'],
    ["SET ROLE postgres", 'not SET'],
    ["SELECT 1; COPY (SELECT 1) TO '/tmp/x'", 'not COPY'],
    ['PREPARE p AS SELECT 1', 'not PREPARE'],
    ["DECLARE c CURSOR FOR SELECT 1", 'not DECLARE'],
  ];
  it.each(refused)('refuses %s', (sql, named) => {
    expect(checkPostgresExternalAccess(sql)).toContain(named);
  });

  const allowed = [
    'SELECT 1',
    'select * from analytics.orders where amount > 5 order by id',
    "SELECT 'pg_read_file(''/etc/passwd'')' AS just_text",
    "SELECT $$ pg_read_file('/etc/passwd') $$ AS just_text",
    "SELECT $tag$ lo_import $tag$ AS just_text",
    '-- pg_read_file in a comment\nSELECT 1',
    '/* dblink */ SELECT 1',
    'WITH a AS (SELECT 1 AS x) SELECT * FROM a',
    '(SELECT 1) UNION (SELECT 2)',
    'VALUES (1), (2)',
    'TABLE analytics.orders',
    'SHOW search_path',
    'EXPLAIN SELECT 1',
    'SELECT $1::int',
    'SELECT a$b FROM t',
    'SELECT 1;',
  ];
  it.each(allowed)('lets %s through', (sql) => {
    expect(checkPostgresExternalAccess(sql)).toBeUndefined();
  });
});

describe('a read-only Postgres transaction with denyExternalAccess', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await createPostgresWarehouse({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres', poolSize: 1 }, { logger: silentLogger });
  });
  afterAll(async () => {
    await wh?.close();
  });

  it('refuses a server file read that the role could otherwise do, and runs ordinary queries', async () => {
    const sql = "SELECT length(pg_read_file('PG_VERSION')) > 0 AS ok";
    // The test role may read server files: the refusal, not the role, keeps the file out.
    expect((await wh.transaction((tx) => tx.query(sql), { readOnly: true })).rows).toEqual([{ ok: true }]);
    await expect(wh.transaction((tx) => tx.query(sql), { readOnly: true, denyExternalAccess: true })).rejects.toMatchObject({ code: 'EXTERNAL_ACCESS' });
    await expect(wh.transaction((tx) => tx.execute(["COPY (SELECT 1) TO PROGRAM 'true'"]), { readOnly: true, denyExternalAccess: true })).rejects.toMatchObject({ code: 'EXTERNAL_ACCESS' });
    const ok = await wh.transaction((tx) => tx.query('SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1', ['public']), { readOnly: true, denyExternalAccess: true });
    expect(ok.rows).toEqual([{ n: 1 }]);
    await expect(wh.transaction((tx) => tx.query('SELECT 1'), { denyExternalAccess: true })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
