/** The Firestore connector (`type: firestore`). */
export { firestoreSource, createFirestoreSource, FIRESTORE_SCOPE, type FirestoreSourceOptions } from './firestore-source.js';
export { firestoreConfigSchema, tableName, type FirestoreConfig, type FirestoreCollectionConfig } from './firestore-config.js';
export { decodeValue, decodeFields, documentRecord } from './firestore-decode.js';
