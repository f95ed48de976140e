import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizationDeletedAt } from '../company/crm-facts.js';
import { DAY } from '../duration.js';
import { createGoogleOAuthFake } from '../google/google-oauth-fake.js';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { createStripeFake } from '../stripe/stripe-fake.js';
import { loadDiscoveryValidator } from '../test-support/discovery-validator.js';
import { documentsOf, FIRESTORE_ROOT, firestoreCall, queryAll, runQuery } from '../test-support/firestore-call.js';
import { createFirestoreFake } from './firestore-fake.js';
import { spaceId } from './firestore-ids.js';
import { collectionCount, collectionCreatedAt, spaceCreatedAt } from './firestore-lifecycle.js';
import type { FirestoreDocument, FirestoreValue } from './firestore-values.js';

const spec = loadDiscoveryValidator('firestore.v1');
let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, scale: 0.2, vendors: [(c) => createGoogleOAuthFake(c), (c) => createFirestoreFake(c), (c) => createStripeFake(c)] });
  base = sandbox.baseUrl('firestore');
});
afterAll(async () => {
  await sandbox.close();
});

const idOf = (d: FirestoreDocument): string => d.name.split('/').pop() ?? '';
const now = (): number => sandbox.clock.now();

/** User ids the company implies at `t`. */
function expectedUserIds(t: number): string[] {
  const c = sandbox.company;
  const out: string[] = [];
  for (let i = 0; i < c.countAt(t); i++) {
    const gone = organizationDeletedAt(c, i);
    for (let k = 0; k < c.organization(i).userCount; k++) {
      const u = c.user(i, k);
      if (u.createdAt <= t && (gone === undefined || u.createdAt < gone)) out.push(u.id);
    }
  }
  return out.sort();
}

/** Space ids that exist at `t`: created, organization not deleted. */
function expectedSpaceIds(t: number): string[] {
  const c = sandbox.company;
  const out: string[] = [];
  for (let i = 0; i < c.countAt(t); i++) {
    const gone = organizationDeletedAt(c, i);
    if (gone !== undefined && gone <= t) continue;
    for (let k = 0; k < c.organization(i).spaceCount; k++) if (spaceCreatedAt(c, i, k) <= t) out.push(spaceId(c.seed, i, k));
  }
  return out.sort();
}

