import type { RelationKind, TableRef } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';
import { HOST_MAPPING } from '../jinja/index.js';

/**
 * dbt's Relation as templates see it: `{{ ref('x') }}` prints the quoted,
 * qualified name; `.schema`, `.identifier`, `.name`, `.database`, `.type`,
 * `.include()`, `.render()`, `.incorporate()` work as in dbt.
 */
export class Relation {
  readonly database: string | null;
  readonly schema: string;
  readonly identifier: string;
  readonly type: RelationKind | 'cte' | null;
  readonly #dialect: SqlDialect;
  readonly #include: { database: boolean; schema: boolean; identifier: boolean };
  /** Set for ephemeral models: the relation prints as this CTE name. */
  readonly #cteName: string | undefined;

  constructor(
    dialect: SqlDialect,
    ref: TableRef,
    type: RelationKind | 'cte' | null = null,
    options: { include?: { database: boolean; schema: boolean; identifier: boolean }; cteName?: string } = {},
  ) {
    this.#dialect = dialect;
    this.database = ref.database ?? null;
    this.schema = ref.schema;
    this.identifier = ref.name;
    this.type = type;
    this.#include = options.include ?? { database: ref.database !== undefined, schema: true, identifier: true };
    this.#cteName = options.cteName;
  }

  /** dbt's Relation is a Mapping (dbt_utils tests `relation is mapping`). */
  readonly [HOST_MAPPING] = true;

  /** Mapping access as dbt's Relation offers it: `path`, `type`, `metadata` (`{ type: '<Adapter>Relation' }`), ... */
  get(key: unknown, fallback: unknown = null): unknown {
    switch (key) {
      case 'path':
        return { database: this.database, schema: this.schema, identifier: this.identifier };
      case 'type':
        return this.type;
      case 'metadata':
        return { type: 'Relation' };
      case 'database':
      case 'schema':
      case 'identifier':
        return this[key];
      default:
        return fallback;
    }
  }

  /** The identifier (dbt's `relation.name`). */
  get name(): string {
    return this.identifier;
  }
  get table(): string {
    return this.identifier;
  }
  get is_table(): boolean {
    return this.type === 'table';
  }
  get is_view(): boolean {
    return this.type === 'view';
  }
  get is_cte(): boolean {
    return this.type === 'cte';
  }

  /** The plain table reference. */
  toRef(): TableRef {
    return this.database === null
      ? { schema: this.schema, name: this.identifier }
      : { database: this.database, schema: this.schema, name: this.identifier };
  }

  /** A copy rendering only the chosen parts (`include(database=False)`). */
  include(options: { database?: boolean; schema?: boolean; identifier?: boolean } = {}): Relation {
    return new Relation(this.#dialect, this.toRef(), this.type, {
      include: {
        database: options.database ?? this.#include.database,
        schema: options.schema ?? this.#include.schema,
        identifier: options.identifier ?? this.#include.identifier,
      },
      ...(this.#cteName === undefined ? {} : { cteName: this.#cteName }),
    });
  }

  /** A copy with a different type or path parts. */
  incorporate(options: { type?: RelationKind; path?: { database?: string; schema?: string; identifier?: string } } = {}): Relation {
    const path = options.path ?? {};
    const ref: TableRef = {
      schema: path.schema ?? this.schema,
      name: path.identifier ?? this.identifier,
    };
    const db = path.database ?? this.database;
    if (db !== null) ref.database = db;
    return new Relation(this.#dialect, ref, options.type ?? this.type, { include: this.#include });
  }

  /** The quoted, qualified name as SQL. */
  render(): string {
    if (this.#cteName !== undefined) return this.#cteName;
    const d = this.#dialect;
    const parts: string[] = [];
    if (this.#include.database && this.database !== null) parts.push(d.quoteIdentifier(this.database));
    if (this.#include.schema) parts.push(d.quoteIdentifier(this.schema));
    if (this.#include.identifier) parts.push(d.quoteIdentifier(this.identifier));
    return parts.join('.');
  }

  toString(): string {
    return this.render();
  }
}
