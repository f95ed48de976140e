import path from 'node:path';
import { loadPackageSpecs, loadProjectConfig } from '../../config/index.js';
import type { Logger } from '../../core/logger.js';
import { toJson } from '../../core/json-text.js';
import { installPackages } from '../../transform/deps/install-packages.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../exit-codes.js';

/** Options of `basin deps`. */
export interface DepsOptions {
  project?: string | undefined;
  json?: boolean | undefined;
}

/** `basin deps`: installs packages.yml's packages into dbt_packages/ (local folders and git repositories). */
export async function runDeps(options: DepsOptions, io: CliIo, logger: Logger): Promise<number> {
  const root = path.resolve(io.cwd, options.project ?? '.');
  const config = await loadProjectConfig(root, { logger, env: io.env });
  const { file, packages } = await loadPackageSpecs(root);
  if (!file) {
    io.stderr.write('No packages.yml (or dependencies.yml): nothing to install\n');
    if (options.json) io.stdout.write('[]\n');
    return EXIT_OK;
  }
  const installed = await installPackages(config, packages, file, logger);
  if (options.json) io.stdout.write(`${toJson(installed)}\n`);
  else for (const p of installed) io.stderr.write(`Installed ${p.name}${p.version ? ` ${p.version}` : ''} from ${p.source} into ${p.dir}\n`);
  return EXIT_OK;
}
