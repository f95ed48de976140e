import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BasinError, WarehouseError } from '../core/errors.js';
import type { ColumnDef, LogicalType, Row, TableRef } from '../core/types.js';
import type { SqlDialect } from './dialect.js';
import type { QueryBatch, Warehouse } from './warehouse.js';

/** What a warehouse implementation hands the contract suite. */
export interface ContractFixture {
  warehouse: Warehouse;
  /** A statement that runs for many seconds unless cancelled. */
  longRunningSql: string;
}

const LOGICAL_TYPES: LogicalType[] = [
  'boolean',
  'integer',
  'bigint',
  'double',
  'decimal',
  'text',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'json',
  'binary',
];

/** Strings that break naive CSV/quoting/escaping. */
const AWKWARD_TEXT = [
  '',
  'plain',
  'comma,separated',
  'quote "double" inside',
  "quote 'single' inside",
  'new\nline',
  'carriage\r\nreturn',
  'tab\tseparated',
  'back\\slash',
  '\\N',
  'NULL',
  '\\.',
  '"',
  ',',
  ' leading and trailing ',
  'unicode ✓ 漢字 café 🚀',
  '{"looks":"like json"}',
];

const AWKWARD_JSON: unknown[] = [
  { a: 1, nested: { list: [1, 'two', null, true] } },
  ['x', 'y "quoted"', 'new\nline'],
  'a JSON string',
  42,
  true,
  { unicode: '漢字 🚀', empty: {} },
];

function bytes(value: unknown): number[] {
  expect(value).toBeInstanceOf(Uint8Array);
  return Array.from(value as Uint8Array);
}

/**
 * The behaviour every Warehouse implementation must share. Each test gets a
 * fresh schema (`basin_test_<random>`) that is dropped afterwards.
 */