describe('firestore fake', () => {
  it('runQuery pages users by name; documents match the discovery schema and the company', async () => {
    const users = await queryAll(base, 'users', false, 250);
    expect(users.map(idOf)).toEqual(expectedUserIds(now()));
    for (const d of users.slice(0, 50)) expect(spec.errors('Document', d)).toEqual([]);
    const c = sandbox.company;
    const owner = c.user(3, 0);
    const doc = users.find((d) => idOf(d) === owner.id);
    expect(doc?.fields).toMatchObject({
      email: { stringValue: owner.email },
      organizationId: { stringValue: c.organization(3).id },
      organization: { referenceValue: `${FIRESTORE_ROOT}/organizations/${c.organization(3).id}` },
      roles: { arrayValue: { values: [{ stringValue: 'owner' }, { stringValue: 'admin' }] } },
      createdAt: { timestampValue: new Date(owner.createdAt).toISOString().replace('.000Z', 'Z') },
      photoUrl: { nullValue: 'NULL_VALUE' },
    });
    expect(doc?.createTime).toBe(doc?.fields['createdAt']?.timestampValue);
    expect(doc?.updateTime).toBe(doc?.fields['updatedAt']?.timestampValue);
  });

  it('answers a JSON array of RunQueryResponse, a lone readTime when empty, and skippedResults for an offset', async () => {
    const empty = await runQuery(base, { from: [{ collectionId: 'users' }], where: { fieldFilter: { field: { fieldPath: 'email' }, op: 'EQUAL', value: { stringValue: 'nobody@example.com' } } } });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual([{ readTime: new Date(now()).toISOString().replace('.000Z', 'Z') }]);
    const skipped = await runQuery(base, { from: [{ collectionId: 'organizations' }], offset: 3, limit: 2 });
    expect(skipped.body).toHaveLength(2);
    expect(skipped.body[0]?.skippedResults).toBe(3);
    for (const item of skipped.body) expect(spec.errors('RunQueryResponse', item)).toEqual([]);
    const all = documentsOf(await runQuery(base, { from: [{ collectionId: 'organizations' }], limit: 5 }));
    expect(documentsOf(skipped).map((d) => d.name)).toEqual(all.slice(3, 5).map((d) => d.name));
  });

  it('represents every Firestore value type', async () => {
    const seen = new Set<string>();
    const walk = (v: FirestoreValue): void => {
      for (const k of Object.keys(v)) seen.add(k);
      v.arrayValue?.values?.forEach(walk);
      Object.values(v.mapValue?.fields ?? {}).forEach(walk);
    };
    for (const id of ['organizations', 'users', 'spaces']) {
      for (const d of documentsOf(await runQuery(base, { from: [{ collectionId: id }], limit: 40 }))) Object.values(d.fields).forEach(walk);
    }
    expect([...seen].sort()).toEqual(
      ['arrayValue', 'booleanValue', 'bytesValue', 'doubleValue', 'geoPointValue', 'integerValue', 'mapValue', 'nullValue', 'referenceValue', 'stringValue', 'timestampValue'],
    );
    const spaces = await queryAll(base, 'spaces');
    expect(spaces.map(idOf)).toEqual(expectedSpaceIds(now()));
    expect(spaces.some((d) => d.fields['quotaBytes']?.integerValue === '9223372036854775807')).toBe(true);
  });

  it('a collection-group query returns every space subcollection, each equal to the subcollection query', async () => {
    const group = await queryAll(base, 'collections', true, 100);
    const c = sandbox.company;
    let expected = 0;
    for (let i = 0; i < c.countAt(now()); i++) {
      const gone = organizationDeletedAt(c, i);
      if (gone !== undefined && gone <= now()) continue;
      for (let k = 0; k < c.organization(i).spaceCount; k++) {
        for (let m = 0; m < collectionCount(c, i, k); m++) if (collectionCreatedAt(c, i, k, m) <= now()) expected++;
      }
    }
    expect(group).toHaveLength(expected);
    expect(group.length).toBeGreaterThan(20);
    const names = group.map((d) => d.name);
    expect([...names].sort((a, b) => (a < b ? -1 : 1))).toEqual(names);
    const parent = group[0]?.name.split('/').slice(5, 7).join('/') ?? '';
    const sub = documentsOf(await runQuery(base, { from: [{ collectionId: 'collections' }] }, parent));
    expect(sub.map((d) => d.name)).toEqual(group.filter((d) => d.name.startsWith(`${FIRESTORE_ROOT}/${parent}/`)).map((d) => d.name));
    expect(sub[0]?.fields['space']).toEqual({ referenceValue: `${FIRESTORE_ROOT}/${parent}` });
    // Not a group query: no top-level `collections` collection.
    expect(documentsOf(await runQuery(base, { from: [{ collectionId: 'collections' }] }))).toEqual([]);
  });

  it('where updatedAt > t orderBy updatedAt, __name__ pages with startAt cursors; advancing the clock reveals updates', async () => {
    const since = now() - 3 * DAY;
    const query = (startAt?: FirestoreValue[]) => ({
      from: [{ collectionId: 'users' }],
      where: { compositeFilter: { op: 'AND', filters: [
        { fieldFilter: { field: { fieldPath: 'updatedAt' }, op: 'GREATER_THAN', value: { timestampValue: new Date(since).toISOString() } } },
        { fieldFilter: { field: { fieldPath: 'createdAt' }, op: 'LESS_THAN', value: { timestampValue: new Date(since).toISOString() } } },
      ] } },
      orderBy: [{ field: { fieldPath: 'updatedAt' } }, { field: { fieldPath: '__name__' } }],
      ...(startAt ? { startAt: { values: startAt, before: false } } : {}),
      limit: 40,
    });
    const read = async (): Promise<FirestoreDocument[]> => {
      const out: FirestoreDocument[] = [];
      for (;;) {
        const last = out[out.length - 1];
        const page = documentsOf(await runQuery(base, query(last ? [last.fields['updatedAt'] as FirestoreValue, { referenceValue: last.name }] : undefined)));
        out.push(...page);
        if (page.length < 40) return out;
      }
    };
    const before = await read();
    const all = await queryAll(base, 'users');
    const expected = all.filter((d) => Date.parse(d.updateTime) > since && Date.parse(d.createTime) < since);
    expect(before.map((d) => d.name).sort()).toEqual(expected.map((d) => d.name).sort());
    const keys = before.map((d) => `${d.updateTime}|${d.name}`);
    expect(keys).toEqual([...keys].sort());
    expect(before.length).toBeGreaterThan(3);
    sandbox.advance({ days: 2 });
    const after = await read();
    const changed = after.filter((d) => Date.parse(d.updateTime) > now() - 2 * DAY);
    expect(changed.length).toBeGreaterThan(0);
    for (const d of changed) {
      const old = all.find((o) => o.name === d.name);
      if (old) expect(Number(d.fields['loginCount']?.integerValue)).toBeGreaterThan(Number(old.fields['loginCount']?.integerValue));
    }
  });

  it('deletes a churned organization\'s spaces and collections, disables its users and soft-deletes the organization', async () => {
    const c = sandbox.company;
    let target = -1;
    for (let i = 0; i < c.countAt(now()) && target < 0; i++) {
      const gone = organizationDeletedAt(c, i);
      if (gone !== undefined && gone > now()) target = i;
    }
    expect(target).toBeGreaterThanOrEqual(0);
    const gone = organizationDeletedAt(c, target) as number;
    const space = `${FIRESTORE_ROOT}/spaces/${spaceId(c.seed, target, 0)}`;
    const org = `${FIRESTORE_ROOT}/organizations/${c.organization(target).id}`;
    expect((await firestoreCall(base, 'GET', space)).status).toBe(200);
    const live = await firestoreCall<FirestoreDocument>(base, 'GET', org);
    expect(live.body.fields['deletedAt']).toEqual({ nullValue: 'NULL_VALUE' });
    sandbox.advance(gone - now());
    const missing = await firestoreCall<{ error: { code: number; status: string; message: string } }>(base, 'GET', space);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: 404, status: 'NOT_FOUND', message: `Document "${space}" not found.` });
    const dead = await firestoreCall<FirestoreDocument>(base, 'GET', org);
    expect(dead.body.fields['deletedAt']?.timestampValue).toBe(dead.body.updateTime);
    expect(Date.parse(dead.body.updateTime)).toBe(gone);
    const owner = await firestoreCall<FirestoreDocument>(base, 'GET', `${FIRESTORE_ROOT}/users/${c.user(target, 0).id}`);
    expect(owner.body.fields['disabled']).toEqual({ booleanValue: true });
    expect((await queryAll(base, 'spaces')).map(idOf)).toEqual(expectedSpaceIds(now()));
    const group = await queryAll(base, 'collections', true);
    expect(group.some((d) => d.name.startsWith(`${space}/`))).toBe(false);
    // A read at a past time still sees the space.
    const past = await firestoreCall<Array<{ found?: FirestoreDocument }>>(base, 'POST', `${FIRESTORE_ROOT}:batchGet`, { documents: [space], readTime: new Date(gone - 1).toISOString() });
    expect(past.body[0]?.found?.name).toBe(space);
    for (const item of past.body) expect(spec.errors('BatchGetDocumentsResponse', item)).toEqual([]);
    const nowRead = await firestoreCall<Array<{ missing?: string }>>(base, 'POST', `${FIRESTORE_ROOT}:batchGet`, { documents: [space] });
    expect(nowRead.body[0]?.missing).toBe(space);
  });

  it('lists documents with pageSize and pageToken, and collection ids', async () => {
    const all = await queryAll(base, 'organizations');
    const listed: string[] = [];
    let token = '';
    for (let n = 0; n < 100; n++) {
      const page = await firestoreCall<{ documents?: FirestoreDocument[]; nextPageToken?: string }>(base, 'GET', `${FIRESTORE_ROOT}/organizations?pageSize=15${token}`);
      expect(spec.errors('ListDocumentsResponse', page.body)).toEqual([]);
      listed.push(...(page.body.documents ?? []).map((d) => d.name));
      if (!page.body.nextPageToken) break;
      token = `&pageToken=${page.body.nextPageToken}`;
    }
    expect(listed).toEqual(all.map((d) => d.name));
    const desc = await firestoreCall<{ documents: FirestoreDocument[] }>(base, 'GET', `${FIRESTORE_ROOT}/organizations?pageSize=3&orderBy=createdAt%20desc&mask.fieldPaths=name`);
    expect(desc.body.documents.map((d) => Object.keys(d.fields))).toEqual([['name'], ['name'], ['name']]);
    const newest = [...all].sort((a, b) => Date.parse(b.createTime) - Date.parse(a.createTime)).slice(0, 3);
    expect(desc.body.documents.map((d) => d.name)).toEqual(newest.map((d) => d.name));
    const roots = await firestoreCall(base, 'POST', `${FIRESTORE_ROOT}:listCollectionIds`, {});
    expect(roots.body).toEqual({ collectionIds: ['organizations', 'spaces', 'users'] });
    expect(spec.errors('ListCollectionIdsResponse', roots.body)).toEqual([]);
    const group = await queryAll(base, 'collections', true);
    const parent = group[0]?.name.split('/').slice(0, 7).join('/') ?? '';
    expect((await firestoreCall(base, 'POST', `${parent}:listCollectionIds`, {})).body).toEqual({ collectionIds: ['collections'] });
  });

  it('answers Google errors: 401 without a credential, 403 for another project, 404 for another database, 400 for a bad query', async () => {
    const url = `${base}/v1/${FIRESTORE_ROOT}:runQuery`;
    const none = await fetch(url, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { status: string } }).error.status).toBe('UNAUTHENTICATED');
    const other = await firestoreCall<{ error: { status: string } }>(base, 'POST', 'projects/acme/databases/(default)/documents:runQuery', { structuredQuery: { from: [{ collectionId: 'users' }] } });
    expect([other.status, other.body.error.status]).toEqual([403, 'PERMISSION_DENIED']);
    const db = await firestoreCall<{ error: { status: string; message: string } }>(base, 'GET', 'projects/basin-sandbox/databases/prod/documents/users');
    expect([db.status, db.body.error.status]).toEqual([404, 'NOT_FOUND']);
    expect(db.body.error.message).toContain('The database prod does not exist for project basin-sandbox');
    const bad = await runQuery(base, { from: [{ collectionId: 'users' }], where: { fieldFilter: { field: { fieldPath: 'email' }, op: 'LIKE', value: { stringValue: 'x' } } } });
    expect(bad.status).toBe(400);
    const write = await firestoreCall<{ error: { status: string } }>(base, 'POST', `${FIRESTORE_ROOT}:commit`, { writes: [] });
    expect([write.status, write.body.error.status]).toEqual([403, 'PERMISSION_DENIED']);
  });

  it('is also served at the server root beside Stripe\'s /v1/, and renders injected faults in Google\'s format', async () => {
    const rooted = await firestoreCall<FirestoreDocument>(sandbox.url, 'GET', `${FIRESTORE_ROOT}/organizations/${sandbox.company.organization(0).id}`);
    expect(rooted.status).toBe(200);
    expect(rooted.body.fields['name']).toEqual({ stringValue: sandbox.company.organization(0).name });
    const stripe = await fetch(`${sandbox.url}/v1/customers`);
    expect(stripe.status).toBe(401);
    sandbox.faults.set({ firestore: { rateLimit: 1 } });
    try {
      const limited = await runQuery(base, { from: [{ collectionId: 'users' }], limit: 1 });
      expect(limited.status).toBe(429);
      expect((limited.body as unknown as { error: { status: string } }).error.status).toBe('RESOURCE_EXHAUSTED');
    } finally {
      sandbox.faults.reset();
    }
  });

  it('a malformed response carries one document with a number written as a string', async () => {
    const query = { from: [{ collectionId: 'spaces' }], limit: 9 };
    const clean = documentsOf(await runQuery(base, query));
    sandbox.faults.set({ firestore: { malformed: 1 } });
    try {
      const odd = documentsOf(await runQuery(base, query));
      const changed = odd.filter((d, k) => JSON.stringify(d) !== JSON.stringify(clean[k]));
      expect(changed).toHaveLength(1);
      expect(changed[0]?.fields['memberCount']).toEqual({ stringValue: clean[4]?.fields['memberCount']?.integerValue });
    } finally {
      sandbox.faults.reset();
    }
  });
});
