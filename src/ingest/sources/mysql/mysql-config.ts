/**
 * The `config:` block of a `type: mysql` connection (MySQL or MariaDB).
 */
import { z } from 'zod';

/** Validates a mysql connection's config. */
export const mysqlConfigSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.coerce.number().int().min(1).max(65535).default(3306),
    user: z.string().min(1),
    password: z.string().optional(),
    /** The database read, discovered when `streams:` is empty, and of unqualified `table:` names. */
    database: z.string().min(1),
    /** `true` verifies the server certificate; `{ reject_unauthorized: false }` encrypts without verifying. */
    ssl: z
      .union([z.boolean(), z.object({ reject_unauthorized: z.boolean().optional(), ca: z.string().optional() }).strict()])
      .optional(),
    /** Rows per batch (checkpoint) unless a stream sets its own. */
    chunk_size: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
    connect_timeout_ms: z.coerce.number().int().min(1).default(10_000),
  })
  .strict();

/** A validated mysql config. */
export type MysqlConfig = z.output<typeof mysqlConfigSchema>;

/** `host:port/database`, the only way errors and messages name a connection. */
export function mysqlTarget(config: MysqlConfig): string {
  return `${config.host}:${config.port}/${config.database}`;
}
