import { BasinError } from '../../core/errors.js';
import { fnmatch } from './fnmatch.js';
import { compileFqnMethod } from './fqn-match.js';
import { compilePathGlob, globMatchesFileOrFolder, pathSegments } from './path-glob.js';
import type { SelectableNode } from './selectable-node.js';

/** What a selector method gets besides the value. */
export interface SelectorMethodContext {
  /** Every node selection may return. */
  nodes: readonly SelectableNode[];
  /** Dotted arguments, e.g. `['materialized']` for `config.materialized:`. */
  arguments: readonly string[];
  /** The root project's name (`package:this`). */
  projectName: string | undefined;
}

/** One `method:` of the selection syntax. */
export interface SelectorMethod {
  /** Yields the ids of the nodes matching `value`. Throw BasinError SELECTION for invalid values. */
  search(value: string, context: SelectorMethodContext): Iterable<string>;
  /** True when the method takes dotted arguments (`config.<key>:`); others reject them. */
  takesArguments?: boolean;
  /** Set on methods Basin recognises but cannot evaluate; the text says why. */
  unsupported?: string;
}

/** A table of selector methods by name. Spread it to add or replace methods. */
export type SelectorMethodTable = Readonly<Record<string, SelectorMethod>>;

/** Every dbt resource type, valid for `resource_type:` even when no such node exists. */
export const DBT_RESOURCE_TYPES: readonly string[] = [
  'model', 'analysis', 'test', 'snapshot', 'operation', 'seed', 'rpc', 'sql_operation', 'doc', 'source',
  'macro', 'exposure', 'metric', 'group', 'saved_query', 'semantic_model', 'unit_test', 'fixture', 'function',
];

function* matching(nodes: readonly SelectableNode[], test: (node: SelectableNode) => boolean): Iterable<string> {
  for (const node of nodes) if (test(node)) yield node.uniqueId;
}

function selectionError(message: string): BasinError {
  return new BasinError('SELECTION', message);
}

/** `exposure:`, `metric:` and the like: `name` or `package.name`, with wildcards. */
function namedResource(resourceType: string, label: string): SelectorMethod {
  return {
    search(value, { nodes }) {
      const parts = value.split('.');
      if (parts.length > 2) {
        throw selectionError(`Invalid ${label} selector value "${value}": expected \`name\` or \`package.name\``);
      }
      const [pkg, name] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['*', parts[0]!];
      return matching(nodes, (n) => n.resourceType === resourceType && fnmatch(n.packageName, pkg) && fnmatch(n.name, name));
    },
  };
}

/** Orders model versions numerically when both are numbers, else as text (as dbt does). */
function compareVersions(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)];
  return Number.isNaN(x) || Number.isNaN(y) ? a.localeCompare(b) : x - y;
}

function unsupported(reason: string): SelectorMethod {
  return { unsupported: reason, search: () => [] };
}

/** Reads `config.a.b` like dbt's `_getattr_descend`; undefined when a key is absent. */
function descend(config: Readonly<Record<string, unknown>>, keys: readonly string[]): { found: boolean; value: unknown } {
  let value: unknown = config;
  for (const key of keys) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) {
      return { found: false, value: undefined };
    }
    value = (value as Record<string, unknown>)[key];
  }
  return { found: true, value };
}

function configValueMatches(value: unknown, selector: string, caseInsensitive: boolean): boolean {
  const lower = selector.toLowerCase();
  const scalar = (v: unknown): boolean => {
    if (typeof v === 'string') return caseInsensitive ? v.toLowerCase() === lower : v === selector;
    if (typeof v === 'boolean') return (lower === 'true' && v) || (lower === 'false' && !v);
    if (typeof v === 'number' || typeof v === 'bigint') return String(v) === selector;
    return false;
  };
  return Array.isArray(value) ? value.some(scalar) : scalar(value);
}

