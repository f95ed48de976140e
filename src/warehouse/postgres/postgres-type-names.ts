import type { ClientBase, FieldDef } from 'pg';

/** format_type() output for common OIDs with no type modifier. */
const KNOWN: ReadonlyMap<number, string> = new Map([
  [16, 'BOOLEAN'],
  [17, 'BYTEA'],
  [19, 'NAME'],
  [20, 'BIGINT'],
  [21, 'SMALLINT'],
  [23, 'INTEGER'],
  [25, 'TEXT'],
  [26, 'OID'],
  [114, 'JSON'],
  [700, 'REAL'],
  [701, 'DOUBLE PRECISION'],
  [1043, 'CHARACTER VARYING'],
  [1082, 'DATE'],
  [1083, 'TIME WITHOUT TIME ZONE'],
  [1114, 'TIMESTAMP WITHOUT TIME ZONE'],
  [1184, 'TIMESTAMP WITH TIME ZONE'],
  [1186, 'INTERVAL'],
  [1266, 'TIME WITH TIME ZONE'],
  [1700, 'NUMERIC'],
  [2950, 'UUID'],
  [3802, 'JSONB'],
  [1000, 'BOOLEAN[]'],
  [1005, 'SMALLINT[]'],
  [1007, 'INTEGER[]'],
  [1016, 'BIGINT[]'],
  [1009, 'TEXT[]'],
  [1015, 'CHARACTER VARYING[]'],
  [1022, 'DOUBLE PRECISION[]'],
  [1231, 'NUMERIC[]'],
]);

/**
 * Basin's canonical spelling of a Postgres type: `format_type()` output
 * upper-cased outside double quotes (`timestamp(3) without time zone` ->
 * `TIMESTAMP(3) WITHOUT TIME ZONE`; `"MyEnum"` keeps its case).
 */
export function canonicalPgType(formatted: string): string {
  return formatted
    .split('"')
    .map((part, i) => (i % 2 === 0 ? part.toUpperCase() : part))
    .join('"');
}

/**
 * Names result columns' types in the same canonical form introspection uses.
 * Common types are named locally; others are looked up once with
 * format_type() on the querying client and cached.
 */
export class PgTypeNames {
  private readonly cache = new Map<string, string>();

  async namesOf(client: ClientBase, fields: readonly FieldDef[]): Promise<string[]> {
    const missing: FieldDef[] = [];
    const names = fields.map((f) => {
      const name = this.known(f);
      if (name === undefined) missing.push(f);
      return name;
    });
    if (missing.length > 0) {
      const res = await client.query<{ oid: number; mod: number; name: string }>(
        'SELECT t.oid::int AS oid, t.mod, format_type(t.oid, t.mod) AS name FROM unnest($1::oid[], $2::int[]) AS t(oid, mod)',
        [missing.map((f) => f.dataTypeID), missing.map((f) => f.dataTypeModifier)],
      );
      for (const row of res.rows) this.cache.set(`${row.oid}:${row.mod}`, canonicalPgType(row.name));
    }
    return names.map((n, i) => n ?? this.cache.get(key(fields[i]!)) ?? `OID ${fields[i]!.dataTypeID}`);
  }

  private known(f: FieldDef): string | undefined {
    const cached = this.cache.get(key(f));
    if (cached) return cached;
    const mod = f.dataTypeModifier;
    if (mod === -1) return KNOWN.get(f.dataTypeID);
    if (f.dataTypeID === 1700 && mod >= 4) return `NUMERIC(${((mod - 4) >> 16) & 0xffff},${(mod - 4) & 0xffff})`;
    if (f.dataTypeID === 1043 && mod >= 4) return `CHARACTER VARYING(${mod - 4})`;
    return undefined;
  }
}

function key(f: FieldDef): string {
  return `${f.dataTypeID}:${f.dataTypeModifier}`;
}
