import path from 'node:path';
import type { Logger } from '../../core/logger.js';
import { loadProjectConfig } from '../../config/index.js';
import { buildManifest } from '../../transform/compile/build-manifest.js';
import { selectForCommand } from '../../transform/execute/select-for-command.js';
import type { IndirectSelection } from '../../transform/selection/index.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../exit-codes.js';
import { toJson } from '../json-output.js';
import { dialectFor } from '../open-warehouse.js';
import { parseVarsOption } from '../project-session.js';

/** Options of `basin ls`. */
export interface LsOptions {
  project?: string | undefined;
  target?: string | undefined;
  vars?: string | undefined;
  select?: string[] | undefined;
  exclude?: string[] | undefined;
  resourceType?: string[] | undefined;
  indirectSelection?: IndirectSelection | undefined;
  output?: 'selector' | 'name' | 'path' | 'json' | undefined;
  json?: boolean | undefined;
}

/**
 * Lists the project's resources as `dbt ls` does (selector form by default).
 * Parses the project without connecting to the warehouse.
 */
export async function runLs(options: LsOptions, io: CliIo, logger: Logger): Promise<number> {
  const root = path.resolve(io.cwd, options.project ?? '.');
  const config = await loadProjectConfig(root, { target: options.target, logger, env: io.env });
  const manifest = await buildManifest(config, { dialect: dialectFor(config.warehouse), logger, vars: parseVarsOption(options.vars) });
  const { ids, warnings } = selectForCommand(manifest, 'ls', {
    select: options.select,
    exclude: options.exclude,
    indirectSelection: options.indirectSelection,
    resourceTypes: options.resourceType,
  });
  for (const w of warnings) logger.warn(w);
  const output = options.json ? 'json' : (options.output ?? 'selector');
  const rows = ids.map((id) => {
    const node = manifest.nodes.get(id);
    const source = manifest.sources.get(id);
    if (source) {
      return { unique_id: id, resource_type: 'source', name: source.name, package_name: source.packageName, original_file_path: source.originalFilePath, fqn: source.fqn, selector: `source:${source.fqn.join('.')}`, tags: source.tags };
    }
    const n = node!;
    const selector = n.resourceType === 'test' ? n.fqn.join('.') : n.fqn.join('.');
    return {
      unique_id: id,
      resource_type: n.resourceType,
      name: n.name,
      package_name: n.packageName,
      original_file_path: n.originalFilePath,
      fqn: n.fqn,
      selector,
      tags: n.config.tags,
      materialized: n.config.materialized,
      depends_on: n.dependsOn.nodes,
    };
  });
  if (output === 'json') {
    io.stdout.write(`${toJson(rows)}\n`);
  } else {
    for (const r of rows) {
      io.stdout.write(`${output === 'name' ? r.name : output === 'path' ? r.original_file_path : r.selector}\n`);
    }
  }
  return EXIT_OK;
}
