/**
 * Syncs: one `syncs/<name>.yml` per sync, validated into SyncConfigs. Errors
 * name the file, line and key. Whether the model and destination exist is
 * checked where the project is assembled (the asset graph, the activate
 * engine), which know them.
 */
import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { resolveConnectionEnv } from './connection-env.js';
import type { EnvMap } from './env-interpolation.js';
import { readProjectYamlFiles } from './project-yaml-files.js';
import type { ProjectConfig } from './project-config.js';
import { CONNECTION_NAME_PATTERN } from './sources-schema.js';
import type { SyncConfig, SyncFieldMapping } from './sync-config.js';
import { isPlainObject, type YamlFile } from './yaml-file.js';
import { zodIssuesToConfigError } from './zod-issues.js';

/** The folder of sync files, relative to the project root. */
export const SYNCS_DIR = 'syncs';

const toNumber = (v: unknown): unknown => (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v);
const text = z.string().min(1);
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'must be a column name (letters, digits, _)' });
const list = <T extends z.ZodTypeAny>(item: T) => z.union([item.transform((v) => [v]), z.array(item).min(1)]);
const CASTS = ['string', 'number', 'integer', 'boolean', 'date', 'timestamp'] as const;

const fieldMapping = z.union([
  identifier.transform((column): SyncFieldMapping => ({ kind: 'column', column })),
  z.strictObject({ column: identifier, cast: z.enum(CASTS).optional() }).transform((m): SyncFieldMapping => ({ kind: 'column', column: m.column, cast: m.cast })),
  z.strictObject({ constant: z.union([z.string(), z.number(), z.boolean(), z.null()]) }).transform((m): SyncFieldMapping => ({ kind: 'constant', value: m.constant })),
]);

const cron = z.string().refine((t) => [5, 6].includes(t.trim().split(/\s+/).filter(Boolean).length), { message: 'expected a cron expression with 5 fields (or 6, seconds first)' });

/** One `syncs/<name>.yml`. */
export const syncFileSchema = z
  .strictObject({
    model: text.optional(),
    sql: text.optional(),
    destination: z.string().regex(CONNECTION_NAME_PATTERN, { message: 'must name a file of destinations/ (lowercase letters, digits, _)' }),
    object: text,
    key: list(identifier),
    destination_key: text.optional(),
    mapping: z.record(text, fieldMapping).refine((m) => Object.keys(m).length > 0, { message: 'map at least one destination field' }),
    mode: z.enum(['upsert', 'update', 'insert', 'mirror']).default('upsert'),
    batch_size: z.preprocess(toNumber, z.number().int().min(1)).optional(),
    rate_limit: z.strictObject({ requests: z.preprocess(toNumber, z.number().positive()), per_seconds: z.preprocess(toNumber, z.number().positive()).default(1) }).optional(),
    max_remove_share: z.preprocess(toNumber, z.number().min(0).max(1)).default(0.5),
    schedule: cron.optional(),
    enabled: z.boolean().default(true),
    description: text.optional(),
    owner: text.optional(),
    tags: list(text).default([]),
  })
  .superRefine((s, ctx) => {
    if ((s.model === undefined) === (s.sql === undefined)) ctx.addIssue({ code: 'custom', path: ['model'], message: 'give exactly one of `model:` and `sql:`' });
  });

/** Reads every `syncs/*.yml|yaml`, sorted by name. `${env:...}` is allowed (e.g. in `object:`), secrets are not expected here. */
export async function loadSyncs(project: Pick<ProjectConfig, 'rootDir' | 'env'>, options: { env?: EnvMap | undefined } = {}): Promise<SyncConfig[]> {
  const env = options.env ?? project.env;
  const out: SyncConfig[] = [];
  for (const { name, yaml } of await readProjectYamlFiles(project.rootDir, SYNCS_DIR, 'sync')) out.push(parseSyncFile(yaml, { name, env }));
  return out;
}

/** Validates one parsed sync file. */
export function parseSyncFile(yaml: YamlFile, options: { name: string; env: EnvMap }): SyncConfig {
  const { name } = options;
  if (!CONNECTION_NAME_PATTERN.test(name) || name.includes('__') || name.length > 40) {
    throw new ConfigError(`sync name "${name}" (the file name) must be lowercase letters, digits and single underscores, at most 40 characters; rename the file`, {
      location: { file: yaml.file },
    });
  }
  if (!isPlainObject(yaml.value)) throw new ConfigError('expected a mapping with `model:`, `destination:`, `object:`, `key:` and `mapping:`', { location: { file: yaml.file, line: 1 } });
  const input = resolveConnectionEnv(yaml.value, [], options.env, yaml).value;
  const parsed = syncFileSchema.safeParse(input);
  if (!parsed.success) throw zodIssuesToConfigError(parsed.error.issues, { yaml, input, schema: syncFileSchema });
  const d = parsed.data;
  return {
    name,
    file: yaml.file,
    model: d.model,
    sql: d.sql,
    destination: d.destination,
    object: d.object,
    key: d.key,
    destinationKey: d.destination_key,
    mapping: Object.entries(d.mapping).map(([field, from]) => ({ field, from })),
    mode: d.mode,
    batchSize: d.batch_size,
    rateLimit: d.rate_limit ? { requests: d.rate_limit.requests, perSeconds: d.rate_limit.per_seconds } : undefined,
    maxRemoveShare: d.max_remove_share,
    schedule: d.schedule,
    enabled: d.enabled,
    description: d.description,
    owner: d.owner,
    tags: d.tags,
    locate: (keyPath) => yaml.locationOf(keyPath),
  };
}
