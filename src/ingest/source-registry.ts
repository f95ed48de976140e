import { ConfigError } from '../core/errors.js';
import type { SourceFactory } from './source.js';

/** The connectors Basin knows, by `type`. Wired by the CLI (built-ins) and extended by custom sources. */
export class SourceRegistry {
  readonly #factories = new Map<string, SourceFactory<unknown>>();

  constructor(factories: Iterable<SourceFactory<unknown>> = []) {
    for (const f of factories) this.register(f);
  }

  register(factory: SourceFactory<unknown>): void {
    this.#factories.set(factory.type, factory);
  }

  /** The factory for `type`; a ConfigError naming the file and the known types otherwise. */
  get(type: string, file: string): SourceFactory<unknown> {
    const factory = this.#factories.get(type);
    if (!factory) {
      throw new ConfigError(`unknown source type '${type}'; known types: ${this.types().join(', ')}`, {
        location: { file },
        key: 'type',
      });
    }
    return factory;
  }

  types(): string[] {
    return [...this.#factories.keys()].sort();
  }
}
