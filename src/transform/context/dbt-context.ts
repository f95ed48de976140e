import { Column } from './column.js';
import type { LogicalType } from '../../core/types.js';
import { createHash } from 'node:crypto';
import { BasinError, TemplateError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { RelationKind, TableRef } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { NodeConfig, ProjectNode, RefCall } from '../project/types.js';
import { AgateTable } from './agate-table.js';
import { hostArgs, macroReturn } from './host-args.js';
import type { IoLedger } from './pending-io.js';
import { PyDatetime } from './py-datetime.js';
import { Relation } from './relation.js';

/** How a context behaves: `parse` records refs and config without I/O; `execute` resolves and may query. */
export type ContextMode = 'parse' | 'execute';

/** What the context needs to resolve `ref()` and `source()` in execute mode. */
export interface RefResolver {
  /** The node a ref points to, or a BasinError naming the missing model. */
  resolveRef(call: RefCall, from: ProjectNode): { relation: Relation };
  resolveSource(sourceName: string, tableName: string, from: ProjectNode): Relation;
}

/** Everything shared by the contexts of one invocation. */
export interface InvocationContext {
  dialect: SqlDialect;
  projectName: string;
  target: Record<string, unknown>;
  vars: (packageName: string) => Record<string, unknown>;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  invocationId: string;
  runStartedAt: Date;
  fullRefresh: boolean;
  /** `graph` as dbt exposes it to templates (nodes and sources as plain dicts). */
  graph: () => Record<string, unknown>;
  /** Globals every context inherits (bound macros live on this object's prototype chain). */
  macroBase: object;
}

/** What a node's render needs beyond the invocation. */
export interface NodeRenderState {
  node: ProjectNode;
  mode: ContextMode;
  /** The node's relation (`this`). */
  relation: TableRef;
  /** Execute mode: the relation currently in the warehouse at `this`, if any. */
  existing?: { kind: RelationKind } | undefined;
  resolver?: RefResolver | undefined;
  warehouse?: Warehouse | undefined;
  ledger?: IoLedger | undefined;
  /** Parse mode: receives `config()` calls. */
  onConfig?: ((values: Record<string, unknown>) => void) | undefined;
  /** Parse mode: receives `ref()` and `source()` calls. */
  onRef?: ((call: RefCall) => void) | undefined;
  onSource?: ((source: string, table: string) => void) | undefined;
  /** Current config values (for `config.get`). */
  config: () => NodeConfig;
  signal?: AbortSignal | undefined;
}

const truthy = (v: unknown): boolean => v !== undefined && v !== null && v !== false && v !== 0 && v !== '';

function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new BasinError('COMPILE', `${what} must be a string (got ${JSON.stringify(value)})`);
  return value;
}

/**
 * Builds the dbt template context for one node: `ref`, `source`, `config`,
 * `var`, `env_var`, `this`, `is_incremental`, `target`, `adapter`,
 * `run_query`, `statement`, `load_result`, `log`, `return`, `exceptions`,
 * `execute`, `flags`, `run_started_at`, `invocation_id`, `model`, `graph`,
 * `api`, `modules`, `zip`, `tojson`, `fromjson`, `local_md5`. Project macros are
 * inherited from `inv.macroBase` and bind to this context when looked up.
 */
