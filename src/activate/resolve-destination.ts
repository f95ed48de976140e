/**
 * Turns a destinations/*.yml entry into what a sync run needs: the factory of
 * its type (built-in, or the project's custom module), its config validated
 * by that factory's schema (errors name the file, line and key, secrets
 * scrubbed), and the secret values to hide from every message.
 */
import { connectionSecretValues, validateDestinationConfig, type DestinationConfig } from '../config/index.js';
import { ConfigError } from '../core/errors.js';
import type { DestinationFactory } from './destination.js';
import { loadCustomDestination } from './custom/load-custom-destination.js';

export interface ResolvedDestination {
  destination: DestinationConfig;
  factory: DestinationFactory;
  config: unknown;
  secrets: string[];
}

/** Resolves `destination` among `builtins` (or its custom module). */
export async function resolveDestination(destination: DestinationConfig, builtins: readonly DestinationFactory[], projectDir: string): Promise<ResolvedDestination> {
  let factory: DestinationFactory | undefined;
  if (destination.type === 'custom') {
    factory = await loadCustomDestination(destination.module ?? '', destination.file, projectDir);
  } else {
    factory = builtins.find((f) => f.type === destination.type);
    if (!factory) {
      throw new ConfigError(`unknown destination type "${destination.type}"; known: ${[...builtins.map((b) => b.type), 'custom'].join(', ')}`, {
        location: destination.locate(['type']),
        key: 'type',
      });
    }
  }
  const config = validateDestinationConfig(destination, factory.configSchema);
  return { destination, factory, config, secrets: connectionSecretValues({ ...destination, streams: {} }) };
}
