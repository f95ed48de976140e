import { errorMessage } from '../../../core/errors.js';
import { googleServiceAccount } from '../../http/auth/google-service-account.js';
import { createHttpClient, type RetryOptions } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import type { Source, SourceFactory } from '../../source.js';
import { runQuery, targetOf, type FirestoreRuntime } from './firestore-api.js';
import { firestoreConfigSchema, type FirestoreConfig } from './firestore-config.js';
import { createCollectionStream } from './firestore-stream.js';

/** Read access to Firestore (Cloud Datastore scope, as Firestore's IAM roles use). */
export const FIRESTORE_SCOPE = 'https://www.googleapis.com/auth/datastore';

/** Settings that are not config (tests). */
export interface FirestoreSourceOptions {
  retry?: Partial<RetryOptions> | undefined;
}

/** A `type: firestore` factory; `firestoreSource` is the default one. */
export function createFirestoreSource(options: FirestoreSourceOptions = {}): SourceFactory<FirestoreConfig> {
  return {
    type: 'firestore',
    configSchema: firestoreConfigSchema,
    create(config, context): Source {
      const logger = context.logger;
      const client = createHttpClient({
        baseUrl: config.base_url,
        auth: googleServiceAccount({ key: config.credentials, scopes: [FIRESTORE_SCOPE] }),
        rateLimit: { requests: config.rate_limit.requests, intervalMs: config.rate_limit.interval_seconds * 1000 },
        retry: options.retry,
        logger,
      });
      const rt: FirestoreRuntime = {
        client,
        root: `projects/${config.project_id}/databases/${config.database}/documents`,
        pageSize: config.page_size,
        readRetry: { attempts: options.retry?.maxAttempts ?? 5, baseDelayMs: options.retry?.baseDelayMs ?? 500, maxDelayMs: options.retry?.maxDelayMs ?? 30_000 },
        logger,
      };
      const secrets = [config.credentials.private_key, config.credentials.private_key_id ?? ''].filter((s) => s.length >= 8);
      const hide = (text: string): string => secrets.reduce((t, s) => t.split(s).join('***'), text);
      return {
        type: 'firestore',
        async check(signal) {
          const first = config.collections[0];
          if (!first) return { ok: false, message: 'no collections configured' };
          try {
            const docs = await runQuery(rt, targetOf(first), { limit: 1 }, signal);
            return { ok: true, message: `Firestore reachable: ${config.project_id}/${config.database}, ${first.name} readable (${docs.length} document on a limit-1 query)` };
          } catch (err) {
            if (err instanceof HttpError && err.status === 401) return { ok: false, message: 'Firestore rejected the credentials (401): check the service-account key' };
            if (err instanceof HttpError && err.status === 403) return { ok: false, message: `Firestore refused access (403): grant the service account roles/datastore.viewer on project ${config.project_id}` };
            if (err instanceof HttpError && err.status === 404) return { ok: false, message: `Firestore database ${config.database} not found in project ${config.project_id} (404)` };
            return { ok: false, message: hide(errorMessage(err)) };
          }
        },
        async streams() {
          return config.collections.map((c) => createCollectionStream(rt, c));
        },
      };
    },
  };
}

/**
 * `type: firestore`: one stream per configured collection (or collection
 * group), incremental on an `updated_at_field` or fully refreshed.
 */
export const firestoreSource: SourceFactory<FirestoreConfig> = createFirestoreSource();