export function createDbtContext(inv: InvocationContext, state: NodeRenderState): Record<string, unknown> {
  const ctx = Object.create(invocationBase(inv)) as Record<string, unknown>;
  const d = inv.dialect;
  const node = state.node;
  const execute = state.mode === 'execute';
  const statementResults = new Map<string, unknown>();

  const thisRelation = new Relation(d, state.relation, state.existing?.kind ?? null);

  const ref = (...args: unknown[]): Relation => {
    const { positional, kwargs } = hostArgs(args);
    if (positional.length < 1 || positional.length > 2) {
      throw new BasinError('COMPILE', `ref() takes one or two arguments (model name, or package and model name); got ${positional.length}`);
    }
    const version = kwargs['version'] ?? kwargs['v'];
    const call: RefCall =
      positional.length === 2
        ? { package: requireString(positional[0], 'ref() package'), name: requireString(positional[1], 'ref() model name') }
        : { name: requireString(positional[0], 'ref() model name') };
    if (version !== undefined && version !== null) call.version = version as string | number;
    if (!execute || !state.resolver) {
      state.onRef?.(call);
      return new Relation(d, { schema: state.relation.schema, name: call.name });
    }
    return state.resolver.resolveRef(call, node).relation;
  };

  const source = (...args: unknown[]): Relation => {
    const { positional } = hostArgs(args);
    if (positional.length !== 2) throw new BasinError('COMPILE', `source() takes two arguments (source name, table name)`);
    const s = requireString(positional[0], 'source() source name');
    const t = requireString(positional[1], 'source() table name');
    if (!execute || !state.resolver) {
      state.onSource?.(s, t);
      return new Relation(d, { schema: s, name: t });
    }
    return state.resolver.resolveSource(s, t, node);
  };

  const config = Object.assign(
    (...args: unknown[]): string => {
      const { positional, kwargs } = hostArgs(args);
      const values: Record<string, unknown> = { ...kwargs };
      const first = positional[0];
      if (first !== undefined && first !== null && typeof first === 'object') Object.assign(values, first);
      if (!execute) state.onConfig?.(values);
      return '';
    },
    {
      get: (...args: unknown[]): unknown => {
        const { positional, kwargs } = hostArgs(args);
        const key = requireString(positional[0], 'config.get() key');
        const fallback = positional.length > 1 ? positional[1] : (kwargs['default'] ?? null);
        const value = state.config()[key];
        return value === undefined ? fallback : value;
      },
      require: (key: unknown): unknown => {
        const value = state.config()[requireString(key, 'config.require() key')];
        if (value === undefined || value === null) {
          throw new BasinError('COMPILE', `${node.originalFilePath}: config '${String(key)}' is required`);
        }
        return value;
      },
    },
  );

  const varFn = (...args: unknown[]): unknown => {
    const { positional } = hostArgs(args);
    const name = requireString(positional[0], 'var() name');
    const vars = inv.vars(node.packageName);
    if (Object.prototype.hasOwnProperty.call(vars, name)) return vars[name];
    if (positional.length > 1) return positional[1];
    throw new BasinError('COMPILE', `Required var '${name}' not found in config: set it under vars in basin.yml or dbt_project.yml, or pass --vars`);
  };

  const envVar = (...args: unknown[]): unknown => {
    const { positional } = hostArgs(args);
    const name = requireString(positional[0], 'env_var() name');
    const value = inv.env[name];
    if (value !== undefined) return value;
    if (positional.length > 1) return positional[1];
    throw new BasinError('COMPILE', `Env var required but not provided: '${name}'`);
  };

  const isIncremental = (): boolean =>
    execute &&
    state.config().materialized === 'incremental' &&
    state.existing?.kind === 'table' &&
    !(inv.fullRefresh && state.config().full_refresh !== false);

  const io = <T>(text: string, perform: (wh: Warehouse) => Promise<T>): T | null => {
    if (!execute) return null;
    const warehouse = state.warehouse;
    const ledger = state.ledger;
    if (!warehouse || !ledger) throw new BasinError('COMPILE', 'this command does not connect to the warehouse');
    return ledger.request(text, () => perform(warehouse));
  };

  const runQuery = (sql: unknown): AgateTable | null =>
    io(`run_query:${String(sql)}`, async (wh) => {
      const res = await wh.query(String(sql), [], { signal: state.signal });
      return new AgateTable(res.columns, res.rows);
    });

  const statement = (...args: unknown[]): string => {
    const { positional, kwargs } = hostArgs(args);
    const name = String(positional[0] ?? kwargs['name'] ?? 'statement');
    const fetch = truthy(kwargs['fetch_result'] ?? positional[1]);
    const caller = kwargs['caller'];
    if (typeof caller !== 'function') throw new BasinError('COMPILE', 'statement must be used as a call block: {% call statement(...) %}');
    const sql = String((caller as () => unknown)());
    if (!execute) return '';
    const result = io(`statement:${sql}`, async (wh) => {
      const res = await wh.query(sql, [], { signal: state.signal });
      return {
        response: { _message: `OK ${res.rowCount}`, rows_affected: res.rowCount, code: 'OK' },
        table: new AgateTable(res.columns, res.rows),
      };
    });
    if (result) {
      const table = result.table;
      statementResults.set(name, {
        response: result.response,
        table: fetch ? table : null,
        data: fetch ? table.rows : [],
      });
    }
    return '';
  };

  const loadResult = (name: unknown): unknown => statementResults.get(String(name)) ?? null;

  const relationFromArgs = (args: unknown[]): TableRef => {
    const { positional, kwargs } = hostArgs(args);
    const database = (kwargs['database'] ?? positional[0]) as string | null | undefined;
    const schema = requireString(kwargs['schema'] ?? positional[1], 'schema');
    const identifier = requireString(kwargs['identifier'] ?? positional[2], 'identifier');
    return database ? { database, schema, name: identifier } : { schema, name: identifier };
  };

  const adapter = {
    type: (): string => d.name,
    quote: (name: unknown): string => d.quoteIdentifier(String(name)),
    dispatch: (...args: unknown[]): unknown => {
      const { positional, kwargs } = hostArgs(args);
      const macroName = requireString(positional[0] ?? kwargs['macro_name'], 'adapter.dispatch() macro name');
      const namespace = (positional[1] ?? kwargs['macro_namespace']) as string | undefined;
      return dispatchMacro(ctx, d.name, macroName, namespace);
    },
    get_relation: (...args: unknown[]): Relation | null => {
      const ref = relationFromArgs(args);
      const found = io(`get_relation:${JSON.stringify(ref)}`, (wh) => wh.getRelation(ref, { signal: state.signal }));
      return found ? new Relation(d, ref, found.kind) : null;
    },
    get_columns_in_relation: (relation: unknown): unknown[] => {
      if (!(relation instanceof Relation)) throw new BasinError('COMPILE', 'adapter.get_columns_in_relation() expects a relation');
      const ref = relation.toRef();
      const cols = io(`get_columns:${JSON.stringify(ref)}`, (wh) => wh.getColumns(ref, { signal: state.signal }));
      return (cols ?? []).map((c) => new Column(c.name, c.type, d));
    },
    check_schema_exists: (...args: unknown[]): boolean => {
      const { positional, kwargs } = hostArgs(args);
      const schema = String(kwargs['schema'] ?? positional[1] ?? positional[0]);
      const schemas = io('list_schemas', (wh) => wh.listSchemas({ signal: state.signal }));
      return (schemas ?? []).includes(schema);
    },
  };

  const log = (...args: unknown[]): string => {
    const { positional, kwargs } = hostArgs(args);
    const message = String(positional[0] ?? '');
    if (truthy(kwargs['info'] ?? positional[1])) inv.logger.info(message, { node: node.uniqueId });
    else inv.logger.debug(message, { node: node.uniqueId });
    return '';
  };

  const exceptions = {
    raise_compiler_error: (message: unknown): never => {
      throw new TemplateError('TEMPLATE_RUNTIME', `Compilation Error in ${node.resourceType} ${node.name} (${node.originalFilePath}): ${String(message)}`);
    },
    warn: (message: unknown): string => {
      inv.logger.warn(String(message), { node: node.uniqueId });
      return '';
    },
  };

  ctx['ref'] = ref;
  ctx['source'] = source;
  ctx['config'] = config;
  ctx['var'] = varFn;
  ctx['env_var'] = envVar;
  ctx['this'] = thisRelation;
  ctx['is_incremental'] = isIncremental;
  ctx['should_full_refresh'] = () => inv.fullRefresh && state.config().full_refresh !== false;
  ctx['adapter'] = adapter;
  ctx['run_query'] = runQuery;
  ctx['statement'] = statement;
  ctx['load_result'] = loadResult;
  ctx['log'] = log;
  ctx['exceptions'] = exceptions;
  ctx['execute'] = execute;
  ctx['builtins'] = { ref, source, config };
  // `model` (the node as a dict) and `graph` (every node) are built on first use.
  let model: Record<string, unknown> | undefined;
  Object.defineProperty(ctx, 'model', {
    enumerable: true,
    configurable: true,
    get: () => (model ??= nodeAsDict(node, state)),
    set: (v: Record<string, unknown>) => {
      model = v;
    },
  });
  Object.defineProperty(ctx, 'graph', {
    enumerable: true,
    configurable: true,
    get: () => (execute ? inv.graph() : { nodes: {}, sources: {} }),
  });
  return ctx;
}

