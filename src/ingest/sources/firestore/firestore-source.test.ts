import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { organizationDeletedAt } from '../../../sandbox/company/crm-facts.js';
import { createFirestoreFake } from '../../../sandbox/firestore/firestore-fake.js';
import { createGoogleOAuthFake } from '../../../sandbox/google/google-oauth-fake.js';
import { sandboxServiceAccountKey } from '../../../sandbox/google/sandbox-service-account.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import { queryAll } from '../../../sandbox/test-support/firestore-call.js';
import type { RecordsBatch, Source, Stream, StreamState } from '../../source.js';
import { firestoreConfigSchema } from './firestore-config.js';
import { decodeValue, documentRecord } from './firestore-decode.js';
import { createFirestoreSource } from './firestore-source.js';

type Obj = Record<string, unknown>;
const context = { projectDir: '/tmp', connection: 'firestore', streams: {}, logger: silentLogger };
const COLLECTIONS = [
  { name: 'users', updated_at_field: 'updatedAt' },
  { name: 'organizations', updated_at_field: 'updatedAt' },
  { name: 'spaces' },
  { name: 'collections', collection_group: true, table: 'space_collections' },
];

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 4, scale: 0.1, vendors: [(c) => createGoogleOAuthFake(c), (c) => createFirestoreFake(c)] });
});
afterAll(async () => {
  await sandbox.close();
});

function config(extra: Obj = {}): Obj {
  return {
    project_id: 'basin-sandbox',
    credentials: JSON.stringify(sandboxServiceAccountKey(sandbox.baseUrl('google-oauth'))),
    base_url: sandbox.baseUrl('firestore'),
    collections: COLLECTIONS,
    page_size: 40,
    rate_limit: { requests: 10_000 },
    ...extra,
  };
}

function open(extra: Obj = {}): Source {
  return createFirestoreSource({ retry: { baseDelayMs: 1, maxDelayMs: 5 } }).create(firestoreConfigSchema.parse(config(extra)), context);
}

async function streamsOf(source: Source): Promise<Map<string, Stream>> {
  return new Map((await source.streams(new AbortController().signal)).map((s) => [s.definition.name, s]));
}

async function read(stream: Stream, state?: StreamState): Promise<RecordsBatch[]> {
  const out: RecordsBatch[] = [];
  for await (const b of stream.read({ state, fullRefresh: false, signal: new AbortController().signal, logger: silentLogger })) {
    if (b.kind !== 'records') throw new Error('expected records');
    out.push(b);
  }
  return out;
}

const records = (batches: RecordsBatch[]) => batches.flatMap((b) => b.records);
const paths = (batches: RecordsBatch[]) => records(batches).map((r) => String(r['_path']));
const fake = async (collectionId: string, group = false) => (await queryAll(sandbox.baseUrl('firestore'), collectionId, group)).map((d) => documentRecord(d as unknown as Obj));

