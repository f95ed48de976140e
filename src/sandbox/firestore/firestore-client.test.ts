import { Firestore, GeoPoint, Timestamp } from '@google-cloud/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoogleOAuthFake } from '../google/google-oauth-fake.js';
import { sandboxServiceAccountKey } from '../google/sandbox-service-account.js';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { createStripeFake } from '../stripe/stripe-fake.js';
import { documentsOf, queryAll, runQuery } from '../test-support/firestore-call.js';
import { createFirestoreFake } from './firestore-fake.js';

let sandbox: Sandbox;
let db: Firestore;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, scale: 0.1, vendors: [(c) => createGoogleOAuthFake(c), (c) => createFirestoreFake(c), (c) => createStripeFake(c)] });
  const key = sandboxServiceAccountKey(sandbox.baseUrl('google-oauth'));
  db = new Firestore({
    projectId: key.project_id,
    host: new URL(sandbox.url).host,
    ssl: false,
    preferRest: true,
    credentials: { client_email: key.client_email, private_key: key.private_key },
  });
});
afterAll(async () => {
  await db?.terminate();
  await sandbox.close();
});

describe('firestore fake with @google-cloud/firestore (REST transport)', () => {
  it('where(...).get() returns the sandbox documents unchanged', async () => {
    const org = sandbox.company.organization(2);
    const snap = await db.collection('users').where('organizationId', '==', org.id).get();
    const raw = documentsOf(await runQuery(sandbox.baseUrl('firestore'), {
      from: [{ collectionId: 'users' }],
      where: { fieldFilter: { field: { fieldPath: 'organizationId' }, op: 'EQUAL', value: { stringValue: org.id } } },
    }));
    expect(snap.docs.map((d) => d.ref.path)).toEqual(raw.map((d) => d.name.split('/documents/')[1]));
    const owner = snap.docs.find((d) => d.id === sandbox.company.user(2, 0).id);
    const data = owner?.data() ?? {};
    expect(data['email']).toBe(sandbox.company.user(2, 0).email);
    expect(data['roles']).toEqual(['owner', 'admin']);
    expect(data['createdAt']).toBeInstanceOf(Timestamp);
    expect((data['createdAt'] as Timestamp).toMillis()).toBe(sandbox.company.user(2, 0).createdAt);
    expect((data['organization'] as { path: string }).path).toBe(`organizations/${org.id}`);
    expect(data['photoUrl']).toBeNull();
    expect(owner?.updateTime.toMillis()).toBe((data['updatedAt'] as Timestamp).toMillis());
  });

  it('a collection-group query and a document get', async () => {
    const snap = await db.collectionGroup('collections').orderBy('__name__').get();
    const raw = await queryAll(sandbox.baseUrl('firestore'), 'collections', true);
    expect(snap.docs.map((d) => d.ref.path)).toEqual(raw.map((d) => d.name.split('/documents/')[1]));
    const first = snap.docs[0];
    expect(first?.get('space').path).toBe(first?.ref.parent.parent?.path);
    const space = await db.doc(first?.ref.parent.parent?.path ?? '').get();
    expect(space.exists).toBe(true);
    expect(Buffer.isBuffer(space.get('icon'))).toBe(true);
    expect(typeof space.get('storageGb')).toBe('number');
    const withOffice = (await db.collection('spaces').get()).docs.find((d) => d.get('office') !== undefined);
    expect(withOffice?.get('office')).toBeInstanceOf(GeoPoint);
  });

  it('listCollections and getAll (listCollectionIds and batchGet)', async () => {
    expect((await db.listCollections()).map((c) => c.id)).toEqual(['organizations', 'spaces', 'users']);
    const org = sandbox.company.organization(1);
    const [found, missing] = await db.getAll(db.doc(`organizations/${org.id}`), db.doc('organizations/nope'));
    expect(found?.get('name')).toBe(org.name);
    expect(found?.get('owner').path).toBe(`users/${sandbox.company.user(1, 0).id}`);
    expect(missing?.exists).toBe(false);
  });
});
