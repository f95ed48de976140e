import { randomUUID } from 'node:crypto';
import { BasinError, ConfigError, TemplateError, errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { TableRef } from '../../core/types.js';
import { varsForPackage, type ProjectConfig } from '../../config/index.js';
import type { SqlDialect } from '../../warehouse/dialect.js';
import { BUILTIN_MACROS_PATH, BUILTIN_MACROS_SOURCE, BUILTIN_PACKAGE } from '../builtins/builtin-macros.js';
import { createDbtContext, type InvocationContext } from '../context/dbt-context.js';
import { applyConfigCalls } from '../project/config-resolve.js';
import type { ConfigPatch } from '../project/config-merge.js';
import { parseProjectFiles } from '../project/parse-project-files.js';
import { snapshotBlockNode } from '../project/snapshot-blocks.js';
import type { NodeConfig, ProjectNode, RefCall, SourceDefinition } from '../project/types.js';
import { evaluateExpression, parseTemplate } from './jinja-adapter.js';
import { MacroRegistry, type MacroFile } from './macro-registry.js';
import type { Manifest, NodeTemplate } from './manifest.js';
import { graphForManifest } from './manifest-graph.js';
import { nodeRelation } from './relation-naming.js';
import { isRefExpression } from './test-kwargs.js';
import { graphVariable } from './graph-variable.js';
import { linkDependencies, linkExposures } from './link-dependencies.js';
import { collectDocsBlocks, renderDescription, sourceWithRenderedDocs, withRenderedDocs } from './docs-blocks.js';

/** Options of {@link buildManifest}. */
export interface BuildManifestOptions {
  dialect: SqlDialect;
  logger: Logger;
  /** `--vars`: override project vars. */
  vars?: Record<string, unknown> | undefined;
  fullRefresh?: boolean | undefined;
  /** Database name of the target (DuckDB: the file's catalog; Postgres: the database). */
  targetDatabase?: string | undefined;
  threads?: number | undefined;
  invocationId?: string | undefined;
}

/** Target variables templates see as `target`. */
function targetOf(config: ProjectConfig, options: BuildManifestOptions): Record<string, unknown> {
  const wh = config.warehouse;
  return {
    name: config.targetName,
    target_name: config.targetName,
    schema: config.schema,
    type: wh.type,
    database: options.targetDatabase ?? (wh.type === 'postgres' ? wh.database : duckDbCatalogName(wh.path)),
    threads: options.threads ?? config.threads,
    profile_name: config.profile ?? config.name,
    ...(wh.type === 'postgres' ? { host: wh.host, port: wh.port, user: wh.user, dbname: wh.database } : { path: wh.path }),
  };
}

/** DuckDB names a database file's catalog after the file's base name (`memory` for `:memory:`). */
function duckDbCatalogName(file: string): string {
  if (file === ':memory:' || file === '') return 'memory';
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[^.]*$/, '');
}

function locate(node: { originalFilePath: string; filePath?: string | undefined }): string {
  return node.filePath ?? node.originalFilePath;
}

/** Adds the node's file to an error that lacks a location. */
function inFile(err: unknown, file: string, what: string): Error {
  if (err instanceof TemplateError && err.location) return err;
  if (err instanceof ConfigError && err.location) return err;
  if (err instanceof BasinError) {
    return new BasinError(err.code === 'TEMPLATE_RUNTIME' ? 'TEMPLATE_RUNTIME' : 'COMPILE', `${file}: ${what}: ${err.message}`, { cause: err });
  }
  return new BasinError('COMPILE', `${file}: ${what}: ${errorMessage(err)}`, { cause: err });
}

/**
 * Parses and links a project: reads its files (project/), loads macros,
 * renders every node once in parse mode to learn its `ref`, `source` and
 * `config` calls (as dbt's parser does), names each node's relation, links
 * references and builds the graph (which rejects cycles, naming them).
 */