/** The built-in methods: dbt's, plus `kind:` for non-dbt assets. */
export const defaultSelectorMethods: SelectorMethodTable = {
  fqn: {
    search(value, { nodes }) {
      const matches = compileFqnMethod(value);
      return matching(nodes, (n) => n.resourceType !== 'source' && matches(n.fqn));
    },
  },
  tag: {
    search: (value, { nodes }) => matching(nodes, (n) => n.tags.some((tag) => fnmatch(tag, value))),
  },
  source: {
    search(value, { nodes }) {
      const parts = value.split('.');
      let pkg = '*';
      let source: string;
      let table = '*';
      if (parts.length === 1) source = parts[0]!;
      else if (parts.length === 2) [source, table] = [parts[0]!, parts[1]!];
      else if (parts.length === 3) [pkg, source, table] = [parts[0]!, parts[1]!, parts[2]!];
      else {
        throw selectionError(
          `Invalid source selector value "${value}": sources must be written \`source_name\`, \`source_name.table_name\` or \`package_name.source_name.table_name\``,
        );
      }
      return matching(
        nodes,
        (n) =>
          n.resourceType === 'source' &&
          fnmatch(n.packageName, pkg) &&
          fnmatch(n.sourceName ?? '', source) &&
          fnmatch(n.name, table),
      );
    },
  },
  path: {
    search(value, { nodes }) {
      const v = value.replace(/\\/g, '/');
      if (v.startsWith('/') || /^[A-Za-z]:\//.test(v)) {
        throw selectionError(`Invalid path selector "${value}": paths are relative to the project root`);
      }
      const glob = compilePathGlob(v);
      return matching(nodes, (n) => {
        if (n.originalFilePath === '') return false;
        if (globMatchesFileOrFolder(glob, n.originalFilePath)) return true;
        return n.patchPath !== undefined && n.patchPath !== '' && glob(pathSegments(n.patchPath));
      });
    },
  },
  file: {
    search(value, { nodes }) {
      return matching(nodes, (n) => {
        const base = n.originalFilePath.replace(/\\/g, '/').split('/').pop() ?? '';
        if (base === '') return false;
        const dot = base.lastIndexOf('.');
        const stem = dot > 0 ? base.slice(0, dot) : base;
        return fnmatch(base, value) || fnmatch(stem, value);
      });
    },
  },
  package: {
    search(value, { nodes, projectName }) {
      const pattern = value === 'this' && projectName !== undefined ? projectName : value;
      return matching(nodes, (n) => fnmatch(n.packageName, pattern));
    },
  },
  config: {
    takesArguments: true,
    search(value, { nodes, arguments: keys }) {
      if (keys.length === 0) throw selectionError(`The config method needs a key, e.g. config.materialized:${value || 'table'}`);
      const caseInsensitive = keys.length === 1 && keys[0] === 'severity';
      return matching(nodes, (n) => {
        const { found, value: v } = descend(n.config, keys);
        return found && configValueMatches(v, value, caseInsensitive);
      });
    },
  },
  resource_type: {
    search(value, { nodes }) {
      if (!DBT_RESOURCE_TYPES.includes(value) && !nodes.some((n) => n.resourceType === value)) {
        throw selectionError(`Invalid resource_type selector "${value}": expected one of ${DBT_RESOURCE_TYPES.join(', ')}`);
      }
      return matching(nodes, (n) => n.resourceType === value);
    },
  },
  test_name: {
    search: (value, { nodes }) =>
      matching(
        nodes,
        (n) =>
          (n.resourceType === 'test' && n.testName !== undefined && fnmatch(n.testName, value)) ||
          (n.resourceType === 'unit_test' && fnmatch(n.name, value)),
      ),
  },
  test_type: {
    search(value, { nodes }) {
      const generic = value === 'generic' || value === 'schema' || value === 'data';
      const singular = value === 'singular' || value === 'data';
      const unit = value === 'unit';
      if (!generic && !singular && !unit) {
        throw selectionError(`Invalid test type selector "${value}": expected "generic", "singular", "unit", or "data"`);
      }
      return matching(
        nodes,
        (n) =>
          (n.resourceType === 'test' && ((generic && n.testType === 'generic') || (singular && n.testType === 'singular'))) ||
          (unit && n.resourceType === 'unit_test'),
      );
    },
  },
  group: {
    search: (value, { nodes }) =>
      matching(nodes, (n) => typeof n.config['group'] === 'string' && fnmatch(n.config['group'], value)),
  },
  access: {
    search(value, { nodes }) {
      return matching(nodes, (n) => {
        if (n.resourceType !== 'model') return false;
        const access = typeof n.config['access'] === 'string' ? n.config['access'] : 'protected';
        return access === value;
      });
    },
  },
  kind: {
    search: (value, { nodes }) => matching(nodes, (n) => fnmatch(n.kind ?? n.resourceType, value)),
  },
  exposure: namedResource('exposure', 'exposure'),
  metric: namedResource('metric', 'metric'),
  semantic_model: namedResource('semantic_model', 'semantic model'),
  saved_query: namedResource('saved_query', 'saved query'),
  unit_test: namedResource('unit_test', 'unit test'),
  state: unsupported('it compares against a previous run\'s manifest (--state), which Basin does not support yet'),
  result: unsupported('it reads a previous run\'s run_results.json (--state), which Basin does not support yet'),
  source_status: unsupported('it compares source freshness results from a previous run, which Basin does not support yet'),
  version: {
    search(value, { nodes }) {
      if (!['latest', 'prerelease', 'old', 'none'].includes(value)) {
        throw selectionError(`Invalid version selector "${value}": expected "latest", "prerelease", "old" or "none"`);
      }
      return matching(nodes, (n) => {
        if (n.resourceType !== 'model') return false;
        if (n.version === undefined || n.latestVersion === undefined) return value === 'none';
        const order = compareVersions(n.version, n.latestVersion);
        return value === 'latest' ? order === 0 : value === 'prerelease' ? order > 0 : value === 'old' ? order < 0 : false;
      });
    },
  },
};

/** Throws a SELECTION error for a method the table does not know, cannot run, or that is given arguments it does not take. */
export function validateSelectorMethod(
  methods: SelectorMethodTable,
  method: string,
  args: readonly string[],
  raw: string,
): void {
  const entry = Object.hasOwn(methods, method) ? methods[method] : undefined;
  if (entry === undefined) {
    const known = Object.keys(methods)
      .filter((name) => !methods[name]!.unsupported)
      .join(', ');
    throw selectionError(`'${method}' is not a valid method name in selector "${raw}". Valid methods: ${known}`);
  }
  if (entry.unsupported) {
    throw selectionError(`The '${method}:' selector method is not supported (in "${raw}"): ${entry.unsupported}`);
  }
  if (args.length > 0 && !entry.takesArguments) {
    throw selectionError(
      `The '${method}' method takes no arguments, but "${raw}" gives ".${args.join('.')}"; only config takes arguments (config.materialized:table)`,
    );
  }
}