export function describeWarehouseContract(name: string, factory: () => Promise<ContractFixture>): void {
  describe(`Warehouse contract: ${name}`, () => {
    let fixture: ContractFixture;
    let wh: Warehouse;
    let d: SqlDialect;
    let schema: string;
    const ref = (table: string): TableRef => ({ schema, name: table });
    const rel = (table: string): string => d.relation(ref(table));
    const col = (colName: string, type: LogicalType, nullable?: boolean): ColumnDef =>
      nullable === undefined ? { name: colName, type: d.typeFor(type) } : { name: colName, type: d.typeFor(type), nullable };
    const sorted = async (sql: string): Promise<Row[]> => (await wh.query(sql)).rows;

    beforeAll(async () => {
      fixture = await factory();
      wh = fixture.warehouse;
      d = wh.dialect;
    });
    afterAll(async () => {
      await wh?.close();
    });
    beforeEach(async () => {
      schema = `basin_test_${randomBytes(5).toString('hex')}`;
      await wh.execute(d.createSchema(schema));
    });
    afterEach(async () => {
      await wh.execute(d.dropSchema(schema));
    });

    describe('query', () => {
      it('binds positional parameters', async () => {
        const p = (i: number, t: LogicalType): string => d.cast(d.param(i), d.typeFor(t));
        const r = await wh.query(
          `SELECT ${p(1, 'integer')} AS a, ${p(2, 'text')} AS b, ${p(3, 'boolean')} AS c, ${p(4, 'double')} AS d, ` +
            `${p(5, 'text')} AS e, ${p(6, 'bigint')} AS f, ${p(7, 'timestamptz')} AS g, ${p(8, 'date')} AS h`,
          [42, "it's", true, 1.5, null, 9007199254740993n, new Date('2024-05-06T07:08:09.010Z'), '2024-05-06'],
        );
        expect(r.rows).toEqual([
          { a: 42, b: "it's", c: true, d: 1.5, e: null, f: 9007199254740993n, g: new Date('2024-05-06T07:08:09.010Z'), h: '2024-05-06' },
        ]);
        expect(r.rowCount).toBe(1);
        expect(r.columns.map((c) => c.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
        expect(r.columns.map((c) => d.logicalTypeOf(c.type))).toEqual([
          'integer',
          'text',
          'boolean',
          'double',
          'text',
          'bigint',
          'timestamptz',
          'date',
        ]);
      });

      it('returns the same JS types for every value type', async () => {
        const c = (lit: string, t: LogicalType | string): string => d.cast(lit, LOGICAL_TYPES.includes(t as LogicalType) ? d.typeFor(t as LogicalType) : t);
        const r = await wh.query(
          [
            `SELECT ${c('1', 'integer')} AS int_col`,
            `${c('9007199254740991', 'bigint')} AS big_safe`,
            `${c('9007199254740993', 'bigint')} AS big_unsafe`,
            `${c('-12', 'bigint')} AS big_negative`,
            `${c('12.5', 'decimal')} AS dec`,
            `${c('0.25', 'double')} AS dbl`,
            `TRUE AS bool`,
            `'héllo' AS txt`,
            `${c("'2024-02-29'", 'date')} AS dt`,
            `${c("'13:14:15'", 'time')} AS tm`,
            `${c("'2024-02-29 13:14:15.123'", 'timestamp')} AS ts`,
            `${c("'2024-02-29T13:14:15.123Z'", 'timestamptz')} AS tstz`,
            `${c(`'{"a":[1,"x",null]}'`, 'json')} AS js`,
            `${c('NULL', 'integer')} AS nul`,
            `${d.quoteLiteral(new Uint8Array([0, 1, 254, 255]))} AS bin`,
            `(SELECT COUNT(*) FROM (SELECT 1 AS one) AS x) AS cnt`,
          ].join(', '),
        );
        const row = r.rows[0]!;
        expect(row).toMatchObject({
          int_col: 1,
          big_safe: 9007199254740991,
          big_unsafe: 9007199254740993n,
          big_negative: -12,
          dec: 12.5,
          dbl: 0.25,
          bool: true,
          txt: 'héllo',
          dt: '2024-02-29',
          tm: '13:14:15',
          ts: new Date('2024-02-29T13:14:15.123Z'),
          tstz: new Date('2024-02-29T13:14:15.123Z'),
          js: { a: [1, 'x', null] },
          nul: null,
          cnt: 1,
        });
        expect(bytes(row['bin'])).toEqual([0, 1, 254, 255]);
        const logical = Object.fromEntries(r.columns.map((cd) => [cd.name, d.logicalTypeOf(cd.type)]));
        expect(logical).toMatchObject({
          int_col: 'integer',
          big_safe: 'bigint',
          dec: 'decimal',
          dbl: 'double',
          bool: 'boolean',
          txt: 'text',
          dt: 'date',
          tm: 'time',
          ts: 'timestamp',
          tstz: 'timestamptz',
          js: 'json',
          bin: 'binary',
          cnt: 'bigint',
        });
      });

      it('round-trips every logical type through a table, by parameter and by literal', async () => {
        await wh.execute(d.createTable(ref('vals'), [col('k', 'integer'), ...LOGICAL_TYPES.map((t) => col(`c_${t}`, t))]));
        const values: Record<LogicalType, unknown> = {
          boolean: true,
          integer: -7,
          bigint: 9007199254740993n,
          double: 1.25,
          decimal: 3.5,
          text: 'multi\nline "q" \'s\' ✓ 🚀 \\',
          date: '2024-01-31',
          time: '12:34:56',
          timestamp: new Date('2024-01-31T12:34:56.789Z'),
          timestamptz: new Date('1969-07-20T20:17:40.000Z'),
          json: { k: ['v', 1, true, null], s: 'x"y' },
          binary: new Uint8Array([0, 39, 92, 255]),
        };
        const cols = ['k', ...LOGICAL_TYPES.map((t) => `c_${t}`)];
        const colList = cols.map((c) => d.quoteIdentifier(c)).join(', ');
        const params = [1, ...LOGICAL_TYPES.map((t) => values[t])];
        const inserted = await wh.query(
          `INSERT INTO ${rel('vals')} (${colList}) VALUES (${params.map((_, i) => d.param(i + 1)).join(', ')})`,
          params,
        );
        expect(inserted.rowCount).toBe(1);
        const literals = [2, ...LOGICAL_TYPES.map((t) => values[t])].map((v) => d.quoteLiteral(v));
        await wh.execute(`INSERT INTO ${rel('vals')} (${colList}) VALUES (${literals.join(', ')})`);
        await wh.execute(`INSERT INTO ${rel('vals')} (${d.quoteIdentifier('k')}) VALUES (3)`);
        const rows = await sorted(`SELECT * FROM ${rel('vals')} ORDER BY k`);
        expect(rows).toHaveLength(3);
        for (const row of rows.slice(0, 2)) {
          const { c_binary, ...rest } = row;
          const { binary, ...expected } = values;
          expect(rest).toEqual({ k: row['k'], ...Object.fromEntries(Object.entries(expected).map(([t, v]) => [`c_${t}`, v])) });
          expect(bytes(c_binary)).toEqual(Array.from(binary as Uint8Array));
        }
        expect(Object.values(rows[2]!).filter((v) => v !== null)).toEqual([3]);
      });

      it('quotes identifiers with embedded quotes and odd characters', async () => {
        const weird = 'we"ird Name.x';
        await wh.execute(d.createTable(ref('Odd "Table"'), [{ name: weird, type: d.typeFor('text') }]));
        await wh.execute(`INSERT INTO ${rel('Odd "Table"')} VALUES (${d.quoteLiteral("it's")})`);
        const r = await wh.query(`SELECT ${d.quoteIdentifier(weird)} FROM ${rel('Odd "Table"')}`);
        expect(r.rows).toEqual([{ [weird]: "it's" }]);
        expect(await wh.getRelation(ref('Odd "Table"'))).toMatchObject({ name: 'Odd "Table"', kind: 'table' });
      });

      it('reports rowCount for DML', async () => {
        await wh.execute([d.createTable(ref('t'), [col('id', 'integer')]), `INSERT INTO ${rel('t')} VALUES (1), (2), (3)`]);
        expect((await wh.query(`UPDATE ${rel('t')} SET id = id + 10 WHERE id > 1`)).rowCount).toBe(2);
        expect((await wh.query(d.deleteWhere(ref('t'), `id > 12`))).rowCount).toBe(1);
        expect((await wh.query(d.insertSelect(ref('t'), ['id'], `SELECT 7 AS id UNION ALL SELECT 8 AS id`))).rowCount).toBe(2);
        expect((await wh.query(`SELECT * FROM ${rel('t')}`)).rowCount).toBe(4);
        expect((await wh.query(d.deleteWhere(ref('t')))).rowCount).toBe(4);
      });

      it('runs independent queries concurrently', async () => {
        const results = await Promise.all(Array.from({ length: 12 }, (_, i) => wh.query(`SELECT ${i} AS i`)));
        expect(results.map((r) => r.rows[0]?.['i'])).toEqual(Array.from({ length: 12 }, (_, i) => i));
      });
    });

    describe('dialect SQL executes', () => {
      it('md5, concatText, currentTimestamp, cast', async () => {
        const r = await wh.query(
          `SELECT ${d.md5("'hello'")} AS h, ${d.concatText(["'a'", 'NULL', "'b'", '1'])} AS c, ${d.concatText([])} AS empty, ` +
            `${d.currentTimestamp()} AS now, ${d.cast("'42'", d.typeFor('integer'))} AS n`,
        );
        const row = r.rows[0]!;
        expect(row).toMatchObject({ h: '5d41402abc4b2a76b9719d911017c592', c: 'ab1', empty: '', n: 42 });
        expect(row['now']).toBeInstanceOf(Date);
        expect(Math.abs((row['now'] as Date).getTime() - Date.now())).toBeLessThan(60_000);
      });

      it('quoteLiteral round-trips scalars', async () => {
        const cases: [unknown, unknown][] = [
          [null, null],
          [true, true],
          [false, false],
          [12, 12],
          [-3.75, -3.75],
          [9007199254740993n, 9007199254740993n],
          [-9007199254740993n, -9007199254740993n],
          ["O'Reilly \\ \"x\"", "O'Reilly \\ \"x\""],
          ['', ''],
          [new Date('2020-01-02T03:04:05.006Z'), new Date('2020-01-02T03:04:05.006Z')],
          [Infinity, Infinity],
        ];
        const r = await wh.query(`SELECT ${cases.map(([v], i) => `${d.quoteLiteral(v)} AS v${i}`).join(', ')}`);
        expect(Object.values(r.rows[0]!)).toEqual(cases.map(([, expected]) => expected));
        const nan = await wh.query(`SELECT ${d.quoteLiteral(NaN)} AS v`);
        expect(nan.rows[0]?.['v']).toBeNaN();
      });

      it('createTableAs, createViewAs (replace), emptySelect, insertSelect', async () => {
        await wh.execute(d.createTableAs(ref('src'), `SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2 AS id, 'b' AS name;`));
        await wh.execute(d.createViewAs(ref('v'), `SELECT id FROM ${rel('src')}`));
        await wh.execute(d.createViewAs(ref('v'), `SELECT id, name FROM ${rel('src')} -- trailing comment`, { replace: true }));
        expect(await sorted(`SELECT * FROM ${rel('v')} ORDER BY id`)).toEqual([
          { id: 1, name: 'a' },
          { id: 2, name: 'b' },
        ]);
        const probe = await wh.query(d.emptySelect(`SELECT * FROM ${rel('v')}`));
        expect(probe.rows).toEqual([]);
        expect(probe.columns.map((c) => c.name)).toEqual(['id', 'name']);
        await wh.execute(d.insertSelect(ref('src'), ['id', 'name'], `SELECT id + 10, name FROM ${rel('src')}`));
        expect((await wh.query(`SELECT COUNT(*) AS n FROM ${rel('v')}`)).rows).toEqual([{ n: 4 }]);
        await expect(wh.execute(d.createTableAs(ref('src'), 'SELECT 1 AS id'))).rejects.toBeInstanceOf(WarehouseError);
        if (wh.capabilities.createOrReplaceTable) {
          await wh.execute(d.createTableAs(ref('src'), 'SELECT 99 AS id', { replace: true }));
          expect(await sorted(`SELECT * FROM ${rel('src')}`)).toEqual([{ id: 99 }]);
        } else {
          expect(() => d.createTableAs(ref('src'), 'SELECT 1', { replace: true })).toThrow(BasinError);
        }
      });

      it('replaces a view with different columns where createOrReplaceView says it can', async () => {
        await wh.execute(d.createViewAs(ref('rv'), 'SELECT 1 AS id'));
        if (wh.capabilities.createOrReplaceView) {
          await wh.execute(d.createViewAs(ref('rv'), "SELECT 'x' AS name, 2 AS id", { replace: true }));
          expect(await wh.query(`SELECT * FROM ${rel('rv')}`).then((r) => r.rows)).toEqual([{ name: 'x', id: 2 }]);
        } else {
          await expect(wh.execute(d.createViewAs(ref('rv'), "SELECT 'x' AS name, 2 AS id", { replace: true }))).rejects.toBeInstanceOf(
            WarehouseError,
          );
        }
      });

      it('reads a local file in SQL where readsLocalFiles says it can', async () => {
        expect(typeof wh.capabilities.readsLocalFiles).toBe('boolean');
        if (!wh.capabilities.readsLocalFiles) return;
        const dir = mkdtempSync(join(tmpdir(), 'basin-contract-'));
        try {
          const path = join(dir, 'lines.txt');
          writeFileSync(path, 'a\nb\n');
          const { rows } = await wh.query(`SELECT COUNT(*) AS n FROM read_csv(${d.quoteLiteral(path)}, columns = {'line': 'VARCHAR'}, header = false)`);
          expect(rows).toEqual([{ n: 2 }]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      it('drops a table a view depends on, then the view', async () => {
        await wh.execute([d.createTableAs(ref('base'), 'SELECT 1 AS id'), d.createViewAs(ref('dep'), `SELECT * FROM ${rel('base')}`)]);
        await wh.execute(d.dropRelation(ref('base'), 'table'));
        expect(await wh.getRelation(ref('base'))).toBeUndefined();
        await wh.execute(d.dropRelation(ref('dep'), 'view'));
        expect(await wh.getRelation(ref('dep'))).toBeUndefined();
        await wh.execute([d.dropRelation(ref('base'), 'table'), d.dropRelation(ref('dep'), 'view')]);
      });
    });

    describe('introspection', () => {
      it('lists schemas and relations, gets relations and columns', async () => {
        await wh.execute([
          d.createTable(ref('t_all'), [col('id', 'integer', false), ...LOGICAL_TYPES.map((t) => col(`c_${t}`, t))]),
          d.createViewAs(ref('a_view'), `SELECT id, c_text FROM ${rel('t_all')}`),
        ]);
        expect(await wh.listSchemas()).toContain(schema);
        const relations = await wh.listRelations(schema);
        expect(relations.map(({ schema: s, name: n, kind }) => ({ schema: s, name: n, kind }))).toEqual([
          { schema, name: 'a_view', kind: 'view' },
          { schema, name: 't_all', kind: 'table' },
        ]);
        expect(await wh.getRelation(ref('t_all'))).toMatchObject({ schema, name: 't_all', kind: 'table' });
        expect(await wh.getRelation(ref('a_view'))).toMatchObject({ schema, name: 'a_view', kind: 'view' });
        expect(await wh.getRelation(ref('missing'))).toBeUndefined();
        expect(await wh.getRelation({ schema: `${schema}_missing`, name: 't_all' })).toBeUndefined();
        expect(await wh.listRelations(`${schema}_missing`)).toEqual([]);

        const columns = await wh.getColumns(ref('t_all'));
        expect(columns?.map((c) => c.name)).toEqual(['id', ...LOGICAL_TYPES.map((t) => `c_${t}`)]);
        // typeFor round-trips through introspection, and logicalTypeOf maps it back.
        expect(columns?.map((c) => c.type)).toEqual([d.typeFor('integer'), ...LOGICAL_TYPES.map((t) => d.typeFor(t))]);
        expect(columns?.map((c) => d.logicalTypeOf(c.type))).toEqual(['integer', ...LOGICAL_TYPES]);
        expect(columns?.[0]?.nullable).toBe(false);
        expect(columns?.[1]?.nullable).toBe(true);
        expect((await wh.getColumns(ref('a_view')))?.map((c) => [c.name, c.type])).toEqual([
          ['id', d.typeFor('integer')],
          ['c_text', d.typeFor('text')],
        ]);
        expect(await wh.getColumns(ref('missing'))).toBeUndefined();
      });

      it('handles many relations in one listRelations call', async () => {
        await wh.execute(Array.from({ length: 60 }, (_, i) => d.createTableAs(ref(`m_${String(i).padStart(2, '0')}`), `SELECT ${i} AS id`)));
        const relations = await wh.listRelations(schema);
        expect(relations).toHaveLength(60);
        expect(relations[0]).toMatchObject({ name: 'm_00', kind: 'table' });
      });
    });

    describe('transactions', () => {
      it('commits, returning the callback result', async () => {
        const out = await wh.transaction(async (tx) => {
          await tx.execute([d.createTable(ref('t'), [col('id', 'integer')]), `INSERT INTO ${rel('t')} VALUES (1)`]);
          const r = await tx.query(`SELECT COUNT(*) AS n FROM ${rel('t')}`);
          return r.rows[0]?.['n'];
        });
        expect(out).toBe(1);
        expect(await sorted(`SELECT * FROM ${rel('t')}`)).toEqual([{ id: 1 }]);
      });

      it('rolls back data and DDL when the callback throws, rethrowing its error', async () => {
        await wh.execute([d.createTable(ref('keep'), [col('id', 'integer')]), `INSERT INTO ${rel('keep')} VALUES (1)`]);
        const boom = new Error('boom');
        await expect(
          wh.transaction(async (tx) => {
            await tx.execute(`INSERT INTO ${rel('keep')} VALUES (2)`);
            await tx.execute(d.createTable(ref('ghost'), [col('id', 'integer')]));
            await tx.execute(d.addColumns(ref('keep'), [col('extra', 'text')]));
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await sorted(`SELECT * FROM ${rel('keep')}`)).toEqual([{ id: 1 }]);
        expect(await wh.getRelation(ref('ghost'))).toBeUndefined();
      });

      it('rolls back when a statement fails, surfacing a WarehouseError', async () => {
        await wh.execute(d.createTable(ref('keep'), [col('id', 'integer')]));
        const err = await wh
          .transaction(async (tx) => {
            await tx.execute(`INSERT INTO ${rel('keep')} VALUES (1)`);
            await tx.execute(`INSERT INTO ${rel('keep')} VALUES ('not a number')`);
          })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(WarehouseError);
        expect((await wh.query(`SELECT * FROM ${rel('keep')}`)).rows).toEqual([]);
      });

      it('serializes concurrent statements on one transaction session', async () => {
        await wh.execute(d.createTable(ref('t'), [col('id', 'integer')]));
        await wh.transaction(async (tx) => {
          await Promise.all(Array.from({ length: 10 }, (_, i) => tx.execute(`INSERT INTO ${rel('t')} VALUES (${i})`)));
        });
        expect((await wh.query(`SELECT COUNT(*) AS n FROM ${rel('t')}`)).rows).toEqual([{ n: 10 }]);
      });

      it('swaps relations by rename atomically', async () => {
        await wh.execute(d.createTableAs(ref('model'), `SELECT 1 AS version`));
        await wh.execute(d.createTableAs(ref('model__tmp'), `SELECT 2 AS version`));
        await wh.transaction(async (tx) => {
          await tx.execute([
            d.renameRelation(ref('model'), 'model__old', 'table'),
            d.renameRelation(ref('model__tmp'), 'model', 'table'),
            d.dropRelation(ref('model__old'), 'table'),
          ]);
        });
        expect(await sorted(`SELECT * FROM ${rel('model')}`)).toEqual([{ version: 2 }]);
        expect((await wh.listRelations(schema)).map((r) => r.name)).toEqual(['model']);

        // A swap that fails half-way leaves everything as it was.
        await wh.execute(d.createTableAs(ref('model__tmp'), `SELECT 3 AS version`));
        await expect(
          wh.transaction(async (tx) => {
            await tx.execute(d.renameRelation(ref('model'), 'model__old', 'table'));
            await tx.execute(d.renameRelation(ref('model__tmp'), 'model', 'table'));
            await tx.execute('SELECT * FROM no_such_relation_anywhere');
          }),
        ).rejects.toBeInstanceOf(WarehouseError);
        expect(await sorted(`SELECT * FROM ${rel('model')}`)).toEqual([{ version: 2 }]);
        expect((await wh.listRelations(schema)).map((r) => r.name)).toEqual(['model', 'model__tmp']);

        // Views swap the same way.
        await wh.execute([d.createViewAs(ref('v'), 'SELECT 1 AS a'), d.createViewAs(ref('v__tmp'), 'SELECT 2 AS a, 3 AS b')]);
        await wh.transaction((tx) =>
          tx.execute([
            d.renameRelation(ref('v'), 'v__old', 'view'),
            d.renameRelation(ref('v__tmp'), 'v', 'view'),
            d.dropRelation(ref('v__old'), 'view'),
          ]),
        );
        expect(await sorted(`SELECT * FROM ${rel('v')}`)).toEqual([{ a: 2, b: 3 }]);
      });
    });

    describe('read-only transactions', () => {
      it('reads, and refuses writes with READ_ONLY, changing nothing', async () => {
        await wh.execute([d.createTable(ref('t'), [col('id', 'integer')]), `INSERT INTO ${rel('t')} VALUES (1)`]);
        const n = await wh.transaction(async (tx) => (await tx.query(`SELECT COUNT(*) AS n FROM ${rel('t')}`)).rows[0]?.['n'], { readOnly: true });
        expect(n).toBe(1);
        for (const sql of [`INSERT INTO ${rel('t')} VALUES (2)`, `DELETE FROM ${rel('t')}`, d.createTable(ref('ghost'), [col('id', 'integer')]), d.dropRelation(ref('t'), 'table')]) {
          const err = await wh.transaction((tx) => tx.execute(sql), { readOnly: true }).catch((e: unknown) => e);
          expect(err, sql).toBeInstanceOf(WarehouseError);
          expect((err as WarehouseError).code, sql).toBe('READ_ONLY');
        }
        expect(await sorted(`SELECT * FROM ${rel('t')}`)).toEqual([{ id: 1 }]);
        expect(await wh.getRelation(ref('ghost'))).toBeUndefined();
      });

      it('resolves unqualified names in defaultSchema, only inside the transaction', async () => {
        await wh.execute([d.createTable(ref('only_here'), [col('id', 'integer')]), `INSERT INTO ${rel('only_here')} VALUES (7)`]);
        const rows = await wh.transaction(async (tx) => (await tx.query('SELECT id FROM only_here')).rows, { readOnly: true, defaultSchema: schema });
        expect(rows).toEqual([{ id: 7 }]);
        for (let i = 0; i < 6; i++) await expect(wh.query('SELECT id FROM only_here')).rejects.toBeInstanceOf(WarehouseError);
      });

      it('refuses a write hidden after a read in one statement text', async () => {
        await wh.execute(d.createTable(ref('t'), [col('id', 'integer')]));
        const err = await wh.transaction((tx) => tx.execute(`SELECT 1; INSERT INTO ${rel('t')} VALUES (2)`), { readOnly: true }).catch((e: unknown) => e);
        expect((err as WarehouseError).code).toBe('READ_ONLY');
        expect(await sorted(`SELECT COUNT(*) AS n FROM ${rel('t')}`)).toEqual([{ n: 0 }]);
      });
    });

    describe('queryBatches', () => {
      it('hands a large result over in batches, in order, with the values and columns query returns', async () => {
        await wh.execute(d.createTable(ref('t'), [col('id', 'integer'), col('name', 'text')]));
        const columns = [col('id', 'integer'), col('name', 'text')];
        await wh.bulkLoad(ref('t'), Array.from({ length: 5000 }, (_, i) => ({ id: i, name: i % 7 === 0 ? null : `n,"${i}"` })), { columns });
        const sql = `SELECT id, name FROM ${rel('t')} WHERE id >= $1 ORDER BY id`;
        const batches: Row[][] = [];
        const summary = await wh.queryBatches(sql, [10], async (batch) => {
          batches.push(batch.rows);
          await new Promise((resolve) => setImmediate(resolve));
        });
        const whole = await wh.query(sql, [10]);
        expect(batches.length).toBeGreaterThan(1);
        expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(2048);
        expect(batches.flat()).toEqual(whole.rows);
        expect(summary).toEqual({ columns: whole.columns, rowCount: 4990 });
      });

      it('calls onBatch once, with the columns and no rows, for an empty result', async () => {
        await wh.execute(d.createTable(ref('t'), [col('id', 'integer')]));
        const seen: QueryBatch[] = [];
        const summary = await wh.queryBatches(`SELECT id FROM ${rel('t')}`, [], (batch) => void seen.push(batch));
        expect(seen).toEqual([{ columns: [{ name: 'id', type: d.typeFor('integer') }], rows: [] }]);
        expect(summary.rowCount).toBe(0);
      });

      it('rejects with the error onBatch threw, and stays usable', async () => {
        const thrown = new Error('consumer gave up');
        const err = await wh
          .queryBatches(`SELECT * FROM (VALUES (1), (2)) AS v(x)`, [], () => {
            throw thrown;
          })
          .catch((e: unknown) => e);
        expect(err).toBe(thrown);
        expect((await wh.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      });

      it('stops with ABORTED when the signal fires between batches, and stays usable', async () => {
        const controller = new AbortController();
        let batches = 0;
        const err = await wh
          .queryBatches(
            'SELECT * FROM generate_series(1, 2000000) AS g(n)',
            [],
            () => {
              batches++;
              controller.abort();
            },
            { signal: controller.signal },
          )
          .catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'ABORTED' });
        expect(batches).toBe(1);
        expect((await wh.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      });

      it('streams inside a read-only transaction and refuses a write there, changing nothing', async () => {
        await wh.execute([d.createTable(ref('t'), [col('id', 'integer')]), `INSERT INTO ${rel('t')} VALUES (1)`]);
        const rows: Row[] = [];
        await wh.transaction((tx) => tx.queryBatches(`SELECT id FROM ${rel('t')}`, [], (b) => void rows.push(...b.rows)), { readOnly: true });
        expect(rows).toEqual([{ id: 1 }]);
        const err = await wh
          .transaction((tx) => tx.queryBatches(`INSERT INTO ${rel('t')} VALUES (2)`, [], () => undefined), { readOnly: true })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(WarehouseError);
        expect(await sorted(`SELECT id FROM ${rel('t')}`)).toEqual([{ id: 1 }]);
      });
    });

    describe('merge and deleteInsert', () => {
      const setup = async (keys: string[]): Promise<void> => {
        const keyCols = keys.map((k) => col(k, 'integer'));
        await wh.execute([
          d.createTable(ref('target'), [...keyCols, col('v', 'text'), col('n', 'integer')]),
          d.createTable(ref('source'), [...keyCols, col('v', 'text'), col('n', 'integer')]),
        ]);
        const keyVals = (i: number): string => (keys.length === 1 ? `${i}` : `${i}, ${i * 10}`);
        await wh.execute([
          `INSERT INTO ${rel('target')} VALUES (${keyVals(1)}, 'one', 1), (${keyVals(2)}, 'two', 2)`,
          `INSERT INTO ${rel('source')} VALUES (${keyVals(2)}, 'TWO', 20), (${keyVals(3)}, 'THREE', 30)`,
        ]);
        if (keys.length > 1) {
          // Same first key, different second key: must not match.
          await wh.execute(`INSERT INTO ${rel('source')} VALUES (1, 99, 'other', 99)`);
        }
      };
      const spec = (keys: string[], updateColumns?: string[]) => ({
        target: ref('target'),
        source: ref('source'),
        uniqueKey: keys,
        columns: [...keys, 'v', 'n'],
        ...(updateColumns ? { updateColumns } : {}),
      });
      const run = (statements: string[]): Promise<void> => wh.transaction((tx) => tx.execute(statements));

      it('merges on a single key', async () => {
        await setup(['id']);
        await run(d.merge(spec(['id'])));
        expect(await sorted(`SELECT * FROM ${rel('target')} ORDER BY id`)).toEqual([
          { id: 1, v: 'one', n: 1 },
          { id: 2, v: 'TWO', n: 20 },
          { id: 3, v: 'THREE', n: 30 },
        ]);
      });

      it('merges on a composite key, updating only updateColumns', async () => {
        await setup(['k1', 'k2']);
        await run(d.merge(spec(['k1', 'k2'], ['v'])));
        expect(await sorted(`SELECT * FROM ${rel('target')} ORDER BY k1, k2`)).toEqual([
          { k1: 1, k2: 10, v: 'one', n: 1 },
          { k1: 1, k2: 99, v: 'other', n: 99 },
          { k1: 2, k2: 20, v: 'TWO', n: 2 },
          { k1: 3, k2: 30, v: 'THREE', n: 30 },
        ]);
      });

      it('merges when every column is a key (insert only)', async () => {
        await wh.execute([
          d.createTable(ref('target'), [col('id', 'integer')]),
          d.createTable(ref('source'), [col('id', 'integer')]),
          `INSERT INTO ${rel('target')} VALUES (1), (2)`,
          `INSERT INTO ${rel('source')} VALUES (2), (3)`,
        ]);
        await run(d.merge({ target: ref('target'), source: ref('source'), uniqueKey: ['id'], columns: ['id'] }));
        expect(await sorted(`SELECT * FROM ${rel('target')} ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
      });

      it('delete+inserts on a single key', async () => {
        await setup(['id']);
        await run(d.deleteInsert(spec(['id'])));
        expect(await sorted(`SELECT * FROM ${rel('target')} ORDER BY id`)).toEqual([
          { id: 1, v: 'one', n: 1 },
          { id: 2, v: 'TWO', n: 20 },
          { id: 3, v: 'THREE', n: 30 },
        ]);
      });

      it('delete+inserts on a composite key', async () => {
        await setup(['k1', 'k2']);
        await run(d.deleteInsert(spec(['k1', 'k2'])));
        expect(await sorted(`SELECT * FROM ${rel('target')} ORDER BY k1, k2`)).toEqual([
          { k1: 1, k2: 10, v: 'one', n: 1 },
          { k1: 1, k2: 99, v: 'other', n: 99 },
          { k1: 2, k2: 20, v: 'TWO', n: 20 },
          { k1: 3, k2: 30, v: 'THREE', n: 30 },
        ]);
      });
    });

    describe('schema evolution', () => {
      it('adds, drops and retypes columns', async () => {
        await wh.execute([d.createTable(ref('t'), [col('id', 'integer'), col('old', 'text')]), `INSERT INTO ${rel('t')} VALUES (1, 'x')`]);
        await wh.execute(d.addColumns(ref('t'), [col('a', 'text'), col('b', 'bigint')]));
        await wh.execute(d.dropColumns(ref('t'), ['old']));
        await wh.execute(d.alterColumnType(ref('t'), 'id', d.typeFor('bigint')));
        expect((await wh.getColumns(ref('t')))?.map((c) => [c.name, c.type])).toEqual([
          ['id', d.typeFor('bigint')],
          ['a', d.typeFor('text')],
          ['b', d.typeFor('bigint')],
        ]);
        await wh.execute(d.alterColumnType(ref('t'), 'id', d.typeFor('text')));
        expect(await sorted(`SELECT * FROM ${rel('t')}`)).toEqual([{ id: '1', a: null, b: null }]);
      });
    });

    describe('bulkLoad', () => {
      const loadColumns = (): ColumnDef[] => [
        col('id', 'integer'),
        col('big', 'bigint'),
        col('txt', 'text'),
        col('num', 'double'),
        col('dec', 'decimal'),
        col('flag', 'boolean'),
        col('day', 'date'),
        col('ts', 'timestamp'),
        col('tstz', 'timestamptz'),
        col('doc', 'json'),
      ];
      const rowFor = (i: number): Row => {
        const isNull = i % 7 === 0;
        return {
          id: i,
          big: i % 2 === 0 ? 9007199254740993n + BigInt(i) : i * 1000,
          txt: isNull ? null : `${AWKWARD_TEXT[i % AWKWARD_TEXT.length]}#${i}`,
          num: isNull ? null : i / 8,
          dec: i % 5 === 0 ? null : (i % 1000) + 0.25,
          flag: isNull ? null : i % 2 === 0,
          day: i % 3 === 0 ? new Date(Date.UTC(2024, 0, 1 + (i % 365))) : `2023-${String((i % 12) + 1).padStart(2, '0')}-15`,
          ts: new Date(Date.UTC(2024, 1, 29, 12, 0, 0, i % 1000)),
          tstz: isNull ? null : new Date(1_700_000_000_000 + i * 1000),
          doc: isNull ? null : AWKWARD_JSON[i % AWKWARD_JSON.length],
        };
      };
      const expectedDay = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

      it('loads 50,000 rows with awkward values, streaming from a generator', async () => {
        const total = 50_000;
        await wh.execute(d.createTable(ref('bulk'), loadColumns()));
        function* rows(): Generator<Row> {
          for (let i = 1; i <= total; i++) yield rowFor(i);
        }
        const loaded = await wh.bulkLoad(ref('bulk'), rows(), { columns: loadColumns() });
        expect(loaded).toBe(total);
        const stats = await wh.query(
          `SELECT COUNT(*) AS n, COUNT(txt) AS txt, COUNT(doc) AS doc, SUM(id) AS ids, COUNT(dec) AS dec, ` +
            `SUM(CASE WHEN flag THEN 1 ELSE 0 END) AS flags FROM ${rel('bulk')}`,
        );
        const nonNull = total - Math.floor(total / 7);
        expect(stats.rows[0]).toEqual({
          n: total,
          txt: nonNull,
          doc: nonNull,
          ids: (total * (total + 1)) / 2,
          dec: total - total / 5,
          flags: Array.from({ length: total }, (_, k) => k + 1).filter((i) => i % 7 !== 0 && i % 2 === 0).length,
        });
        const sample = [1, 2, 3, 5, 6, 7, 10, 14, 15, 16, 17, 18, 33, 34, 35, 36, 49_999, 50_000];
        const got = await sorted(`SELECT * FROM ${rel('bulk')} WHERE id IN (${sample.join(', ')}) ORDER BY id`);
        expect(got).toEqual(
          sample.map((i) => {
            const r = rowFor(i);
            return { ...r, day: expectedDay(r['day']) };
          }),
        );
      });

      it('loads from an async iterable, with missing keys as NULL and an empty input', async () => {
        await wh.execute(d.createTable(ref('small'), [col('a', 'integer'), col('b', 'text'), col('c', 'json')]));
        async function* rows(): AsyncGenerator<Row> {
          yield { a: 1, b: 'x', c: [1, 2] };
          yield { a: 2 };
          yield { b: 'only b', c: 'str' };
        }
        const columns = [col('a', 'integer'), col('b', 'text'), col('c', 'json')];
        expect(await wh.bulkLoad(ref('small'), rows(), { columns })).toBe(3);
        expect(await wh.bulkLoad(ref('small'), [], { columns })).toBe(0);
        expect(await sorted(`SELECT * FROM ${rel('small')} ORDER BY a`)).toEqual([
          { a: 1, b: 'x', c: [1, 2] },
          { a: 2, b: null, c: null },
          { a: null, b: 'only b', c: 'str' },
        ]);
      });

      it('fills columns the load does not name with their defaults, and single-column NULL rows', async () => {
        await wh.execute(`CREATE TABLE ${rel('wide')} (a INTEGER, b ${d.typeFor('text')} DEFAULT 'dflt', c INTEGER)`);
        const columns = [col('c', 'integer'), col('a', 'integer')];
        expect(await wh.bulkLoad(ref('wide'), [{ a: 1, c: 3 }, { a: 2 }], { columns })).toBe(2);
        expect(await sorted(`SELECT * FROM ${rel('wide')} ORDER BY a`)).toEqual([
          { a: 1, b: 'dflt', c: 3 },
          { a: 2, b: 'dflt', c: null },
        ]);
        await wh.execute(d.createTable(ref('one'), [col('x', 'text')]));
        expect(await wh.bulkLoad(ref('one'), [{ x: null }, { x: '' }, { x: 'y' }], { columns: [col('x', 'text')] })).toBe(3);
        expect(await sorted(`SELECT x FROM ${rel('one')} ORDER BY x NULLS FIRST`)).toEqual([{ x: null }, { x: '' }, { x: 'y' }]);
      });

      it('aborts a bulk load via AbortSignal, loading nothing', async () => {
        await wh.execute(d.createTable(ref('endless'), [col('id', 'integer'), col('txt', 'text')]));
        const controller = new AbortController();
        function* rows(): Generator<Row> {
          for (let i = 0; i < 50_000_000; i++) yield { id: i, txt: `row ${i}` };
        }
        setTimeout(() => controller.abort(), 200);
        const started = Date.now();
        const err = await wh
          .bulkLoad(ref('endless'), rows(), { columns: [col('id', 'integer'), col('txt', 'text')], signal: controller.signal })
          .catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'ABORTED' });
        expect(Date.now() - started).toBeLessThan(5_000);
        expect((await wh.query(`SELECT COUNT(*) AS n FROM ${rel('endless')}`)).rows).toEqual([{ n: 0 }]);
      });

      it('loads nothing when a row is invalid', async () => {
        await wh.execute(d.createTable(ref('strict'), [col('a', 'integer')]));
        const rows = [{ a: 1 }, { a: 2 }, { a: 'not a number' }];
        await expect(wh.bulkLoad(ref('strict'), rows, { columns: [col('a', 'integer')] })).rejects.toBeInstanceOf(WarehouseError);
        expect((await wh.query(`SELECT * FROM ${rel('strict')}`)).rows).toEqual([]);
        await expect(wh.bulkLoad(ref('absent'), rows, { columns: [col('a', 'integer')] })).rejects.toBeInstanceOf(WarehouseError);
      });
    });

    describe('cancellation', () => {
      it('aborts a long-running query via AbortSignal and stays usable', async () => {
        const controller = new AbortController();
        const started = Date.now();
        const running = wh.query(fixture.longRunningSql, [], { signal: controller.signal });
        setTimeout(() => controller.abort(), 300);
        const err = await running.catch((e: unknown) => e);
        expect(err).toBeInstanceOf(WarehouseError);
        expect(err).toMatchObject({ code: 'ABORTED', sql: fixture.longRunningSql });
        expect(Date.now() - started).toBeLessThan(5_000);
        expect((await wh.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      });

      it('rejects at once when the signal has already fired', async () => {
        const controller = new AbortController();
        controller.abort();
        await expect(wh.query('SELECT 1', [], { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
        await expect(wh.execute(['SELECT 1'], { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
      });

      it('aborts inside a transaction and rolls it back', async () => {
        await wh.execute(d.createTable(ref('t'), [col('id', 'integer')]));
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 300);
        const err = await wh
          .transaction(async (tx) => {
            await tx.execute(`INSERT INTO ${rel('t')} VALUES (1)`);
            await tx.query(fixture.longRunningSql, [], { signal: controller.signal });
          })
          .catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'ABORTED' });
        expect((await wh.query(`SELECT * FROM ${rel('t')}`)).rows).toEqual([]);
      });
    });

    describe('errors', () => {
      it('wraps driver errors in WarehouseError keeping the SQL and cause', async () => {
        const sql = 'SELECT * FROM basin_no_such_table_anywhere';
        const err = await wh.query(sql).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(WarehouseError);
        expect(err).toMatchObject({ code: 'WAREHOUSE', sql });
        expect((err as WarehouseError).cause).toBeDefined();
        expect((err as WarehouseError).message).toMatch(/basin_no_such_table_anywhere/);

        const bad = 'SELEC broken';
        const err2 = await wh.execute(['SELECT 1', bad]).catch((e: unknown) => e);
        expect(err2).toMatchObject({ code: 'WAREHOUSE', sql: bad });
      });
    });

    describe('close', () => {
      it('is idempotent and later calls fail', async () => {
        const other = await factory();
        expect(other.warehouse.description).not.toMatch(/password/i);
        await other.warehouse.query('SELECT 1');
        await other.warehouse.close();
        await other.warehouse.close();
        await expect(other.warehouse.query('SELECT 1')).rejects.toBeInstanceOf(BasinError);
      });
    });
  });
}
