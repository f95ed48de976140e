/** The Firestore fake: REST v1 reads of the product database (users, organizations, spaces and their collections). */
export { createFirestoreFake, FIRESTORE_ROOT_PATH, FIRESTORE_SCOPES, type FirestoreFakeOptions } from './firestore-fake.js';
export type { FirestoreDocument, FirestoreValue } from './firestore-values.js';
