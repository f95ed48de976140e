import { z } from 'zod';
import { parseDuration } from '../../http/duration.js';

/**
 * The `config:` block of a `type: rest` connection: base URL, auth, rate
 * limit, retries, a default paginator and the resources (one stream each).
 */

/** A duration: `30s`, `15m`, `1h`, `2d`, `500ms`, or a number of seconds. Parsed to milliseconds. */
const duration = z
  .union([z.string(), z.number()])
  .refine((v) => parseDuration(v) !== undefined, { message: 'expected a duration such as 30s, 15m, 1h or 2d' })
  .transform((v) => parseDuration(v) ?? 0);

const location = z.enum(['query', 'body']).optional();
const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** Paginator settings (see docs/sources/rest.md). */
export const paginatorSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z
    .strictObject({
      type: z.literal('cursor'),
      param: z.string().min(1),
      cursor_path: z.string().optional(),
      from_last_item: z.string().optional(),
      has_more_path: z.string().optional(),
      in: location,
    })
    .refine((p) => p.cursor_path !== undefined || p.from_last_item !== undefined, {
      message: 'a cursor paginator needs cursor_path (where the next cursor is in the body) or from_last_item (a field of the last record)',
      path: ['cursor_path'],
    }),
  z.strictObject({ type: z.literal('page_token'), token_path: z.string().optional(), param: z.string().optional(), in: location }),
  z.strictObject({ type: z.literal('next_link'), path: z.string().optional() }),
  z.strictObject({
    type: z.literal('offset'),
    limit: z.number().int().positive(),
    offset_param: z.string().optional(),
    limit_param: z.string().optional(),
    total_path: z.string().optional(),
    start: z.number().int().nonnegative().optional(),
    in: location,
  }),
  z.strictObject({
    type: z.literal('page_number'),
    page_param: z.string().optional(),
    start: z.number().int().nonnegative().optional(),
    size: z.number().int().positive().optional(),
    size_param: z.string().optional(),
    total_pages_path: z.string().optional(),
    in: location,
  }),
]);
export type PaginatorConfig = z.infer<typeof paginatorSchema>;

const scopes = z.union([z.string(), z.array(z.string())]).transform((s) => (typeof s === 'string' ? s.split(/[\s,]+/).filter(Boolean) : s));

/** Auth settings; secrets arrive already resolved from `${env:VAR}`. */
export const authSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('bearer'), token: z.string().min(1) }),
  z.strictObject({ type: z.literal('basic'), username: z.string().min(1), password: z.string().optional() }),
  z.strictObject({
    type: z.literal('api_key'),
    name: z.string().min(1),
    value: z.string().min(1),
    in: z.enum(['header', 'query']).default('header'),
    prefix: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('oauth2_client_credentials'),
    token_url: z.url(),
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
    scopes: scopes.optional(),
    audience: z.string().optional(),
    client_auth: z.enum(['basic', 'body']).optional(),
  }),
  z.strictObject({
    type: z.literal('google_service_account'),
    /** The key file's JSON (as an object, or as a string from an env var). */
    credentials: z.union([z.string(), z.record(z.string(), z.unknown())]),
    scopes,
    subject: z.string().optional(),
    self_signed_jwt: z.boolean().optional(),
    token_url: z.url().optional(),
  }),
]);
export type AuthConfig = z.infer<typeof authSchema>;

/** Incremental reads on a cursor field. */
export const cursorSchema = z.strictObject({
  /** Record field holding the cursor (dotted). */
  field: z.string().min(1),
  /** Request parameter that receives the lower bound; without it the cursor is only tracked. */
  param: z.string().optional(),
  in: location,
  lookback: duration.optional(),
  initial_value: z.union([z.string(), z.number()]).optional(),
  format: z.enum(['auto', 'iso', 'unix', 'unix_ms', 'raw']).optional(),
  /** The API returns records in ascending cursor order (the cursor may then advance on every page). */
  ordered: z.boolean().optional(),
});

