import { z } from 'zod';
import { googleCredentialsSchema } from '../../http/auth/google-credentials-schema.js';
import { parseDuration } from '../../http/duration.js';

/**
 * The `config:` block of a `type: firestore` connection. `credentials` is a
 * service-account key (the JSON key file as an object, or its text; secret:
 * pass it as `${env:VAR}`); its `token_uri` is honoured. Each entry of
 * `collections` becomes one stream: a top-level collection (`users`), a
 * collection under a document (`spaces/abc/collections`), or with
 * `collection_group: true` every collection of that id at any depth.
 */

const credentials = googleCredentialsSchema;

const lookback = z
  .union([z.string(), z.number()])
  .refine((v) => parseDuration(v) !== undefined, { message: 'expected a duration such as 10m, 1h or 30s' })
  .transform((v) => parseDuration(v) ?? 0);

/** A collection path has an odd number of segments: `users`, `spaces/abc/collections`. */
const collectionPath = z
  .string()
  .regex(/^[^/]+(\/[^/]+\/[^/]+)*$/, 'expected a collection id or path such as users or spaces/abc/collections');

const collection = z.strictObject({
  name: collectionPath,
  /** Every collection with this id, at any depth (a collection-group query); `name` is then a collection id. */
  collection_group: z.boolean().default(false),
  /** A field every write sets (a timestamp such as `updatedAt`): the stream reads changes since the last run and merges. */
  updated_at_field: z.string().min(1).optional(),
  /** Re-read this much before the saved cursor, for writers whose clocks lag (default 0). */
  lookback: lookback.default(0),
  /** Table name (default: the collection id in snake_case). */
  table: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a table name').optional(),
});

const rateLimit = z.strictObject({
  requests: z.number().int().positive().default(100),
  interval_seconds: z.number().positive().default(1),
});

export const firestoreConfigSchema = z
  .strictObject({
    project_id: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'expected a Google Cloud project id'),
    database: z.string().min(1).default('(default)'),
    credentials,
    base_url: z.url().default('https://firestore.googleapis.com'),
    collections: z.array(collection).min(1),
    page_size: z.number().int().min(1).max(10_000).default(500),
    rate_limit: rateLimit.default({ requests: 100, interval_seconds: 1 }),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.collections.forEach((c, k) => {
      if (c.collection_group && c.name.includes('/')) {
        ctx.addIssue({ code: 'custom', path: ['collections', k, 'name'], message: 'a collection group is named by its collection id only' });
      }
      const table = tableName(c);
      if (seen.has(table)) ctx.addIssue({ code: 'custom', path: ['collections', k, 'name'], message: `two collections load into table ${table}; set table:` });
      seen.add(table);
    });
  });
export type FirestoreConfig = z.infer<typeof firestoreConfigSchema>;
export type FirestoreCollectionConfig = FirestoreConfig['collections'][number];

/** The table a collection loads into: `table`, else its id in snake_case. */
export function tableName(c: { name: string; table?: string | undefined }): string {
  const id = c.table ?? c.name.split('/').pop() ?? c.name;
  return id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[^a-z0-9_]/g, '_');
}
