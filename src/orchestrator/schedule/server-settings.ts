/**
 * basin.yml `server:`: settings of `basin serve` that belong in the project.
 *
 * ```yaml
 * server:
 *   url: https://basin.example.com     # how people reach the server: links in alerts (default http://127.0.0.1:<port>)
 *   freshness_check: "*\/15 * * * *"    # cron (UTC) of freshness checks; `off` to disable
 * ```
 */
import path from 'node:path';
import { z } from 'zod';
import { readYamlFile, type YamlFile } from '../../config/yaml-file.js';
import { zodIssuesToConfigError } from '../../config/zod-issues.js';
import { DEFAULT_FRESHNESS_SCHEDULE } from '../freshness/freshness-check.js';
import { cronSchedule, CronScheduleError } from '../jobs/cron-schedule.js';

export interface ServerSettings {
  /** Base URL for links, without a trailing slash; undefined = the server's own address. */
  url?: string | undefined;
  /** Cron of freshness checks; undefined = off. */
  freshnessCheck?: string | undefined;
}

const serverSchema = z
  .strictObject({
    url: z
      .string()
      .regex(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    freshness_check: z.string().min(1).default(DEFAULT_FRESHNESS_SCHEDULE),
  })
  .superRefine((s, ctx) => {
    if (s.freshness_check === 'off') return;
    try {
      cronSchedule(s.freshness_check, 'UTC');
    } catch (err) {
      if (!(err instanceof CronScheduleError)) throw err;
      ctx.addIssue({ code: 'custom', path: ['freshness_check'], message: err.message });
    }
  });

/** Validates basin.yml's `server:` (absent = defaults). */
export function parseServerSettings(raw: unknown, yaml?: YamlFile): ServerSettings {
  const parsed = serverSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const file: YamlFile = yaml ?? { file: 'basin.yml', value: undefined, lineOf: () => undefined, locationOf: () => ({ file: 'basin.yml' }) };
    throw zodIssuesToConfigError(parsed.error.issues, { yaml: file, input: raw, schema: serverSchema, basePath: ['server'] });
  }
  return { url: parsed.data.url, freshnessCheck: parsed.data.freshness_check === 'off' ? undefined : parsed.data.freshness_check };
}

/** parseServerSettings, re-reading `basinYml` (absolute path) for line numbers when it is invalid. */
export async function loadServerSettings(raw: unknown, basinYml?: string): Promise<ServerSettings> {
  try {
    return parseServerSettings(raw);
  } catch (err) {
    if (!basinYml) throw err;
    return parseServerSettings(raw, await readYamlFile(basinYml, path.basename(basinYml)));
  }
}
