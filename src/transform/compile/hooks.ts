import { BasinError, errorMessage } from '../../core/errors.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { createDbtContext } from '../context/dbt-context.js';
import { IoLedger, renderWithIo } from '../context/pending-io.js';
import { defaultNodeConfig } from '../project/config-merge.js';
import type { ProjectNode } from '../project/types.js';
import { parseTemplate } from './jinja-adapter.js';
import type { Manifest } from './manifest.js';

/** Hook kinds: per node (`pre_hook`, `post_hook`) and per run (`on-run-start`, `on-run-end`). */
export type HookKind = 'pre_hook' | 'post_hook' | 'on-run-start' | 'on-run-end';

function hookSql(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { sql?: unknown }).sql === 'string') return (value as { sql: string }).sql;
  return undefined;
}

function operationNode(manifest: Manifest, kind: HookKind): ProjectNode {
  const name = `${manifest.config.name}-${kind}`;
  return {
    uniqueId: `operation.${manifest.config.name}.${name}`,
    resourceType: 'analysis',
    packageName: manifest.config.name,
    name,
    path: 'dbt_project.yml',
    originalFilePath: 'dbt_project.yml',
    fqn: [manifest.config.name, 'hooks', name],
    rawCode: '',
    language: 'sql',
    config: defaultNodeConfig('analysis'),
    description: '',
    columns: {},
    refs: [],
    sources: [],
    dependsOn: { nodes: [], macros: [] },
    checksum: '',
  };
}

/**
 * Renders and runs hooks: a node's `pre_hook`/`post_hook` (with `this` the
 * node's relation) or the project's `on-run-start`/`on-run-end`. Each hook is
 * Jinja SQL; an empty rendering is skipped.
 */
export async function runHooks(
  manifest: Manifest,
  warehouse: Warehouse,
  kind: HookKind,
  signal?: AbortSignal,
  node?: ProjectNode,
): Promise<void> {
  const raw: unknown[] =
    kind === 'on-run-start' ? manifest.config.onRunStart : kind === 'on-run-end' ? manifest.config.onRunEnd : ((node?.config[kind] as unknown[] | undefined) ?? []);
  if (raw.length === 0) return;
  const owner = node ?? operationNode(manifest, kind);
  const relation = manifest.relations.get(owner.uniqueId) ?? { schema: manifest.config.schema, name: owner.name };
  for (const [i, value] of raw.entries()) {
    const source = hookSql(value);
    if (source === undefined) continue;
    const file = `${owner.filePath ?? owner.originalFilePath} (${kind} ${i + 1})`;
    const template = parseTemplate(source, file);
    const ledger = new IoLedger();
    const ctx = createDbtContext(manifest.invocation, {
      node: owner,
      mode: 'execute',
      relation,
      warehouse,
      ledger,
      config: () => owner.config,
      signal,
    });
    const sql = (await renderWithIo(ledger, () => template.render(ctx), signal)).trim();
    if (!sql) continue;
    try {
      await warehouse.execute(sql, signal ? { signal } : {});
    } catch (err) {
      throw new BasinError('COMPILE', `${file}: ${errorMessage(err)}`, { cause: err });
    }
  }
}