describe('firestore source', () => {
  it('validates config: collections, credentials, duplicate tables', () => {
    const bad = (extra: Obj) => firestoreConfigSchema.safeParse(config(extra)).error?.issues.map((i) => i.path.join('.'));
    expect(bad({ collections: [] })).toEqual(['collections']);
    expect(bad({ credentials: 'not json' })).toEqual(['credentials']);
    expect(bad({ credentials: { client_email: 'x' } })).toEqual(['credentials']);
    expect(bad({ collections: [{ name: 'spaces/abc' }] })).toEqual(['collections.0.name']);
    expect(bad({ collections: [{ name: 'users' }, { name: 'users', collection_group: true }] })).toEqual(['collections.1.name']);
    const parsed = firestoreConfigSchema.parse(config({ collections: [{ name: 'userProfiles', lookback: '10m' }] }));
    expect(parsed.database).toBe('(default)');
    expect(parsed.collections[0]?.lookback).toBe(600_000);
  });

  it('declares one stream per collection', async () => {
    const defs = [...(await streamsOf(open())).values()].map((s) => s.definition);
    expect(defs.map((d) => [d.name, d.write, d.cursorField, d.primaryKey])).toEqual([
      ['users', 'merge', 'updatedAt', ['_path']],
      ['organizations', 'merge', 'updatedAt', ['_path']],
      ['spaces', 'replace', undefined, ['_path']],
      ['space_collections', 'replace', undefined, ['_path']],
    ]);
  });

  it('decodes every value type', () => {
    expect(decodeValue({ nullValue: 'NULL_VALUE' })).toBeNull();
    expect(decodeValue({ booleanValue: false })).toBe(false);
    expect(decodeValue({ integerValue: '42' })).toBe(42);
    expect(decodeValue({ integerValue: '9223372036854775807' })).toBe('9223372036854775807');
    expect(decodeValue({ doubleValue: 1.5 })).toBe(1.5);
    expect(decodeValue({ doubleValue: 'NaN' })).toBe('NaN');
    expect(decodeValue({ timestampValue: '2025-01-02T03:04:05.678Z' })).toBe('2025-01-02T03:04:05.678Z');
    expect(decodeValue({ bytesValue: 'AQID' })).toBe('AQID');
    expect(decodeValue({ referenceValue: 'projects/p/databases/(default)/documents/a/b' })).toBe('projects/p/databases/(default)/documents/a/b');
    expect(decodeValue({ geoPointValue: { latitude: 1.5 } })).toEqual({ latitude: 1.5, longitude: 0 });
    expect(decodeValue({ arrayValue: {} })).toEqual([]);
    expect(decodeValue({ arrayValue: { values: [{ stringValue: 'a' }, { mapValue: { fields: { b: { integerValue: '1' } } } }] } })).toEqual(['a', { b: 1 }]);
  });

  it('checks access with a limit-1 query; bad keys and other projects fail without echoing secrets', async () => {
    const signal = new AbortController().signal;
    expect(await open().check(signal)).toMatchObject({ ok: true });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const key = { ...sandboxServiceAccountKey(sandbox.baseUrl('google-oauth')), private_key: other };
    const bad = await open({ credentials: key }).check(signal);
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('invalid_grant');
    expect(bad.message).not.toContain(other.slice(40, 80));
    const denied = await open({ project_id: 'someone-else' }).check(signal);
    expect(denied).toEqual({ ok: false, message: 'Firestore refused access (403): grant the service account roles/datastore.viewer on project someone-else' });
  });

  it('reads collections and groups as the fake serves them, then only changes, and replaces away deleted spaces', async () => {
    const streams = await streamsOf(open());
    const users = await read(streams.get('users')!);
    const expectedUsers = await fake('users');
    expect(paths(users).sort()).toEqual(expectedUsers.map((r) => String(r['_path'])).sort());
    const owner = records(users).find((r) => r['_id'] === sandbox.company.user(1, 0).id) as Obj;
    expect(owner).toEqual(expectedUsers.find((r) => r['_id'] === owner['_id']));
    expect(owner).toMatchObject({ email: sandbox.company.user(1, 0).email, roles: ['owner', 'admin'], flags: { onboarded: expect.any(Boolean) } });
    expect(typeof owner['loginCount']).toBe('number');
    const spaces = await read(streams.get('spaces')!);
    expect(records(spaces)).toEqual(await fake('spaces'));
    expect(spaces.at(-1)?.state).toEqual({});
    const group = await read(streams.get('space_collections')!);
    expect(records(group)).toEqual(await fake('collections', true));
    const space = records(spaces).find((r) => r['office'] !== undefined);
    expect(space?.['office']).toEqual({ latitude: expect.any(Number), longitude: expect.any(Number) });
    expect(records(spaces).some((r) => r['quotaBytes'] === '9223372036854775807' || typeof r['quotaBytes'] === 'number')).toBe(true);

    // Advance past a deletion: incremental users see only changed documents; spaces drop the deleted ones.
    const c = sandbox.company;
    const now = sandbox.clock.now();
    const deletions = Array.from({ length: c.countAt(now) }, (_, i) => organizationDeletedAt(c, i)).filter((t): t is number => t !== undefined && t > now);
    const step = Math.min(...deletions) - now + 1;
    const cursor = users.at(-1)?.state as { cursor: { value: { timestampValue: string } } };
    sandbox.advance(step);
    const since = Date.parse(cursor.cursor.value.timestampValue);
    const changed = (await fake('users')).filter((r) => Date.parse(String(r['updatedAt'])) > since);
    expect(changed.length).toBeGreaterThan(0);
    const next = await read(streams.get('users')!, users.at(-1)?.state);
    expect(records(next)).toEqual([...changed].sort((a, b) => Date.parse(String(a['updatedAt'])) - Date.parse(String(b['updatedAt'])) || (String(a['_path']) < String(b['_path']) ? -1 : 1)));
    expect(records(next).some((r) => r['disabled'] === true)).toBe(true);
    expect(await read(streams.get('users')!, next.at(-1)?.state)).toEqual([]);
    const spacesAfter = await read(streams.get('spaces')!);
    expect(records(spacesAfter)).toEqual(await fake('spaces'));
    expect(paths(spaces).filter((p) => !paths(spacesAfter).includes(p)).length).toBeGreaterThan(0);
    // A lookback re-reads the overlap (merge makes it harmless).
    const overlap = await read((await streamsOf(open({ collections: [{ name: 'users', updated_at_field: 'updatedAt', lookback: '400d' }] }))).get('users')!, next.at(-1)?.state);
    expect(records(overlap).length).toBeGreaterThan(records(next).length);
  });

  it('resumes a full read from its checkpoint', async () => {
    const stream = (await streamsOf(open())).get('space_collections')!;
    const all = await read(stream);
    expect(all.length).toBeGreaterThan(2);
    const resumed = await read(stream, all[0]?.state);
    expect(paths(resumed)).toEqual(paths(all).slice(all[0]?.records.length));
  });

  it('retries queries whose connection drops mid-response', async () => {
    const stream = (await streamsOf(open())).get('spaces')!;
    const clean = await read(stream);
    sandbox.faults.set({ firestore: { stall: 0.4, stallSeconds: 0 } });
    try {
      expect(records(await read(stream))).toEqual(records(clean));
    } finally {
      sandbox.faults.reset();
    }
  });
});