const bases = new WeakMap<InvocationContext, object>();

/**
 * The names that are the same for every node of an invocation (`target`,
 * `run_started_at`, `flags`, `zip`, ...), on one object every node's context
 * inherits from (it inherits the bound macros in turn), so each node's
 * context only carries what depends on the node.
 */
function invocationBase(inv: InvocationContext): object {
  let base = bases.get(inv);
  if (base) return base;
  const d = inv.dialect;
  base = Object.assign(Object.create(inv.macroBase) as object, {
    target: inv.target,
    print: (m: unknown) => {
      inv.logger.info(String(m));
      return '';
    },
    return: macroReturn,
    flags: { FULL_REFRESH: inv.fullRefresh, WHICH: 'run' },
    run_started_at: new PyDatetime(inv.runStartedAt),
    invocation_id: inv.invocationId,
    project_name: inv.projectName,
    dbt_version: '1.9.0',
    api: {
      // dbt's Column.translate_type: a generic type name to the warehouse's own (unknown names unchanged).
      Column: {
        translate_type: (name: unknown) => {
          const generic: Record<string, LogicalType> = { string: 'text', text: 'text', integer: 'integer', int: 'integer', bigint: 'bigint', float: 'double', boolean: 'boolean', timestamp: 'timestamp', date: 'date' };
          const logical = generic[String(name).toLowerCase()];
          return logical ? d.typeFor(logical) : String(name);
        },
      },
      Relation: {
        create: (...args: unknown[]) => {
          const { positional, kwargs } = hostArgs(args);
          const database = (kwargs['database'] ?? positional[0]) as string | null | undefined;
          const schema = requireString(kwargs['schema'] ?? positional[1], 'schema');
          const identifier = requireString(kwargs['identifier'] ?? positional[2], 'identifier');
          const ref = database ? { database, schema, name: identifier } : { schema, name: identifier };
          return new Relation(d, ref, (kwargs['type'] as RelationKind | undefined) ?? null);
        },
      },
    },
    modules: { datetime: { datetime: { now: () => new PyDatetime(new Date()), utcnow: () => new PyDatetime(new Date()) } } },
    zip: (...lists: unknown[]) => {
      const arrays = lists.map((l) => (Array.isArray(l) ? l : []));
      const n = Math.min(...arrays.map((a) => a.length));
      return Array.from({ length: Number.isFinite(n) ? n : 0 }, (_, i) => arrays.map((a) => a[i]));
    },
    tojson: (v: unknown) => JSON.stringify(v),
    fromjson: (s: unknown) => JSON.parse(String(s)),
    local_md5: (s: unknown) => md5Hex(String(s)),
  });
  bases.set(inv, base);
  return base;
}

