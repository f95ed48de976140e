/**
 * The zod schema of basin.yml's `run_store:` key: where the orchestrator keeps
 * run history. Absent means SQLite at `.basin/runs.sqlite`. Values may come
 * from `${env:...}` as strings, so numbers and booleans accept their spellings.
 *
 *   run_store: { type: sqlite, path: .basin/runs.sqlite }
 *   run_store: { type: postgres, connection_string: "${env:BASIN_RUNS_URL}", schema: basin_runs }
 *   run_store: { type: postgres, host: db, port: 5432, user: basin, password: "${env:PW}", database: ops }
 */
import { z } from 'zod';

const toNumber = (v: unknown): unknown => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v);
const toBoolean = (v: unknown): unknown => (v === 'true' ? true : v === 'false' ? false : v);

const sqlite = z.strictObject({
  type: z.literal('sqlite'),
  /** Relative to the project folder. */
  path: z.string().min(1).optional(),
  busy_timeout_ms: z.preprocess(toNumber, z.number().int().min(0).max(600_000)).optional(),
});

const postgres = z
  .strictObject({
    type: z.literal('postgres'),
    connection_string: z.string().min(1).optional(),
    host: z.string().min(1).optional(),
    port: z.preprocess(toNumber, z.number().int().min(1).max(65535)).optional(),
    user: z.string().min(1).optional(),
    password: z.string().optional(),
    database: z.string().min(1).optional(),
    ssl: z.preprocess(toBoolean, z.boolean()).optional(),
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lowercase identifier (letters, digits, underscores)' })
      .default('basin_runs'),
    pool_size: z.preprocess(toNumber, z.number().int().min(1).max(100)).optional(),
  })
  .superRefine((value, ctx) => {
    const fields = (['host', 'port', 'user', 'password', 'database'] as const).filter((k) => value[k] !== undefined);
    if (value.connection_string !== undefined && fields.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: [fields[0]!],
        message: 'give either connection_string or host/port/user/password/database, not both',
      });
    }
    if (value.connection_string === undefined) {
      for (const key of ['user', 'database'] as const) {
        if (value[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'required without connection_string' });
      }
    }
  });

/** `run_store:` of basin.yml. */
export const runStoreConfigSchema = z.discriminatedUnion('type', [sqlite, postgres]);

export type RunStoreConfig = z.output<typeof runStoreConfigSchema>;
export type SqliteRunStoreConfig = z.output<typeof sqlite>;
export type PostgresRunStoreConfig = z.output<typeof postgres>;
