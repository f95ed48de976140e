import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import type { LogicalType, Row, TableRef } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { computeDiff, type DiffCounts } from './compute-diff.js';
import { readPlan, type PlanBatch, type PlanRow } from './read-plan.js';
import { recordOutcomes, type DeliveryOutcome } from './record-outcomes.js';
import type { SyncDiffSpec } from './sync-diff-spec.js';

/**
 * The behaviour of the activation diff on every warehouse: each test gets its
 * own schema (source tables and state alike), dropped afterwards.
 */
export function describeActivationDiffContract(name: string, factory: () => Promise<Warehouse>): void {
  describe(`activation diff contract: ${name}`, () => {
    let wh: Warehouse;
    /** Source tables live in `schema`, the sync state in `stateSchema`. */
    let schema: string;
    let stateSchema: string;
    const src = (table = 'src'): TableRef => ({ schema, name: table });
    const t = (type: LogicalType): string => wh.dialect.typeFor(type);
    const lit = (v: unknown): string => wh.dialect.quoteLiteral(v);

    beforeEach(async () => {
      wh = await factory();
      schema = `basin_act_${randomBytes(4).toString('hex')}`;
      stateSchema = `${schema}_state`;
      await wh.execute(wh.dialect.createSchema(schema));
    });
    afterEach(async () => {
      await wh.execute([wh.dialect.dropSchema(schema), wh.dialect.dropSchema(stateSchema)]);
      await wh.close();
    });

    /** A source table `src(id, name, score)` with the given rows. */
    async function people(rows: [number | null, string | null, number | null][], table = 'src'): Promise<void> {
      await wh.execute([
        wh.dialect.dropRelation(src(table), 'table'),
        `CREATE TABLE ${wh.dialect.relation(src(table))} (id ${t('integer')}, name ${t('text')}, score ${t('double')})`,
      ]);
      if (rows.length > 0) {
        const values = rows.map((r) => `(${r.map(lit).join(', ')})`).join(', ');
        await wh.execute(`INSERT INTO ${wh.dialect.relation(src(table))} VALUES ${values}`);
      }
    }

    const spec = (over: Partial<SyncDiffSpec> = {}): SyncDiffSpec => ({
      sync: 'people_sync',
      source: { relation: src() },
      key: ['id'],
      payload: [
        { column: 'name', field: 'Name' },
        { column: 'score', field: 'score_out' },
      ],
      mode: 'upsert',
      ...over,
    });

    const diff = async (s: SyncDiffSpec): Promise<DiffCounts> => (await computeDiff(wh, s, { logger: silentLogger, schema: stateSchema })).counts;

    async function planOf(s: SyncDiffSpec, batchSize = 1000): Promise<PlanBatch[]> {
      const batches: PlanBatch[] = [];
      for await (const b of readPlan(wh, s, { schema: stateSchema, batchSize })) batches.push(b);
      return batches;
    }
    const rowsOf = (batches: PlanBatch[]): PlanRow[] => batches.flatMap((b) => b.rows);
    const brief = (rows: PlanRow[]): [string, string, unknown][] => rows.map((r) => [r.op, r.key, r.payload['Name']]);

    /** Diffs, reads the plan and records every row as delivered unless `fail` names an error for it. */
    async function deliver(s: SyncDiffSpec, fail: (row: PlanRow) => string | undefined = () => undefined): Promise<PlanRow[]> {
      await diff(s);
      const rows = rowsOf(await planOf(s));
      const outcomes: DeliveryOutcome[] = rows.map((r) => {
        const error = fail(r);
        return { key: r.key, op: r.op, hash: r.hash, ok: error === undefined, ...(error === undefined ? {} : { error }) };
      });
      await recordOutcomes(wh, s.sync, outcomes, { runId: 'run-test', logger: silentLogger, schema: stateSchema });
      return rows;
    }

    async function state(sync = 'people_sync'): Promise<Row[]> {
      const q = (n: string): string => wh.dialect.quoteIdentifier(n);
      return (
        await wh.query(
          `SELECT ${['key', 'delivered_hash', 'failed_hash', 'error', 'attempts', 'run_id'].map(q).join(', ')} FROM ${wh.dialect.relation({ schema: stateSchema, name: sync })} ORDER BY 1`,
        )
      ).rows;
    }

    it('adds every row at first, then a rerun sends nothing', async () => {
      await people([
        [1, 'ann', 1.5],
        [2, 'bob', null],
        [3, 'cy', 3],
      ]);
      expect(await diff(spec())).toEqual({ add: 3, change: 0, remove: 0, rejected: { null_key: 0, duplicate_key: 0 } });
      const rows = rowsOf(await planOf(spec()));
      expect(rows.map((r) => [r.seq, r.op, r.key, r.payload])).toEqual([
        [1, 'add', '1', { Name: 'ann', score_out: 1.5 }],
        [2, 'add', '2', { Name: 'bob', score_out: null }],
        [3, 'add', '3', { Name: 'cy', score_out: 3 }],
      ]);
      for (const r of rows) expect(r.hash).toMatch(/^[0-9a-f]{32}$/);
      expect(new Set(rows.map((r) => r.hash)).size).toBe(3);

      await deliver(spec());
      const st = await state();
      expect(st.map((r) => [r['key'], r['delivered_hash'], r['attempts'], r['run_id']])).toEqual(rows.map((r) => [r.key, r.hash, 0, 'run-test']));
      expect(await diff(spec())).toMatchObject({ add: 0, change: 0, remove: 0 });
      expect(await planOf(spec())).toEqual([]);
    });

    it('sends changed rows as changes with their new payload', async () => {
      await people([
        [1, 'ann', 1],
        [2, 'bob', 2],
      ]);
      const first = await deliver(spec());
      await wh.execute(`UPDATE ${wh.dialect.relation(src())} SET score = 20 WHERE id = 2`);
      await wh.execute(`INSERT INTO ${wh.dialect.relation(src())} VALUES (3, 'cy', 3)`);
      expect(await diff(spec())).toMatchObject({ add: 1, change: 1, remove: 0 });
      const rows = rowsOf(await planOf(spec()));
      expect(rows.map((r) => [r.op, r.key, r.payload['score_out']])).toEqual([
        ['add', '3', 3],
        ['change', '2', 20],
      ]);
      expect(rows[1]!.hash).not.toBe(first[1]!.hash);
      await deliver(spec());
      expect(await diff(spec())).toMatchObject({ add: 0, change: 0 });
    });

    it('removes keys that left the source in mirror mode only, and forgets them once removed', async () => {
      await people([
        [1, 'ann', 1],
        [2, 'bob', 2],
        [3, 'cy', 3],
      ]);
      await deliver(spec({ mode: 'mirror' }));
      await wh.execute(`DELETE FROM ${wh.dialect.relation(src())} WHERE id IN (1, 3)`);
      expect(await diff(spec({ mode: 'upsert' }))).toMatchObject({ add: 0, change: 0, remove: 0 });
      expect(await diff(spec({ mode: 'mirror' }))).toMatchObject({ add: 0, change: 0, remove: 2 });
      const batches = await planOf(spec({ mode: 'mirror' }));
      expect(batches.map((b) => b.op)).toEqual(['remove']);
      expect(batches[0]!.rows.map((r) => [r.key, r.hash, r.payload])).toEqual([
        ['1', null, { Name: null, score_out: null }],
        ['3', null, { Name: null, score_out: null }],
      ]);
      // a failed remove stays in the state and is planned again
      await deliver(spec({ mode: 'mirror' }), (r) => (r.key === '3' ? 'HTTP 500' : undefined));
      expect((await state()).map((r) => [r['key'], r['attempts'], r['error']])).toEqual([
        ['2', 0, null],
        ['3', 1, 'HTTP 500'],
      ]);
      expect(brief(await deliver(spec({ mode: 'mirror' })))).toEqual([['remove', '3', null]]);
      expect((await state()).map((r) => r['key'])).toEqual(['2']);
      expect(await diff(spec({ mode: 'mirror' }))).toMatchObject({ add: 0, change: 0, remove: 0 });
    });

    it('retries failed rows until they succeed, without touching what was delivered', async () => {
      await people([
        [1, 'ann', 1],
        [2, 'bob', 2],
      ]);
      await deliver(spec(), (r) => (r.key === '2' ? 'rate limited' : undefined));
      let st = await state();
      expect(st[1]).toMatchObject({ key: '2', delivered_hash: null, error: 'rate limited', attempts: 1 });
      expect(st[1]!['failed_hash']).toMatch(/^[0-9a-f]{32}$/);
      // unchanged since the failure: back in the plan, still an add (never delivered)
      expect(brief(await deliver(spec(), () => 'still failing'))).toEqual([['add', '2', 'bob']]);
      expect((await state())[1]).toMatchObject({ attempts: 2, error: 'still failing' });
      expect(brief(await deliver(spec()))).toEqual([['add', '2', 'bob']]);
      expect((await state())[1]).toMatchObject({ failed_hash: null, error: null, attempts: 0 });
      expect(await diff(spec())).toMatchObject({ add: 0, change: 0 });

      // a change that fails keeps the delivered hash, and comes back as a change even once the source reverts
      const delivered = (await state())[0]!['delivered_hash'];
      await wh.execute(`UPDATE ${wh.dialect.relation(src())} SET name = 'ANN' WHERE id = 1`);
      expect(brief(await deliver(spec(), () => 'bad email'))).toEqual([['change', '1', 'ANN']]);
      st = await state();
      expect(st[0]).toMatchObject({ delivered_hash: delivered, error: 'bad email', attempts: 1 });
      await wh.execute(`UPDATE ${wh.dialect.relation(src())} SET name = 'ann' WHERE id = 1`);
      const again = await deliver(spec());
      expect(brief(again)).toEqual([['change', '1', 'ann']]);
      expect(again[0]!.hash).toBe(delivered);
      expect(await diff(spec())).toMatchObject({ add: 0, change: 0 });
    });

    it('puts every source row in the plan on a full resync, removes too in mirror mode', async () => {
      await people([
        [1, 'ann', 1],
        [2, 'bob', 2],
      ]);
      await deliver(spec({ mode: 'mirror' }));
      await wh.execute([`DELETE FROM ${wh.dialect.relation(src())} WHERE id = 2`, `INSERT INTO ${wh.dialect.relation(src())} VALUES (4, 'dee', 4)`]);
      expect(await diff(spec({ fullResync: true }))).toMatchObject({ add: 1, change: 1, remove: 0 });
      expect(brief(rowsOf(await planOf(spec())))).toEqual([
        ['add', '4', 'dee'],
        ['change', '1', 'ann'],
      ]);
      expect(await diff(spec({ mode: 'mirror', fullResync: true }))).toMatchObject({ add: 1, change: 1, remove: 1 });
      // insert mode sends adds only, full resync or not
      expect(await diff(spec({ mode: 'insert', fullResync: true }))).toMatchObject({ add: 1, change: 0, remove: 0 });
    });

    it('sends adds only in insert mode; update mode plans like upsert', async () => {
      await people([[1, 'ann', 1]]);
      await deliver(spec({ mode: 'insert' }));
      await wh.execute([`UPDATE ${wh.dialect.relation(src())} SET name = 'x'`, `INSERT INTO ${wh.dialect.relation(src())} VALUES (2, 'bob', 2)`]);
      expect(await diff(spec({ mode: 'insert' }))).toMatchObject({ add: 1, change: 0, remove: 0 });
      expect(await diff(spec({ mode: 'update' }))).toMatchObject({ add: 1, change: 1, remove: 0 });
    });

    it('rejects rows with a NULL or duplicated key, and neither sends nor removes them', async () => {
      await people([
        [1, 'ann', 1],
        [2, 'bob', 2],
      ]);
      await deliver(spec({ mode: 'mirror' }));
      await people([
        [1, 'ann', 1],
        [2, 'bob', 2],
        [2, 'bob again', 22],
        [null, 'nobody', 0],
        [3, 'cy', 3],
      ]);
      expect(await diff(spec({ mode: 'mirror' }))).toEqual({ add: 1, change: 0, remove: 0, rejected: { null_key: 1, duplicate_key: 2 } });
      expect(brief(rowsOf(await planOf(spec())))).toEqual([['add', '3', 'cy']]);
      const q = (n: string): string => wh.dialect.quoteIdentifier(n);
      const rejects = (
        await wh.query(`SELECT ${q('key')}, ${q('reason')}, ${q('row')} FROM ${wh.dialect.relation({ schema: stateSchema, name: 'people_sync__rejects' })}`)
      ).rows;
      const byName = (r: Row): string => String((r['row'] as Row)['name']);
      expect([...rejects].sort((a, b) => byName(a).localeCompare(byName(b)))).toEqual([
        { key: '2', reason: 'duplicate_key', row: { id: 2, name: 'bob', score: 2 } },
        { key: '2', reason: 'duplicate_key', row: { id: 2, name: 'bob again', score: 22 } },
        { key: null, reason: 'null_key', row: { id: null, name: 'nobody', score: 0 } },
      ]);
    });

    it('encodes composite keys without ambiguity and rejects a NULL part', async () => {
      await wh.execute(`CREATE TABLE ${wh.dialect.relation(src('acc'))} (a ${t('text')}, b ${t('text')}, v ${t('integer')})`);
      await wh.execute(`INSERT INTO ${wh.dialect.relation(src('acc'))} VALUES ('x|1', 'y', 1), ('x', '1|y', 2), ('', 'z', 3), ('z', '', 4), ('w', NULL, 5)`);
      const s = spec({ sync: 'accounts', source: { relation: src('acc') }, key: ['a', 'b'], payload: [{ column: 'v', field: 'v' }] });
      expect(await diff(s)).toEqual({ add: 4, change: 0, remove: 0, rejected: { null_key: 1, duplicate_key: 0 } });
      const rows = rowsOf(await planOf(s));
      expect(new Set(rows.map((r) => r.key)).size).toBe(4);
      expect(rows.find((r) => r.payload['v'] === 1)!.key).toBe('3:x|1|1:y');
      await deliver(s);
      await wh.execute(`UPDATE ${wh.dialect.relation(src('acc'))} SET v = 30 WHERE a = ''`);
      expect(await diff(s)).toMatchObject({ add: 0, change: 1 });
      expect(rowsOf(await planOf(s)).map((r) => [r.key, r.payload['v']])).toEqual([['0:|1:z', 30]]);
    });

    it('tells NULL, empty text and the text null apart in payloads', async () => {
      await wh.execute(`CREATE TABLE ${wh.dialect.relation(src('n'))} (id ${t('integer')}, a ${t('text')}, b ${t('text')})`);
      await wh.execute(
        `INSERT INTO ${wh.dialect.relation(src('n'))} VALUES (1, NULL, NULL), (2, '', ''), (3, 'null', 'null'), (4, NULL, ''), (5, '', NULL), (6, '~', NULL), (7, '0:', NULL), (8, ';0:', NULL), ` +
          `(9, 'a,b', 'c'), (10, 'a', 'b,c'), (11, 'NULL', NULL), (12, 'null', NULL), (13, 'it''s', 'x'), (14, 'it', 's''x'), ` +
          `(15, 'a' || chr(92), 'b'), (16, 'a', chr(92) || 'b'), (17, '(a)', NULL), (18, ' a', NULL), (19, 'a ', NULL)`,
      );
      const s = spec({ sync: 'nulls', source: { relation: src('n') }, payload: [{ column: 'a', field: 'a' }, { column: 'b', field: 'b' }] });
      await diff(s);
      const rows = rowsOf(await planOf(s));
      expect(rows).toHaveLength(19);
      expect(new Set(rows.map((r) => r.hash)).size).toBe(19);
      expect(rows.find((r) => r.key === '1')!.payload).toEqual({ a: null, b: null });
      await deliver(s);
      await wh.execute(`UPDATE ${wh.dialect.relation(src('n'))} SET a = NULL WHERE id = 2`);
      expect(rowsOf(await (diff(s).then(() => planOf(s)))).map((r) => [r.op, r.key])).toEqual([['change', '2']]);
    });

    it('hashes numbers, timestamps, booleans and JSON stably and notices changes in them', async () => {
      const rel = wh.dialect.relation(src('typed'));
      await wh.execute(
        `CREATE TABLE ${rel} (id ${t('bigint')}, i ${t('integer')}, d ${t('double')}, n ${t('decimal')}, b ${t('boolean')}, ` +
          `ts ${t('timestamp')}, tz ${t('timestamptz')}, dt ${t('date')}, j ${t('json')})`,
      );
      await wh.execute(
        `INSERT INTO ${rel} VALUES ` +
          `(1, 7, 0.1, 12.5, TRUE, '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05+00', '2024-01-02', '{"a": [1, "x", null], "b": {"c": true}}'), ` +
          `(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), ` +
          `(3, -1, 1e300, 0, FALSE, '1970-01-01 00:00:00', '1999-12-31 23:59:59.5+00', '1999-12-31', '[]'), ` +
          `(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'null')`,
      );
      const cols = ['i', 'd', 'n', 'b', 'ts', 'tz', 'dt', 'j'];
      const s = spec({ sync: 'typed', source: { relation: src('typed') }, payload: cols.map((c) => ({ column: c, field: `f_${c}` })) });
      await diff(s);
      const rows = rowsOf(await planOf(s));
      const p = rows[0]!.payload;
      expect(p['f_i']).toBe(7);
      expect(p['f_d']).toBe(0.1);
      expect(p['f_n']).toBe(12.5);
      expect(p['f_b']).toBe(true);
      expect(p['f_ts']).toEqual(new Date('2024-01-02T03:04:05.123Z'));
      expect(p['f_tz']).toEqual(new Date('2024-01-02T03:04:05Z'));
      expect(p['f_dt']).toBe('2024-01-02');
      expect(p['f_j']).toEqual({ a: [1, 'x', null], b: { c: true } });
      expect(rows[1]!.payload).toEqual(Object.fromEntries(cols.map((c) => [`f_${c}`, null])));
      expect(rows[2]!.payload['f_j']).toEqual([]);
      // the JSON null is not SQL NULL
      expect(rows[3]!.hash).not.toBe(rows[1]!.hash);
      expect(new Set(rows.map((r) => r.hash)).size).toBe(4);
      await deliver(s);
      // the same values hash the same on every run
      for (let i = 0; i < 2; i++) expect(await diff(s)).toMatchObject({ add: 0, change: 0 });
      // a full resync plans the same hashes that were delivered
      await diff({ ...s, fullResync: true });
      const again = rowsOf(await planOf(s));
      expect(again.map((r) => r.hash)).toEqual(rows.map((r) => r.hash));

      const changes: [string, string][] = [
        ['i', '8'],
        ['d', '0.1000001'],
        ['n', '12.50001'],
        ['b', 'FALSE'],
        ['ts', `'2024-01-02 03:04:05.123457'`],
        ['tz', `'2024-01-02 03:04:06+00'`],
        ['dt', `'2024-01-03'`],
        ['j', `'{"a": [1, "x", null], "b": {"c": false}}'`],
      ];
      for (const [col, value] of changes) {
        await wh.execute(`UPDATE ${rel} SET ${col} = ${value} WHERE id = 1`);
        expect(await diff(s), `changing ${col}`).toMatchObject({ add: 0, change: 1 });
        await deliver(s);
      }
      expect(await diff(s)).toMatchObject({ add: 0, change: 0 });
    });

    it('reads a SQL select as the source and the plan in batches of one op', async () => {
      await people([
        [1, 'ann', 1],
        [2, 'bob', 2],
        [3, 'cy', 3],
        [4, 'dee', 4],
        [5, 'eve', 5],
      ]);
      const s = spec({ mode: 'mirror', source: { sql: `SELECT id, upper(name) AS name, score * 2 AS score FROM ${wh.dialect.relation(src())} WHERE id <> 5;` } });
      await deliver(s);
      await wh.execute(`UPDATE ${wh.dialect.relation(src())} SET score = 0 WHERE id IN (1, 2)`);
      await wh.execute(`DELETE FROM ${wh.dialect.relation(src())} WHERE id IN (3, 4)`);
      await wh.execute(`INSERT INTO ${wh.dialect.relation(src())} VALUES (6, 'fay', 6), (7, 'gus', 7), (8, 'hal', 8)`);
      expect(await diff(s)).toMatchObject({ add: 3, change: 2, remove: 2 });
      const batches = await planOf(s, 2);
      expect(batches.map((b) => [b.op, b.rows.map((r) => r.key)])).toEqual([
        ['add', ['6', '7']],
        ['add', ['8']],
        ['change', ['1', '2']],
        ['remove', ['3', '4']],
      ]);
      expect(batches[0]!.rows[0]!.payload).toEqual({ Name: 'FAY', score_out: 12 });
      // rejects from a SQL source keep the select's row as JSON
      const dupSql = spec({ sync: 'dup_sql', source: { sql: `SELECT 1 AS id, 'a' AS name, 0.5 AS score UNION ALL SELECT 1, 'b', 0.5` } });
      expect(await diff(dupSql)).toMatchObject({ add: 0, rejected: { null_key: 0, duplicate_key: 2 } });
      const q = (n: string): string => wh.dialect.quoteIdentifier(n);
      const rejected = await wh.query(`SELECT ${q('row')} FROM ${wh.dialect.relation({ schema: stateSchema, name: 'dup_sql__rejects' })}`);
      expect(rejected.rows.map((r) => (r['row'] as Row)['name']).sort()).toEqual(['a', 'b']);
      const onlyRemoves: PlanBatch[] = [];
      for await (const b of readPlan(wh, s, { schema: stateSchema, ops: ['remove'] })) onlyRemoves.push(b);
      expect(onlyRemoves.map((b) => b.rows.length)).toEqual([2]);
    });

    it('fails with the sync named, keeping ABORTED for a cancelled diff and WAREHOUSE for a missing source', async () => {
      await people([[1, 'ann', 1]]);
      const aborted = await computeDiff(wh, spec(), { logger: silentLogger, schema: stateSchema, signal: AbortSignal.abort() }).catch((e: unknown) => e);
      expect(aborted).toMatchObject({ code: 'ABORTED' });
      const missing = await diff(spec({ source: { relation: src('no_such_table') } })).catch((e: unknown) => e);
      expect(missing).toMatchObject({ code: 'WAREHOUSE' });
      expect((missing as Error).message).toMatch(/^sync people_sync: computing the diff failed: /);
      await expect(recordOutcomes(wh, 'people_sync', [{ key: '1', op: 'add', hash: null, ok: true }], { runId: 'r', logger: silentLogger, schema: stateSchema })).rejects.toMatchObject({
        code: 'USAGE',
      });
    });

    it('keeps syncs apart and records the last outcome of a key given twice', async () => {
      await people([[1, 'ann', 1]]);
      await deliver(spec());
      expect(await diff(spec({ sync: 'other' }))).toMatchObject({ add: 1 });
      const [row] = rowsOf(await planOf(spec({ sync: 'other' })));
      const recorded = await recordOutcomes(
        wh,
        'other',
        [
          { key: row!.key, op: row!.op, hash: row!.hash, ok: false, error: 'first try' },
          { key: row!.key, op: row!.op, hash: row!.hash, ok: true },
        ],
        { runId: 'r2', logger: silentLogger, schema: stateSchema },
      );
      expect(recorded).toEqual({ succeeded: 1, failed: 0 });
      expect(await state('other')).toEqual([{ key: '1', delivered_hash: row!.hash, failed_hash: null, error: null, attempts: 0, run_id: 'r2' }]);
      expect(await diff(spec())).toMatchObject({ add: 0 });
    });
  });
}