/** The `model` variable: the node as a dict, dbt-style. */
function nodeAsDict(node: ProjectNode, state: NodeRenderState): Record<string, unknown> {
  return {
    unique_id: node.uniqueId,
    name: node.name,
    resource_type: node.resourceType,
    package_name: node.packageName,
    path: node.path,
    original_file_path: node.originalFilePath,
    fqn: node.fqn,
    schema: state.relation.schema,
    alias: state.relation.name,
    database: state.relation.database ?? null,
    config: state.config(),
    tags: state.config().tags,
    description: node.description,
    columns: node.columns,
    version: node.version ?? null,
    latest_version: node.latestVersion ?? null,
    raw_code: node.rawCode,
    raw_sql: node.rawCode,
  };
}

/**
 * dbt's `adapter.dispatch(name, namespace)`: the first of `<adapter>__name`,
 * `default__name` found in the namespace (a package name) or, without one, in
 * the root project and then Basin's built-ins.
 */
function dispatchMacro(ctx: Record<string, unknown>, adapterName: string, macroName: string, namespace: string | undefined): unknown {
  const candidates = [`${adapterName}__${macroName}`, `default__${macroName}`];
  const scopes: Array<Record<string, unknown>> = [];
  if (namespace) {
    const ns = ctx[namespace];
    if (ns && typeof ns === 'object') scopes.push(ns as Record<string, unknown>);
  }
  scopes.push(ctx);
  for (const scope of scopes) {
    for (const candidate of candidates) {
      const fn = scope[candidate];
      if (typeof fn === 'function') return fn;
    }
  }
  throw new BasinError(
    'COMPILE',
    `adapter.dispatch: no macro named ${candidates.join(' or ')}${namespace ? ` in namespace '${namespace}'` : ''}`,
  );
}

function md5Hex(s: string): string {
  return createHash('md5').update(s).digest('hex');
}
