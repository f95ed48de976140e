import type { RelationInfo, TableRef } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';

const key = (name: string): string => name.toLowerCase();

/**
 * What relations exist, per schema, listed once per run and kept current as
 * the run creates and drops relations, so a 1,000-model run does not ask the
 * warehouse about each relation separately.
 */
export class RelationCache {
  readonly #schemas = new Map<string, Promise<Map<string, RelationInfo>>>();
  readonly #ensured = new Map<string, Promise<void>>();

  constructor(readonly warehouse: Warehouse) {}

  #load(schema: string, signal?: AbortSignal): Promise<Map<string, RelationInfo>> {
    let entry = this.#schemas.get(key(schema));
    if (!entry) {
      entry = this.warehouse
        .listRelations(schema, signal ? { signal } : {})
        .then((list) => new Map(list.map((r) => [key(r.name), r])));
      this.#schemas.set(key(schema), entry);
      entry.catch(() => this.#schemas.delete(key(schema)));
    }
    return entry;
  }

  /** The relation at `ref`, if any. */
  async get(ref: TableRef, signal?: AbortSignal): Promise<RelationInfo | undefined> {
    return (await this.#load(ref.schema, signal)).get(key(ref.name));
  }

  /** Records that `ref` now exists as `kind`. */
  async set(info: RelationInfo): Promise<void> {
    (await this.#load(info.schema)).set(key(info.name), info);
  }

  /** Records that `ref` no longer exists. */
  async delete(ref: TableRef): Promise<void> {
    (await this.#load(ref.schema)).delete(key(ref.name));
  }

  /** Creates the schema once per run (no-op when it exists). */
  ensureSchema(schema: string, database: string | undefined, signal?: AbortSignal): Promise<void> {
    const k = `${database ?? ''}.${key(schema)}`;
    let entry = this.#ensured.get(k);
    if (!entry) {
      entry = this.warehouse.execute(this.warehouse.dialect.createSchema(schema, database), signal ? { signal } : {});
      this.#ensured.set(k, entry);
      entry.catch(() => this.#ensured.delete(k));
    }
    return entry;
  }
}
