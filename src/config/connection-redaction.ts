/**
 * What the CLI and UI may show of a connection: its `config` and stream
 * settings with every value that came from the environment, and every value
 * under a key that looks secret, replaced by `***`.
 */
import type { ConnectionConfig } from './connection-config.js';
import { formatKeyPath, isPlainObject } from './yaml-file.js';

/** The mask shown instead of a secret value. */
export const REDACTED = '***';

const SECRET_WORDS = ['password', 'passwd', 'token', 'secret', 'api_key', 'apikey', 'private_key', 'privatekey', 'authorization', 'credentials'];
/** Keys that name a place, not a credential (`token_url`, `authorization_endpoint`). */
const NOT_SECRET_SUFFIX = /_(url|uri|endpoint)$/;

/** True for keys such as `password`, `api_key`, `apiKey`, `client_secret`, `access_token`, `Authorization`. */
export function isSecretKey(key: string): boolean {
  const normal = key.toLowerCase().replace(/-/g, '_');
  if (NOT_SECRET_SUFFIX.test(normal)) return false;
  return SECRET_WORDS.some((word) => normal.includes(word));
}

/** A copy of `connection.config` safe to display. */
export function redactedConfig(connection: Pick<ConnectionConfig, 'config' | 'secretPaths'>): Record<string, unknown> {
  return redact(connection.config, ['config'], new Set(connection.secretPaths)) as Record<string, unknown>;
}

/** A copy of `connection.streams` safe to display. */
export function redactedStreams(
  connection: Pick<ConnectionConfig, 'streams' | 'secretPaths'>,
): Record<string, Record<string, unknown>> {
  return redact(connection.streams, ['streams'], new Set(connection.secretPaths)) as Record<string, Record<string, unknown>>;
}

/**
 * The string values a message about this connection must never contain:
 * values from the environment and values under secret-looking keys.
 */
export function connectionSecretValues(connection: Pick<ConnectionConfig, 'config' | 'streams' | 'secretPaths'>): string[] {
  const secrets = new Set(connection.secretPaths);
  const found: string[] = [];
  const walk = (value: unknown, path: Array<string | number>, underSecretKey: boolean): void => {
    if (typeof value === 'string' || typeof value === 'number') {
      if (underSecretKey || secrets.has(formatKeyPath(path))) found.push(String(value));
      return;
    }
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], underSecretKey));
    else if (isPlainObject(value)) {
      for (const [k, item] of Object.entries(value)) walk(item, [...path, k], underSecretKey || isSecretKey(k));
    }
  };
  walk(connection.config, ['config'], false);
  walk(connection.streams, ['streams'], false);
  return found;
}

function redact(value: unknown, path: Array<string | number>, secretPaths: ReadonlySet<string>): unknown {
  if (value === null || value === undefined) return value;
  if (secretPaths.has(formatKeyPath(path))) return REDACTED;
  if (Array.isArray(value)) return value.map((item, i) => redact(item, [...path, i], secretPaths));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(value)) {
      out[k] = isSecretKey(k) && item !== null && item !== undefined ? REDACTED : redact(item, [...path, k], secretPaths);
    }
    return out;
  }
  return value;
}
