/**
 * basin.yml `alerts:`: named channels, each a webhook (Slack-compatible
 * payload by default) with the events it wants and, optionally, the jobs it
 * listens to. Every alert is also a log line, channel or not. Validated with
 * zod; errors name `basin.yml`, the line when the file is given, and the key
 * path (`alerts.data_team.webhook`).
 */
import path from 'node:path';
import { z } from 'zod';
import { readYamlFile, type YamlFile } from '../../config/yaml-file.js';
import { zodIssuesToConfigError } from '../../config/zod-issues.js';

/** What can raise an alert. */
export const ALERT_EVENTS = ['run_failed', 'freshness_warn', 'freshness_error'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

/** One channel of `alerts:`. */
export interface AlertChannel {
  name: string;
  /** Where the payload is POSTed. A secret (Slack's URL holds a token): never logged. */
  webhook: string;
  /** `slack`: `{ text, blocks }` plus a `basin` object; `json`: the `basin` object alone. */
  format: 'slack' | 'json';
  on: ReadonlySet<AlertEvent>;
  /** Only runs of these jobs (run_failed); undefined = every job. Freshness alerts ignore it. */
  jobs?: readonly string[] | undefined;
}

const stringList = z.union([z.string().min(1).transform((s) => [s]), z.array(z.string().min(1)).min(1)]);

const channelSchema = z.strictObject({
  webhook: z
    .string()
    .min(1)
    .refine((v) => /^https?:\/\/[^\s]+$/.test(v), { message: 'must be an http(s) URL' }),
  format: z.enum(['slack', 'json']).default('slack'),
  on: z
    .union([z.enum(ALERT_EVENTS).transform((e) => [e]), z.array(z.enum(ALERT_EVENTS)).min(1)])
    .default(['run_failed', 'freshness_error']),
  jobs: stringList.optional(),
});

/** `alerts:`: channel name -> channel. */
export const alertChannelsSchema = z.record(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/, { message: 'channel names are letters, digits, _ and -' }), channelSchema);

/** Validates basin.yml's `alerts:` value (absent = no channels). */
export function parseAlertChannels(raw: unknown, yaml?: YamlFile): AlertChannel[] {
  if (raw === undefined || raw === null) return [];
  const parsed = alertChannelsSchema.safeParse(raw);
  if (!parsed.success) {
    const file: YamlFile = yaml ?? { file: 'basin.yml', value: undefined, lineOf: () => undefined, locationOf: () => ({ file: 'basin.yml' }) };
    throw zodIssuesToConfigError(parsed.error.issues, { yaml: file, input: raw, schema: alertChannelsSchema, basePath: ['alerts'] });
  }
  return Object.entries(parsed.data).map(([name, c]) => ({ name, webhook: c.webhook, format: c.format, on: new Set(c.on), jobs: c.jobs }));
}

/** parseAlertChannels, re-reading `basinYml` (absolute path) for line numbers. */
export async function loadAlertChannels(raw: unknown, basinYml?: string): Promise<AlertChannel[]> {
  if (raw === undefined || raw === null) return [];
  return parseAlertChannels(raw, basinYml ? await readYamlFile(basinYml, path.basename(basinYml)) : undefined);
}

/** Whether `channel` wants an alert of `event` (for `job`, when it is a run's). */
export function channelWants(channel: AlertChannel, event: AlertEvent, job?: string): boolean {
  if (!channel.on.has(event)) return false;
  if (event === 'run_failed' && channel.jobs !== undefined) return job !== undefined && channel.jobs.includes(job);
  return true;
}
