/**
 * The ConfigError of invalid per-stream settings (`streams:` of
 * sources/*.yml), naming the stream and the key: `streams.orders.primary_key`,
 * or the unknown keys (`streams.orders.colums`).
 */
import type { z } from 'zod';
import { ConfigError } from '../../core/errors.js';

/** The first issue of `error` as a ConfigError located at `streams.<stream>...`. */
export function streamSettingsError(stream: string, error: z.ZodError): ConfigError {
  const issue = error.issues[0];
  const path = issue?.path.length ? `.${issue.path.join('.')}` : '';
  const keys = issue?.code === 'unrecognized_keys' ? `.${issue.keys.join(', ')}` : '';
  return new ConfigError(issue?.message ?? 'invalid stream settings', { key: `streams.${stream}${path}${keys}` });
}
