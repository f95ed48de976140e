/**
 * Validates a connection's `config:` block with its connector's zod schema.
 * Errors name the file, line and key (`sources/stripe.yml:4: config.api_key:
 * is required (expected string)`) and never echo a value.
 */
import type { ZodType } from 'zod';
import { scrubSecrets } from './env-interpolation.js';
import type { ConnectionConfig } from './connection-config.js';
import type { DestinationConfig } from './destination-config.js';
import { connectionSecretValues } from './connection-redaction.js';
import type { KeyPath, YamlFile } from './yaml-file.js';
import { zodIssuesToConfigError } from './zod-issues.js';

/** Parses `connection.config` with `schema`; throws a ConfigError located in the connection's file. */
export function validateConnectionConfig<T>(connection: ConnectionConfig, schema: ZodType<T>): T {
  return validateConnectionPart(connection, schema, ['config'], connection.config);
}

/** Parses one stream's settings (`streams.<name>`) with `schema`; errors are located like `validateConnectionConfig`'s. */
export function validateStreamSettings<T>(connection: ConnectionConfig, stream: string, schema: ZodType<T>): T {
  return validateConnectionPart(connection, schema, ['streams', stream], connection.streams[stream] ?? {});
}

/** Parses a destination's `config` (destinations/*.yml) with its type's schema; errors located and scrubbed the same way. */
export function validateDestinationConfig<T>(destination: DestinationConfig, schema: ZodType<T>): T {
  return validateConnectionPart({ ...destination, streams: {} }, schema, ['config'], destination.config);
}

type ValidatedFile = Pick<ConnectionConfig, 'file' | 'locate' | 'config' | 'streams' | 'secretPaths'>;

function validateConnectionPart<T>(connection: ValidatedFile, schema: ZodType<T>, basePath: KeyPath, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const secrets = connectionSecretValues(connection);
  throw zodIssuesToConfigError(parsed.error.issues, {
    yaml: locator(connection),
    input,
    schema,
    basePath,
    scrub: (text) => scrubSecrets(text, secrets),
  });
}

/** A YamlFile view of a connection's `locate`, for zod-issues.ts. */
function locator(connection: Pick<ConnectionConfig, 'file' | 'locate'>): YamlFile {
  return {
    file: connection.file,
    value: undefined,
    lineOf: (path) => connection.locate(path).line,
    locationOf: (path) => connection.locate(path),
  };
}
