import { BasinError } from '../../core/errors.js';
import type { RelationKind } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { createDbtContext, type RefResolver } from '../context/dbt-context.js';
import { IoLedger, renderWithIo } from '../context/pending-io.js';
import { Relation } from '../context/relation.js';
import { ephemeralCteName, injectCtes, type EphemeralCte } from '../materialize/ephemeral.js';
import { whereFilteredRelation } from '../materialize/test-plan.js';
import type { ProjectNode } from '../project/types.js';
import type { RelationCache } from '../execute/relation-cache.js';
import { resolveRefId, resolveSourceId } from './link-dependencies.js';
import { evaluateExpression, kwargsValue } from './jinja-adapter.js';
import type { Manifest } from './manifest.js';
import { isRefExpression } from './test-kwargs.js';

/** What compiling needs besides the manifest. Without a warehouse, I/O in templates is an error. */
export interface CompileSession {
  warehouse?: Warehouse | undefined;
  relations?: RelationCache | undefined;
  signal?: AbortSignal | undefined;
}

/** A node's compiled SQL (ephemeral CTEs injected; tests: the SQL selecting failing rows). */
export interface CompiledSql {
  sql: string;
}

/**
 * Compiles one node in execute mode: `ref` and `source` resolve to relations,
 * `is_incremental()` sees the warehouse, `run_query` and statements run (by
 * replay, see pending-io.ts), ephemeral models are inlined as CTEs.
 */
export async function compileNode(manifest: Manifest, node: ProjectNode, session: CompileSession): Promise<CompiledSql> {
  const ctes = new Map<string, EphemeralCte>();
  const sql = await compileWithCtes(manifest, node, session, ctes, new Set());
  return { sql: node.resourceType === 'test' || node.resourceType === 'model' || node.resourceType === 'analysis' || node.resourceType === 'snapshot' ? injectCtes(sql, [...ctes.values()]) : sql };
}

async function existingKind(manifest: Manifest, node: ProjectNode, session: CompileSession): Promise<RelationKind | undefined> {
  const rel = manifest.relations.get(node.uniqueId);
  // Only incremental models and snapshots behave differently when their relation exists.
  const matters = node.config.materialized === 'incremental' || node.resourceType === 'snapshot';
  if (!rel || !session.relations || !matters) return undefined;
  return (await session.relations.get(rel, session.signal))?.kind;
}

async function compileWithCtes(
  manifest: Manifest,
  node: ProjectNode,
  session: CompileSession,
  ctes: Map<string, EphemeralCte>,
  visiting: Set<string>,
): Promise<string> {
  const d = manifest.dialect;
  const ephemeralRefs: ProjectNode[] = [];
  const resolver: RefResolver = {
    resolveRef(call, from) {
      const id = resolveRefId(call, from, manifest.nodes, manifest.byName, manifest.config.name);
      const target = id ? manifest.nodes.get(id) : undefined;
      if (!id || !target) throw new BasinError('COMPILE', `${from.originalFilePath}: ref to unknown node '${call.name}'`);
      if (target.config.materialized === 'ephemeral') {
        ephemeralRefs.push(target);
        const name = ephemeralCteName(target.name);
        return { relation: new Relation(d, { schema: '', name }, 'cte', { cteName: name }) };
      }
      return { relation: new Relation(d, manifest.relations.get(id) ?? { schema: manifest.config.schema, name: call.name }) };
    },
    resolveSource(sourceName, tableName, from) {
      const id = resolveSourceId(sourceName, tableName, manifest.sources);
      const source = id ? manifest.sources.get(id) : undefined;
      if (!source) throw new BasinError('COMPILE', `${from.originalFilePath}: source '${sourceName}.${tableName}' is not declared`);
      const ref = source.database ? { database: source.database, schema: source.schema, name: source.identifier } : { schema: source.schema, name: source.identifier };
      return new Relation(d, ref, 'table');
    },
  };
  const relation = manifest.relations.get(node.uniqueId) ?? { schema: manifest.config.schema, name: node.name };
  const kind = await existingKind(manifest, node, session);
  const ledger = new IoLedger();
  const ctx = createDbtContext(manifest.invocation, {
    node,
    mode: 'execute',
    relation,
    existing: kind ? { kind } : undefined,
    resolver,
    warehouse: session.warehouse,
    ledger,
    config: () => node.config,
    signal: session.signal,
  });

  const render = (): string => {
    ephemeralRefs.length = 0;
    if (node.resourceType === 'test' && node.testMetadata) return renderGenericTest(manifest, node, ctx);
    const template = manifest.templates.get(node.uniqueId);
    if (!template) return '';
    return template(ctx);
  };
  const sql = await renderWithIo(ledger, render, session.signal);

  for (const eph of ephemeralRefs) {
    if (ctes.has(eph.uniqueId)) continue;
    if (visiting.has(eph.uniqueId)) throw new BasinError('GRAPH_CYCLE', `ephemeral models reference each other in a cycle at ${eph.name}`);
    visiting.add(eph.uniqueId);
    const body = await compileWithCtes(manifest, eph, session, ctes, visiting);
    visiting.delete(eph.uniqueId);
    ctes.set(eph.uniqueId, { name: ephemeralCteName(eph.name), sql: body });
  }
  return sql;
}

/** Calls the generic test's macro (`test_<name>`) with dbt's arguments. */
function renderGenericTest(manifest: Manifest, node: ProjectNode, ctx: Record<string, unknown>): string {
  const meta = node.testMetadata!;
  const macroName = `test_${meta.name}`;
  const macro = meta.namespace ? manifest.macros.inPackage(meta.namespace, macroName) : manifest.macros.resolve(macroName);
  if (!macro) {
    throw new BasinError(
      'COMPILE',
      `${node.patchPath?.file ?? node.originalFilePath}: test '${meta.namespace ? `${meta.namespace}.` : ''}${meta.name}' is not defined (no macro ${macroName}; define it with {% test ${meta.name}(model, column_name) %} in tests/generic/ or macros/)`,
    );
  }
  const attached = node.attachedNode;
  let model: string;
  if (attached && manifest.sources.has(attached)) {
    const s = manifest.sources.get(attached)!;
    model = new Relation(manifest.dialect, s.database ? { database: s.database, schema: s.schema, name: s.identifier } : { schema: s.schema, name: s.identifier }).render();
  } else if (attached && manifest.relations.has(attached)) {
    model = new Relation(manifest.dialect, manifest.relations.get(attached)!).render();
  } else {
    throw new BasinError('COMPILE', `${node.originalFilePath}: test ${node.name} is not attached to a known model or source`);
  }
  const kwargs: Record<string, unknown> = { model: whereFilteredRelation(model, node.config.where) };
  for (const [key, value] of Object.entries(meta.kwargs)) {
    if (key === 'model') continue;
    kwargs[key] = typeof value === 'string' && isRefExpression(value) ? evaluateExpression(value, ctx, node.originalFilePath) : value;
  }
  if (node.columnName !== undefined && kwargs['column_name'] === undefined) kwargs['column_name'] = node.columnName;
  const fn = manifest.macros.bind(macro, ctx);
  return String(fn(kwargsValue(kwargs)));
}