/** One resource: an endpoint listing records, loaded as one stream. */
export const resourceSchema = z.strictObject({
  /** Path under base_url; `{parent.field}` placeholders make it a child of resource `parent`. */
  path: z.string().min(1),
  method: z.enum(['GET', 'POST']).default('GET'),
  params: z.record(z.string(), z.union([scalar, z.array(scalar)])).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** JSON body (POST search endpoints). */
  body: z.record(z.string(), z.unknown()).optional(),
  /** Dotted path of the record list in the response; empty for a top-level array. */
  records: z.string().default(''),
  primary_key: z.union([z.string(), z.array(z.string())]).transform((k) => (typeof k === 'string' ? [k] : k)).default([]),
  cursor: cursorSchema.optional(),
  write: z.enum(['append', 'replace', 'merge']).optional(),
  paginator: paginatorSchema.optional(),
  /** Parent fields copied into each child record as `_<parent>_<field>`. */
  include_from_parent: z.array(z.string()).optional(),
  max_nesting_depth: z.number().int().nonnegative().optional(),
});
export type ResourceConfig = z.infer<typeof resourceSchema>;

/** The whole `config:` block. */
export const restConfigSchema = z
  .strictObject({
    base_url: z.url(),
    headers: z.record(z.string(), z.string()).optional(),
    params: z.record(z.string(), z.union([scalar, z.array(scalar)])).optional(),
    auth: authSchema.optional(),
    rate_limit: z
      .strictObject({
        requests: z.number().int().positive(),
        per_seconds: z.number().positive().default(1),
        burst: z.number().int().positive().optional(),
      })
      .optional(),
    timeout: duration.optional(),
    idle_timeout: duration.optional(),
    retry: z
      .strictObject({
        max_attempts: z.number().int().positive().optional(),
        max_elapsed: duration.optional(),
        base_delay: duration.optional(),
        max_delay: duration.optional(),
      })
      .optional(),
    paginator: paginatorSchema.optional(),
    resources: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'resource names are table names: letters, digits and _'), resourceSchema),
  })
  .superRefine((config, ctx) => {
    const names = Object.keys(config.resources);
    if (names.length === 0) ctx.addIssue({ code: 'custom', path: ['resources'], message: 'at least one resource is required' });
    for (const [name, resource] of Object.entries(config.resources)) {
      const parents = new Set(placeholders(resource.path).map((p) => p.resource));
      if (parents.size > 1) {
        ctx.addIssue({ code: 'custom', path: ['resources', name, 'path'], message: `placeholders must all name one parent resource (found ${[...parents].join(', ')})` });
      }
      for (const parent of parents) {
        if (parent === name) ctx.addIssue({ code: 'custom', path: ['resources', name, 'path'], message: 'a resource cannot be its own parent' });
        else if (!config.resources[parent]) {
          ctx.addIssue({ code: 'custom', path: ['resources', name, 'path'], message: `unknown parent resource '${parent}' (resources: ${names.join(', ')})` });
        }
      }
      if (resource.write === 'merge' && resource.primary_key.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['resources', name, 'primary_key'], message: 'write: merge needs a primary_key' });
      }
    }
    for (const name of names) {
      const seen = new Set<string>();
      for (let current: string | undefined = name; current; current = parentOf(config.resources[current]?.path ?? '')) {
        if (seen.has(current)) {
          ctx.addIssue({ code: 'custom', path: ['resources', name, 'path'], message: `parent/child resources form a cycle (${[...seen].join(' -> ')})` });
          break;
        }
        seen.add(current);
      }
    }
  });
export type RestConfig = z.infer<typeof restConfigSchema>;

/** A `{resource.field}` placeholder in a resource path. */
export interface PathPlaceholder {
  text: string;
  resource: string;
  field: string;
}

/** The placeholders of `path`, in order. */
export function placeholders(path: string): PathPlaceholder[] {
  return [...path.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\.([^{}]+)\}/g)].map((m) => ({ text: m[0], resource: m[1] ?? '', field: m[2] ?? '' }));
}

/** The parent resource a path refers to, if any. */
export function parentOf(path: string): string | undefined {
  return placeholders(path)[0]?.resource;
}