export async function buildManifest(config: ProjectConfig, options: BuildManifestOptions): Promise<Manifest> {
  const { dialect, logger } = options;
  const parsed = await parseProjectFiles(config, { logger });

  const macroFiles: MacroFile[] = [
    { packageName: BUILTIN_PACKAGE, originalFilePath: BUILTIN_MACROS_PATH, source: BUILTIN_MACROS_SOURCE, template: parseTemplate(BUILTIN_MACROS_SOURCE, BUILTIN_MACROS_PATH) },
  ];
  for (const file of parsed.macroFiles) {
    macroFiles.push({
      packageName: file.packageName,
      originalFilePath: file.path,
      source: file.source,
      template: parseTemplate(file.source, file.filePath),
    });
  }
  const macros = new MacroRegistry(macroFiles, config.name, BUILTIN_PACKAGE);

  const packageVars = new Map<string, Record<string, unknown>>(parsed.packages.map((p) => [p.name, p.vars]));
  const cliVars = options.vars ?? {};
  const varsCache = new Map<string, Record<string, unknown>>();
  const nodes = new Map<string, ProjectNode>();
  const disabled: ProjectNode[] = [];
  const templates = new Map<string, NodeTemplate>();
  const relations = new Map<string, TableRef>();
  let manifestRef: Manifest | undefined;
  let graphCache: Record<string, unknown> | undefined;

  const invocation: InvocationContext = {
    dialect,
    projectName: config.name,
    target: targetOf(config, options),
    vars: (pkg) => {
      let v = varsCache.get(pkg);
      if (!v) {
        v = { ...varsForPackage(config.vars, pkg, pkg === config.name ? {} : packageVars.get(pkg)), ...cliVars };
        varsCache.set(pkg, v);
      }
      return v;
    },
    env: config.env,
    logger,
    invocationId: options.invocationId ?? randomUUID(),
    runStartedAt: new Date(),
    fullRefresh: options.fullRefresh ?? false,
    graph: () => {
      if (!manifestRef) return { nodes: {}, sources: {} };
      graphCache ??= graphVariable(manifestRef);
      return graphCache;
    },
    macroBase: macros.base,
  };

  // Snapshot files hold one or more `{% snapshot %}` blocks: each is a node.
  const candidates: Array<{ node: ProjectNode; template: NodeTemplate | undefined }> = [];
  for (const node of parsed.nodes) {
    if (node.resourceType === 'snapshot') {
      const file = parseTemplate(node.rawCode, locate(node));
      for (const block of file.snapshots()) {
        candidates.push({
          node: snapshotBlockNode(node, block.name, parsed),
          template: (ctx) => block.render(ctx),
        });
      }
      continue;
    }
    const template = node.rawCode && !(node.resourceType === 'test' && node.testMetadata) ? parseTemplate(node.rawCode, locate(node)) : undefined;
    candidates.push({ node, template: template ? (ctx) => template.render(ctx) : undefined });
  }

  for (const { node, template } of candidates) {
    const calls: ConfigPatch[] = [];
    const refs: RefCall[] = [];
    const sources: Array<[string, string]> = [];
    let current: NodeConfig = node.config;
    const state = {
      node,
      mode: 'parse' as const,
      relation: { schema: config.schema, name: node.name },
      config: () => current,
      onConfig: (values: Record<string, unknown>) => {
        calls.push(values);
        current = applyConfigCalls(node, calls);
      },
      onRef: (call: RefCall) => refs.push(call),
      onSource: (s: string, t: string) => sources.push([s, t]),
    };
    const ctx = createDbtContext(invocation, state);
    try {
      if (template) template(ctx);
      if (node.testMetadata) collectTestKwargRefs(node.testMetadata.kwargs, ctx);
    } catch (err) {
      throw inFile(err, locate(node), `parsing ${node.resourceType} ${node.name}`);
    }
    const finalConfig = calls.length > 0 ? applyConfigCalls(node, calls) : node.config;
    const resolved: ProjectNode = {
      ...node,
      config: finalConfig,
      refs: [...node.refs, ...refs],
      sources: [...node.sources, ...sources],
    };
    if (finalConfig.enabled === false) {
      disabled.push(resolved);
      continue;
    }
    if (nodes.has(resolved.uniqueId)) {
      const other = nodes.get(resolved.uniqueId) as ProjectNode;
      throw new ConfigError(`two ${resolved.resourceType}s are named '${resolved.name}': ${locate(other)} and ${locate(resolved)}`, {
        location: { file: locate(resolved) },
      });
    }
    nodes.set(resolved.uniqueId, resolved);
    if (template) templates.set(resolved.uniqueId, template);
  }

  const docs = collectDocsBlocks(parsed.docsFiles);
  for (const [id, node] of nodes) nodes.set(id, withRenderedDocs(node, docs, config.name));
  const sources = new Map<string, SourceDefinition>();
  for (const s of parsed.sources) if (s.config.enabled !== false) sources.set(s.uniqueId, sourceWithRenderedDocs(s, docs, config.name));

  const byName = new Map<string, string[]>();
  for (const node of nodes.values()) {
    if (node.resourceType !== 'model' && node.resourceType !== 'seed' && node.resourceType !== 'snapshot') continue;
    const list = byName.get(node.name) ?? [];
    list.push(node.uniqueId);
    byName.set(node.name, list);
  }

  const namingTarget = { schema: config.schema, database: undefined };
  for (const node of nodes.values()) {
    const ctx = () => createDbtContext(invocation, { node, mode: 'parse', relation: { schema: config.schema, name: node.name }, config: () => node.config });
    try {
      relations.set(node.uniqueId, nodeRelation(node, node.config, namingTarget, macros, ctx));
    } catch (err) {
      throw inFile(err, locate(node), `naming the relation of ${node.name}`);
    }
  }

  linkDependencies(nodes, sources, byName, config.name, disabled);
  const exposures = linkExposures(
    parsed.exposures.map((e) => ({ ...e, description: renderDescription(e.description, docs, e.packageName, config.name, e.filePath) })),
    nodes,
    sources,
    byName,
    config.name,
  );
  const graph = graphForManifest(nodes, sources, exposures);
  const manifest: Manifest = { config, dialect, nodes, sources, exposures, disabled, macros, relations, templates, graph, invocation, byName };
  manifestRef = manifest;
  return manifest;
}

/** Generic test arguments such as `to: ref('customers')` are expressions: record their refs. */
function collectTestKwargRefs(kwargs: Record<string, unknown>, ctx: Record<string, unknown>): void {
  for (const value of Object.values(kwargs)) {
    if (typeof value === 'string' && isRefExpression(value)) {
      evaluateExpression(value, ctx, '<test argument>');
    }
  }
}
