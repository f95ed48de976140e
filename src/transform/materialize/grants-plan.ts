/**
 * `grants: {select: [role, ...]}`: privileges on a model's relation, applied
 * as dbt does: privileges the config lists are granted, and privileges the
 * relation has that the config no longer lists (for the privileges it names)
 * are revoked. Pure SQL generation; grantees are written as given (as dbt
 * does), so `PUBLIC` and quoted names both work.
 */
import type { TableRef } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';
import type { NodeConfig } from '../project/types.js';

/** Privilege -> grantees. */
export type GrantMap = Map<string, string[]>;

/** The config's grants, privileges lower-cased; a single grantee may be written as a string. */
export function grantsFromConfig(config: NodeConfig): GrantMap {
  const raw = config['grants'];
  const out: GrantMap = new Map();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [privilege, grantees] of Object.entries(raw as Record<string, unknown>)) {
    const list = Array.isArray(grantees) ? grantees.map(String) : typeof grantees === 'string' ? [grantees] : [];
    out.set(privilege.toLowerCase(), list);
  }
  return out;
}

/** Postgres' current grants on a relation, other than the owner's. */
export function existingGrantsSql(d: SqlDialect, target: TableRef): string {
  return (
    'select lower(privilege_type) as privilege, grantee from information_schema.role_table_grants ' +
    `where table_schema = ${d.quoteLiteral(target.schema)} and table_name = ${d.quoteLiteral(target.name)} and grantee <> current_user`
  );
}

const unquote = (role: string): string => (role.startsWith('"') && role.endsWith('"') ? role.slice(1, -1) : role.toLowerCase());

/** GRANT and REVOKE statements taking the relation from `existing` to `wanted`. */
export function planGrants(d: SqlDialect, target: TableRef, wanted: GrantMap, existing: GrantMap): string[] {
  const rel = d.relation(target);
  const statements: string[] = [];
  for (const [privilege, grantees] of wanted) {
    const had = new Set((existing.get(privilege) ?? []).map((g) => g.toLowerCase()));
    const want = new Set(grantees.map(unquote).map((g) => g.toLowerCase()));
    const revoke = [...had].filter((g) => !want.has(g));
    if (revoke.length > 0) statements.push(`revoke ${privilege} on ${rel} from ${revoke.map((g) => (g === 'public' ? 'PUBLIC' : d.quoteIdentifier(g))).join(', ')}`);
    if (grantees.length > 0) statements.push(`grant ${privilege} on ${rel} to ${grantees.join(', ')}`);
  }
  return statements;
}
